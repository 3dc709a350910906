using System.Text.Json;
using System.Text.Json.Nodes;
using Universe.Cosmos.Errors;
using Universe.Cosmos.Packages;
using Universe.Cosmos.Rendering.Errors;

namespace Universe.Cosmos.Rendering.Marathon;

/// <summary>Decoration of the rendered app (cosmos-api.md §4.5): <c>id</c> override, template labels kept, the five Cosmos labels last.</summary>
public static class MarathonDecorator
{
    public const string PackageNameLabel = "DCOS_PACKAGE_NAME";
    public const string PackageVersionLabel = "DCOS_PACKAGE_VERSION";
    public const string PackageSourceLabel = "DCOS_PACKAGE_SOURCE";
    public const string PackageOptionsLabel = "DCOS_PACKAGE_OPTIONS";
    public const string PackageDefinitionLabelName = "DCOS_PACKAGE_DEFINITION";

    private const string LabelsTypeName = "scala.collection.immutable.Map";

    /// <summary>Decorates <paramref name="app"/> in place and returns it.</summary>
    public static JsonObject Decorate(JsonObject app, PackageDefinition package, JsonObject? userOptions, string? appId, string repositoryUri)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(package);
        ArgumentNullException.ThrowIfNull(repositoryUri);
        var labels = TemplateLabels(app);
        if (appId is not null)
        {
            app["id"] = NormalizeAppId(appId);
        }

        labels[PackageNameLabel] = package.Name;
        labels[PackageVersionLabel] = package.Version;
        labels[PackageSourceLabel] = repositoryUri;
        labels[PackageOptionsLabel] = EncodeOptions(userOptions);
        labels[PackageDefinitionLabelName] = PackageDefinitionLabel.Encode(package);
        return app;
    }

    /// <summary>An app id with a leading slash (Cosmos's <c>AppId</c>).</summary>
    public static string NormalizeAppId(string appId)
    {
        ArgumentNullException.ThrowIfNull(appId);
        return appId.StartsWith('/') ? appId : "/" + appId;
    }

    /// <summary><c>DCOS_PACKAGE_OPTIONS</c>: base64 of the compact user options, nulls dropped; <c>e30=</c> (<c>{}</c>) when none.</summary>
    public static string EncodeOptions(JsonObject? userOptions) =>
        Convert.ToBase64String(CompactJson.ToUtf8(userOptions ?? [], dropNulls: true));

    /// <summary>The template's <c>labels</c> (created when absent or null, keeping its position), which must map strings to strings; throws <c>JsonDecodingError</c> otherwise.</summary>
    private static JsonObject TemplateLabels(JsonObject app)
    {
        if (!app.TryGetPropertyValue("labels", out var node) || node is null)
        {
            var created = new JsonObject();
            app["labels"] = created;
            return created;
        }

        if (node is not JsonObject labels)
        {
            throw DecodingError("Object: DownField(labels)", node);
        }

        foreach (var (key, value) in labels)
        {
            if (value is not JsonValue v || v.GetValueKind() != JsonValueKind.String)
            {
                throw DecodingError($"String: DownField({key})", labels);
            }
        }

        return labels;
    }

    private static CosmosException DecodingError(string reason, JsonNode input) =>
        new(new JsonDecodingError(LabelsTypeName, reason, input.ToJsonString()));
}
