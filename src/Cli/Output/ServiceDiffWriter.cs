using System.Text.Json.Nodes;
using Universe.Cli.Wire;

namespace Universe.Cli.Output;

/// <summary>
/// Prints a <c>service/diff</c>: the package version change, the option changes (JSON Pointer: old → new) and the
/// unified diff of the Marathon app, coloured (red removals, green additions, cyan hunk headers) when
/// <paramref name="color"/> is set.
/// </summary>
public sealed class ServiceDiffWriter(TextWriter output, bool color)
{
    private const string Red = "\u001b[31m";
    private const string Green = "\u001b[32m";
    private const string Cyan = "\u001b[36m";
    private const string Bold = "\u001b[1m";
    private const string Reset = "\u001b[0m";

    public void Write(ServiceDiffResponse diff)
    {
        ArgumentNullException.ThrowIfNull(diff);
        var version = diff.PackageVersion;
        output.WriteLine(version.From == version.To
            ? $"Package version: {version.From} (unchanged)"
            : $"Package version: {version.From} -> {version.To}{(version.Allowed ? string.Empty : $" (not allowed: {version.Reason})")}");
        if (diff.Options.Count == 0 && diff.App.Count == 0)
        {
            output.WriteLine("No changes.");
            return;
        }

        output.WriteLine(diff.Options.Count == 0 ? "Options: no change" : "Options:");
        foreach (var change in diff.Options)
        {
            output.WriteLine($"  {change.Path}: {Value(change.Old)} -> {Value(change.New)}");
        }

        output.WriteLine("Marathon app:");
        foreach (var line in diff.AppUnifiedDiff.Split('\n'))
        {
            if (line.Length == 0)
            {
                continue;
            }

            output.WriteLine(Colour(line));
        }
    }

    private string Colour(string line)
    {
        if (!color)
        {
            return line;
        }

        var code = line switch
        {
            _ when line.StartsWith("+++", StringComparison.Ordinal) || line.StartsWith("---", StringComparison.Ordinal) => Bold,
            _ when line.StartsWith("@@", StringComparison.Ordinal) => Cyan,
            _ when line.StartsWith('+') => Green,
            _ when line.StartsWith('-') => Red,
            _ => null,
        };
        return code is null ? line : code + line + Reset;
    }

    private static string Value(JsonNode? node) => node is null ? "(none)" : node.ToJsonString();
}
