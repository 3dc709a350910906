using System.CommandLine;

namespace Universe.Cli.Commands.Package;

/// <summary>Options shared by several package commands.</summary>
internal static class PackageOptions
{
    public static Argument<string> Name() => RejectFlags(new Argument<string>("package-name") { Description = "The package name" });

    /// <summary>A value that looks like a flag (<c>--bogus</c>) is an unknown flag, not a positional value.</summary>
    public static Argument<T> RejectFlags<T>(Argument<T> argument)
    {
        ArgumentNullException.ThrowIfNull(argument);
        argument.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
            {
                if (token.Value.Length > 1 && token.Value.StartsWith('-'))
                {
                    result.AddError($"unknown flag: {token.Value}");
                }
            }
        });
        return argument;
    }

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
