using System.CommandLine;

namespace Universe.Cli.Commands.Package;

/// <summary>Options shared by several package commands.</summary>
internal static class PackageOptions
{
    public static Argument<string> Name() => new("package-name") { Description = "The package name" };

    public static Option<string?> PackageVersion() => new("--package-version") { Description = "The package version (default: the newest)" };

    public static Option<string?> OptionsFile() => new("--options") { Description = "A JSON file of package options" };

    public static Option<string[]> Overrides() => new("--option")
    {
        Description = "Override one option: key.path=value (value parsed as JSON when valid, else a string); repeatable",
        AllowMultipleArgumentsPerToken = false,
        DefaultValueFactory = _ => [],
    };

    public static Option<string?> AppId() => new("--app-id") { Description = "The Marathon app id" };

    public static Option<bool> Yes() => new("--yes") { Description = "Do not prompt for confirmation (required without a terminal)" };

    public static Option<bool> Json() => new("--json") { Description = "Print JSON" };
}
