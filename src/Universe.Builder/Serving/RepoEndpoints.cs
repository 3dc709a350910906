using Microsoft.AspNetCore.Http.HttpResults;
using Universe.Builder.Build;

namespace Universe.Builder.Serving;

/// <summary>
/// The Universe server's routes over the registered <see cref="IRepoSource"/>. GET and HEAD everywhere.
/// <code>
/// /repo                               negotiated repo-up-to-&lt;v&gt;.json (Accept version=v3|v4|v5, User-Agent dcos/&lt;v&gt;, ?dcosVersion=)
/// /package/{name}[.json]              negotiated &lt;v&gt;/package/&lt;name&gt;.json
/// /repo-up-to-{version}.json          as built, with its .content_type
/// /universe.json /repo-empty-v3.json  as built
/// /{file}.content_type                the content type files
/// /{version}/package/{name}.json      as built
/// </code>
/// </summary>
public static class RepoEndpoints
{
    private const string NegotiatedVary = "Accept, User-Agent, Accept-Encoding";
    private const string FileVary = "Accept-Encoding";
    private static readonly string[] GetHead = [HttpMethods.Get, HttpMethods.Head];

    public static IEndpointRouteBuilder MapRepoEndpoints(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapMethods("/repo", GetHead, RepoAsync);
        app.MapMethods("/package/{name}", GetHead, PackageAsync);
        app.MapMethods("/repo-up-to-{version}.json", GetHead, (string version, IRepoSource source, CancellationToken ct) => FileAsync(RepoGenerator.RepoFileName(version), source, ct));
        app.MapMethods("/universe.json", GetHead, (IRepoSource source, CancellationToken ct) => FileAsync(RepoGenerator.UniverseFile, source, ct));
        app.MapMethods("/repo-empty-v3.json", GetHead, (IRepoSource source, CancellationToken ct) => FileAsync(RepoGenerator.EmptyFile, source, ct));
        app.MapMethods("/{file}.content_type", GetHead, (string file, IRepoSource source, CancellationToken ct) => FileAsync(file + ".content_type", source, ct));
        app.MapMethods("/{version}/package/{name}.json", GetHead, (string version, string name, IRepoSource source, CancellationToken ct) => FileAsync(RepoGenerator.PackageFileName(version, name), source, ct));
        return app;
    }

    private static async Task<IResult> RepoAsync(HttpRequest request, IRepoSource source, CancellationToken cancellationToken)
    {
        var snapshot = await source.GetSnapshotAsync(cancellationToken);
        var choice = Negotiate(request, snapshot);
        return choice.DcosVersion is { } version
            ? new RepoFileResult(snapshot.Find(RepoGenerator.RepoFileName(version))!, snapshot.LastModified, NegotiatedVary)
            : Error(choice.Status, choice.ErrorType!, choice.Error!, new Dictionary<string, string?> { ["accept"] = request.Headers.Accept.ToString(), ["userAgent"] = request.Headers.UserAgent.ToString() });
    }

    private static async Task<IResult> PackageAsync(string name, HttpRequest request, IRepoSource source, CancellationToken cancellationToken)
    {
        var packageName = name.EndsWith(".json", StringComparison.Ordinal) ? name[..^".json".Length] : name;
        var snapshot = await source.GetSnapshotAsync(cancellationToken);
        var choice = Negotiate(request, snapshot);
        if (choice.DcosVersion is not { } version)
        {
            return Error(choice.Status, choice.ErrorType!, choice.Error!, new Dictionary<string, string?> { ["packageName"] = packageName });
        }

        return snapshot.Find(RepoGenerator.PackageFileName(version, packageName)) is { } file
            ? new RepoFileResult(file, snapshot.LastModified, NegotiatedVary)
            : Error(404, "PackageNotFound", $"Package [{packageName}] not found for DC/OS {version}", new Dictionary<string, string?> { ["packageName"] = packageName, ["dcosVersion"] = version });
    }

    private static async Task<IResult> FileAsync(string path, IRepoSource source, CancellationToken cancellationToken)
    {
        var snapshot = await source.GetSnapshotAsync(cancellationToken);
        return snapshot.Find(path) is { } file
            ? new RepoFileResult(file, snapshot.LastModified, FileVary)
            : Error(404, "NotFound", $"No file [{path}] in this repository", new Dictionary<string, string?> { ["path"] = path });
    }

    private static RepoChoice Negotiate(HttpRequest request, RepoSnapshot snapshot) =>
        RepoNegotiation.Choose(snapshot.DcosVersions, request.Headers.Accept.ToString(), request.Headers.UserAgent.ToString(), request.Query["dcosVersion"].ToString());

    private static JsonHttpResult<ServeError> Error(int status, string type, string message, IReadOnlyDictionary<string, string?> data) =>
        TypedResults.Json(new ServeError(type, message, data), statusCode: status);
}
