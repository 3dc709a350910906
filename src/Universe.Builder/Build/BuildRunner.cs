using System.Diagnostics;
using Universe.Builder.Validation;
using Universe.Cosmos.Packages;

namespace Universe.Builder.Build;

/// <summary>
/// Runs <c>universe build</c>: validate (errors only; refuse on errors unless skipped), generate, write atomically.
/// The summary goes to stdout, findings and failures to stderr.
/// </summary>
public sealed class BuildRunner(BuilderConsole console)
{
    public async Task<int> RunAsync(BuildArgs args, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        var started = Stopwatch.GetTimestamp();
        PhaseTimings.Mark("start");
        if (UniverseTreeReader.FindPackagesDirectory(args.Repository) is not { } packagesDirectory)
        {
            await console.Error.WriteLineAsync($"Error: no universe tree (repo/packages) at '{args.Repository}'.");
            return ExitCodes.Usage;
        }

        IReadOnlyList<PackageDefinition> packages;
        if (args.SkipValidation)
        {
            var load = UniverseTreeReader.Read(packagesDirectory, cancellationToken);
            foreach (var error in load.Errors)
            {
                await console.Error.WriteLineAsync($"warning: skipped {error}");
            }

            packages = load.Packages;
        }
        else
        {
            var validation = TreeValidator.Validate(args.Repository, ValidationOptions.ErrorsOnly with { DcosVersions = args.DcosVersions }, cancellationToken);
            if (validation.Errors > 0)
            {
                await FindingWriter.WriteTextAsync(validation, console.Error, cancellationToken);
                await console.Error.WriteLineAsync($"Error: refusing to build: {FindingWriter.Summary(validation)}. Fix them, or pass --skip-validation.");
                return ExitCodes.Findings;
            }

            packages = validation.Packages;
        }

        PhaseTimings.Mark("validated");

        var files = RepoGenerator.Generate(packages, args.DcosVersions);
        PhaseTimings.Mark("generated");
        try
        {
            RepoOutputWriter.Write(files, args.OutDir, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await console.Error.WriteLineAsync($"Error: {e.Message} The previous output, if any, is unchanged.");
            return ExitCodes.Findings;
        }

        PhaseTimings.Mark("written");
        var elapsed = Stopwatch.GetElapsedTime(started);
        await console.Out.WriteLineAsync(
            $"Built {files.Revisions} revisions into {args.OutDir}: {files.Files.Count} files ({string.Join(", ", Counts(files))}) in {elapsed.TotalMilliseconds:F0} ms");
        return ExitCodes.Success;
    }

    private static IEnumerable<string> Counts(RepoFileSet files) =>
        files.DcosVersions.Select(v => $"{v}: {files.Find(RepoGenerator.RepoFileName(v))!.Entries}");
}
