using System.CommandLine;
using Universe.Registry;

namespace Universe.Builder.Mirroring;

/// <summary><c>universe mirror --source … --out …</c> (parsing only; the work is <see cref="MirrorRunner"/>).</summary>
public static class MirrorCommand
{
    public static Command Create(Func<MirrorArgs, CancellationToken, Task<int>> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var source = new Option<string>("--source") { Description = "Universe tree directory, repo JSON file or URL, or git remote (git+https://…[#ref])", Required = true };
        var output = new Option<string?>("--out", "-o") { Description = "Bundle directory (created; an existing bundle is updated incrementally)" };
        var include = new Option<string[]>("--include") { Description = "name or name:version to mirror (repeatable)", AllowMultipleArgumentsPerToken = false };
        var selected = new Option<bool>("--selected") { Description = "Packages whose newest revision is marked selected (newest revision that fits each DC/OS version)" };
        var dcos = new Option<string[]>("--dcos-version") { Description = "DC/OS version the bundle serves (repeatable)" };
        var latest = new Option<bool>("--latest-only") { Description = "Only the newest revision of each package that fits each DC/OS version" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the plan (packages, distinct URLs and images, bytes from HEAD) and fetch nothing" };
        var json = new Option<bool>("--json") { Description = "With --dry-run: print the plan as JSON" };
        var noHead = new Option<bool>("--no-head") { Description = "With --dry-run: send no HEAD requests for sizes" };
        var jobs = new Option<int>("--jobs", "-j") { Description = "Artifacts fetched in parallel", DefaultValueFactory = _ => 8 };
        var failFast = new Option<bool>("--fail-fast") { Description = "Stop at the first failed artifact (default: keep going, mark packages incomplete)" };
        var proxy = new Option<string?>("--proxy") { Description = "HTTP proxy URL for every host not in NO_PROXY, loopback included (else HTTPS_PROXY/HTTP_PROXY)" };
        var credentials = new Option<string?>("--proxy-credentials-file") { Description = "File with one line user:password for the proxy, read at every run" };
        var caFiles = new Option<string[]>("--ca-file") { Description = "PEM file of extra CA certificates trusted for https (internal CA, TLS-intercepting proxy); repeatable", AllowMultipleArgumentsPerToken = false };
        var retries = new Option<int>("--retries") { Description = "Attempts per artifact on 5xx, resets and stalls", DefaultValueFactory = _ => RetryPolicy.Default.MaxRetries + 1 };
        var timeout = new Option<double>("--timeout") { Description = "Seconds without data before an attempt is abandoned", DefaultValueFactory = _ => RetryPolicy.Default.ReadIdleTimeout.TotalSeconds };
        var registries = new Option<string?>("--registry-config") { Description = "JSON file of per-registry settings: {\"host[:port]\": {\"Username\", \"PasswordFile\", \"Mirror\", \"CaFile\", \"Insecure\"}}" };
        var command = new Command("mirror", "Mirror packages, their HTTP resources and Docker images into a content-addressed bundle")
        {
            source, output, include, selected, dcos, latest, dryRun, json, noHead, jobs, failFast, proxy, credentials, caFiles, retries, timeout, registries,
        };
        command.SetAction(async (parse, ct) =>
        {
            var problems = Validate(parse.GetValue(include) ?? [], parse.GetValue(jobs), parse.GetValue(retries), parse.GetValue(timeout));
            if (problems.Count > 0)
            {
                foreach (var problem in problems)
                {
                    await parse.InvocationConfiguration.Error.WriteLineAsync("Error: " + problem);
                }

                return ExitCodes.Usage;
            }

            return await run(
            new MirrorArgs(
                parse.GetValue(source)!,
                parse.GetValue(output),
                new MirrorSelection(
                    [.. (parse.GetValue(include) ?? []).Select(PackageSpec.Parse)],
                    parse.GetValue(selected),
                    [.. (parse.GetValue(dcos) ?? []).Distinct(StringComparer.Ordinal)],
                    parse.GetValue(latest)),
                parse.GetValue(dryRun),
                parse.GetValue(json),
                parse.GetValue(noHead),
                parse.GetValue(jobs),
                parse.GetValue(failFast),
                new MirrorProxyArgs(parse.GetValue(proxy), parse.GetValue(credentials), parse.GetValue(caFiles) ?? []),
                RetryPolicy.Default with
                {
                    MaxRetries = parse.GetValue(retries) - 1,
                    ReadIdleTimeout = TimeSpan.FromSeconds(parse.GetValue(timeout)),
                },
                parse.GetValue(registries)),
            ct);
        });
        return command;
    }

    private static List<string> Validate(string[] includes, int jobs, int retries, double timeout)
    {
        var problems = includes.Where(v => !PackageSpec.TryParse(v, out _)).Select(v => $"--include '{v}' is not name[:version]").ToList();
        if (jobs is < 1 or > 256)
        {
            problems.Add("--jobs must be between 1 and 256");
        }

        if (retries is < 1 or > 100)
        {
            problems.Add("--retries must be between 1 and 100");
        }

        if (timeout is <= 0 or > 86400)
        {
            problems.Add("--timeout must be a positive number of seconds");
        }

        return problems;
    }
}
