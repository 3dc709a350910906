using System.Text.Json.Nodes;

namespace Universe.Cli.Wire;

/// <summary>The Cosmos error envelope <c>{type, message, data}</c>.</summary>
public sealed record CosmosErrorResponse(string Type, string Message, JsonObject? Data);
