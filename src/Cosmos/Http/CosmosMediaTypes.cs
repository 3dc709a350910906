namespace Universe.Cosmos.Http;

/// <summary>Media types every RPC shares.</summary>
public static class CosmosMediaTypes
{
    /// <summary>The media type of every error response.</summary>
    public const string Error = "application/vnd.dcos.package.error+json;charset=utf-8;version=v1";

    /// <summary><c>application/vnd.dcos.{kind}+json;charset=utf-8;version={version}</c>, e.g. kind <c>package.search-response</c>.</summary>
    public static string Vendor(string kind, string version) => $"application/vnd.dcos.{kind}+json;charset=utf-8;version={version}";
}
