using System.Runtime.InteropServices;

namespace Universe.Registry;

/// <summary>An OCI platform (<c>linux/amd64</c>, <c>linux/arm64/v8</c>) used to pick one manifest out of an index.</summary>
public sealed record Platform(string Os, string Architecture, string? Variant = null)
{
    /// <summary><c>linux/amd64</c>: what the mirror resolves indexes to.</summary>
    public static Platform LinuxAmd64 { get; } = new("linux", "amd64");

    /// <summary>The platform of the machine this process runs on (Linux with its CPU architecture).</summary>
    public static Platform Host { get; } = FromRuntime();

    /// <summary>Parses <c>os/arch[/variant]</c>; architecture aliases (<c>x86_64</c>, <c>aarch64</c>) are normalised.</summary>
    public static Platform Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split('/');
        if (parts.Length is < 2 or > 3 || parts.Any(p => p.Length == 0 || p.Length > 64 || !p.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.')))
        {
            throw new FormatException("Invalid platform: expected os/architecture[/variant]");
        }

        return Normalize(new Platform(parts[0].ToLowerInvariant(), parts[1].ToLowerInvariant(), parts.Length == 3 ? parts[2].ToLowerInvariant() : null));
    }

    /// <summary>True when an index entry with platform <paramref name="candidate"/> can run on this platform.</summary>
    public bool Matches(Platform candidate)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        var c = Normalize(candidate);
        var self = Normalize(this);
        if (!string.Equals(c.Os, self.Os, StringComparison.OrdinalIgnoreCase)
            || !string.Equals(c.Architecture, self.Architecture, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return self.Variant is null || c.Variant is null || string.Equals(self.Variant, c.Variant, StringComparison.OrdinalIgnoreCase);
    }

    /// <inheritdoc />
    public override string ToString() => Variant is null ? $"{Os}/{Architecture}" : $"{Os}/{Architecture}/{Variant}";

    internal static Platform Normalize(Platform p)
    {
        var arch = p.Architecture.ToLowerInvariant() switch
        {
            "x86_64" or "x86-64" => "amd64",
            "aarch64" => "arm64",
            "i386" or "i686" => "386",
            var a => a,
        };
        var variant = p.Variant;
        if (arch == "arm64" && variant == "v8")
        {
            variant = null;
        }

        return arch == p.Architecture && variant == p.Variant ? p : p with { Architecture = arch, Variant = variant };
    }

    private static Platform FromRuntime() => System.Runtime.InteropServices.RuntimeInformation.OSArchitecture switch
    {
        System.Runtime.InteropServices.Architecture.X64 => new Platform("linux", "amd64"),
        System.Runtime.InteropServices.Architecture.Arm64 => new Platform("linux", "arm64"),
        System.Runtime.InteropServices.Architecture.Arm => new Platform("linux", "arm", "v7"),
        System.Runtime.InteropServices.Architecture.X86 => new Platform("linux", "386"),
        System.Runtime.InteropServices.Architecture.S390x => new Platform("linux", "s390x"),
        System.Runtime.InteropServices.Architecture.Ppc64le => new Platform("linux", "ppc64le"),
        System.Runtime.InteropServices.Architecture.RiscV64 => new Platform("linux", "riscv64"),
        System.Runtime.InteropServices.Architecture.LoongArch64 => new Platform("linux", "loong64"),
        var other => new Platform("linux", other.ToString().ToLowerInvariant()),
    };
}
