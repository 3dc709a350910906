using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Universe.Cli.Configuration;

namespace Universe.Cli.Wire;

/// <summary>Source-generated JSON metadata for every wire record (no reflection at startup).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = false)]
[JsonSerializable(typeof(CliConfig))]
[JsonSerializable(typeof(SearchRequest))]
[JsonSerializable(typeof(SearchResponse))]
[JsonSerializable(typeof(DescribeRequest))]
[JsonSerializable(typeof(DescribeResponse))]
[JsonSerializable(typeof(ListVersionsRequest))]
[JsonSerializable(typeof(ListVersionsResponse))]
[JsonSerializable(typeof(RenderRequest))]
[JsonSerializable(typeof(RenderResponse))]
[JsonSerializable(typeof(InstallRequest))]
[JsonSerializable(typeof(InstallResponse))]
[JsonSerializable(typeof(UninstallRequest))]
[JsonSerializable(typeof(UninstallResponse))]
[JsonSerializable(typeof(ListRequest))]
[JsonSerializable(typeof(ListResponse))]
[JsonSerializable(typeof(RepositoryAddRequest))]
[JsonSerializable(typeof(RepositoryDeleteRequest))]
[JsonSerializable(typeof(RepositoryListRequest))]
[JsonSerializable(typeof(RepositoryListResponse))]
[JsonSerializable(typeof(ServiceUpdateRequest))]
[JsonSerializable(typeof(ServiceUpdateResponse))]
[JsonSerializable(typeof(ServiceHistoryRequest))]
[JsonSerializable(typeof(ServiceHistoryResponse))]
[JsonSerializable(typeof(ServiceDiffRequest))]
[JsonSerializable(typeof(ServiceDiffResponse))]
[JsonSerializable(typeof(ServiceRollbackRequest))]
[JsonSerializable(typeof(ServiceRollbackResponse))]
[JsonSerializable(typeof(CosmosErrorResponse))]
[JsonSerializable(typeof(JsonObject))]
[JsonSerializable(typeof(JsonArray))]
[JsonSerializable(typeof(JsonNode))]
public sealed partial class CliJsonContext : JsonSerializerContext;
