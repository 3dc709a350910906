using System.Text.Json.Nodes;
using Universe.Builder.Bundles;
using Universe.Builder.Mirroring;
using Universe.Cosmos.Packages;
using Universe.Registry;

namespace Universe.Builder.Tests.TestSupport;

/// <summary>A temp directory with a universe tree source and a bundle, and a runner to mirror between them.</summary>
public sealed class MirrorHarness : IDisposable
{
    public MirrorHarness()
    {
        Root = Directory.CreateTempSubdirectory("mirror-tests-").FullName;
        Source = Path.Combine(Root, "source");
        Bundle = Path.Combine(Root, "bundle");
        Directory.CreateDirectory(Path.Combine(Source, "repo", "packages"));
    }

    public string Root { get; }

    public string Source { get; }

    public string Bundle { get; }

    public StringWriter Output { get; private set; } = new();

    public StringWriter Error { get; private set; } = new();

    public static RetryPolicy FastPolicy { get; } = new() { MaxRetries = 3, BaseDelay = TimeSpan.FromMilliseconds(20), ReadIdleTimeout = TimeSpan.FromSeconds(10) };

    public void AddPackage(string name, string version, long release, JsonObject resource, JsonObject? command = null)
    {
        var package = Mirroring.TestPackages.Package(name, version, release, resource: resource);
        if (command is not null)
        {
            package.Json["command"] = command;
            package.Json["packagingVersion"] = "3.0";
            package = PackageDecoder.Decode(package.Json);
        }

        UniverseTreeWriter.WriteRevision(Path.Combine(Source, "repo", "packages"), package);
    }

    public MirrorArgs Args(MirrorSelection? selection = null, bool failFast = false, RetryPolicy? policy = null, MirrorProxyArgs? proxy = null, int jobs = 4) =>
        new(Source, Bundle, selection ?? MirrorSelection.Everything, false, false, true, jobs, failFast, proxy ?? new MirrorProxyArgs(null, null), policy ?? FastPolicy);

    public async Task<int> MirrorAsync(MirrorArgs args, bool terminal = false)
    {
        Output = new StringWriter();
        Error = new StringWriter();
        var runner = new MirrorRunner(Output, Error, terminal, TimeProvider.System);
        return await runner.RunAsync(args, CancellationToken.None);
    }

    public Task<BundleManifest> ManifestAsync() => BundleManifest.ReadAsync(Bundle, CancellationToken.None)!;

    public void Dispose()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }
}
