using System.Diagnostics.CodeAnalysis;

namespace Universe.Builder.Mirroring;

/// <summary>An <c>--include</c> value: a package name, optionally with one version (<c>name[:version]</c>).</summary>
public sealed record PackageSpec(string Name, string? Version)
{
    public static PackageSpec Parse(string text) =>
        TryParse(text, out var spec) ? spec : throw new FormatException($"'{text}' is not name[:version]");

    public static bool TryParse(string? text, [NotNullWhen(true)] out PackageSpec? spec)
    {
        spec = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var name = colon < 0 ? text.Trim() : text[..colon].Trim();
        var version = colon < 0 ? null : text[(colon + 1)..].Trim();
        if (name.Length == 0 || version is { Length: 0 })
        {
            return false;
        }

        spec = new PackageSpec(name, version);
        return true;
    }

    public override string ToString() => Version is null ? Name : $"{Name}:{Version}";
}
