using System.CommandLine;

namespace Universe.Builder.Build;

/// <summary><c>universe build --repository DIR --out-dir DIR [--dcos-versions 1.8,…,2.0] [--skip-validation]</c> (parsing only).</summary>
public static class BuildCommand
{
    public static Command Create(Func<BuildArgs, CancellationToken, Task<int>> run)
    {
        var repository = new Option<string>("--repository")
        {
            Description = "The universe tree: a directory holding repo/packages, packages/, or the packages directory itself",
            Required = true,
        };
        var outDir = new Option<string>("--out-dir")
        {
            Description = "The output directory (replaced as a whole when the build succeeds)",
            Required = true,
        };
        var versions = new Option<string>("--dcos-versions")
        {
            Description = "Comma-separated DC/OS versions to write repo-up-to-<v>.json for",
            DefaultValueFactory = _ => string.Join(',', DcosVersions.Default),
        };
        versions.Validators.Add(result =>
        {
            if (ParseVersions(result.GetValueOrDefault<string>()) is [])
            {
                result.AddError("--dcos-versions needs at least one version such as 1.10 (digits and dots).");
            }
        });
        var skipValidation = new Option<bool>("--skip-validation") { Description = "Build even when the tree has validation errors" };
        var command = new Command("build", "Build a universe tree into the repo files the upstream generator writes")
        {
            repository, outDir, versions, skipValidation,
        };
        command.SetAction((parse, ct) => run(
            new BuildArgs(parse.GetValue(repository)!, parse.GetValue(outDir)!, ParseVersions(parse.GetValue(versions)), parse.GetValue(skipValidation)),
            ct));
        return command;
    }

    /// <summary>The versions in <paramref name="text"/>; empty when any is not digits and dots.</summary>
    public static IReadOnlyList<string> ParseVersions(string? text)
    {
        var versions = (text ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return versions.Length > 0 && versions.All(IsVersion) ? versions.Distinct(StringComparer.Ordinal).ToArray() : [];
    }

    private static bool IsVersion(string version) =>
        version.Split('.').All(part => part.Length > 0 && part.All(char.IsAsciiDigit));
}
