using System.Text.Json.Nodes;

namespace Universe.Cli.Wire;

/// <summary><c>POST /package/describe</c> v3 response: <c>{"package": &lt;package definition&gt;}</c>.</summary>
public sealed record DescribeResponse(JsonObject Package);
