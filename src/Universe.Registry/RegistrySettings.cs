using Microsoft.Extensions.Configuration;

namespace Universe.Registry;

/// <summary>
/// Settings for one registry host: a mirror to pull from instead, credentials, an extra CA, plain-HTTP permission.
/// Bound from configuration sections such as <c>Runtime:Registries:docker.io</c> (keys <c>Mirror</c>, <c>Username</c>,
/// <c>Password</c>, <c>PasswordFile</c>, <c>CaFile</c>, <c>Insecure</c>).
/// </summary>
public sealed class RegistryHostSettings
{
    /// <summary>
    /// Where to pull this host's images from instead: <c>host[:port]</c> or <c>http(s)://host[:port]</c>. The repository
    /// path stays the same (<c>docker.io/library/nginx</c> comes from <c>&lt;mirror&gt;/v2/library/nginx/…</c>). When the
    /// mirror fails or lacks the image, the upstream host is tried next.
    /// </summary>
    public string? Mirror { get; set; }

    /// <summary>User name for Basic auth or for the token service.</summary>
    public string? Username { get; set; }

    /// <summary>The password itself (prefer <see cref="PasswordFile"/>). Never printed.</summary>
    public string? Password { get; set; }

    /// <summary>A file holding the password (trailing newline ignored), read at every use so a rotation needs no restart.</summary>
    public string? PasswordFile { get; set; }

    /// <summary>A PEM file of extra CA certificates trusted for this host (in addition to the system's).</summary>
    public string? CaFile { get; set; }

    /// <summary>Allow plain HTTP and skip TLS verification for this host and its mirror (loopback is always allowed plain HTTP).</summary>
    public bool Insecure { get; set; }

    /// <summary>The password from <see cref="PasswordFile"/> (read now) or <see cref="Password"/>; null when neither is set.</summary>
    public string? ReadPassword()
    {
        if (!string.IsNullOrEmpty(PasswordFile))
        {
            try
            {
                return File.ReadAllText(PasswordFile).TrimEnd('\r', '\n');
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new RegistryException(RegistryErrorKind.Unauthorized, $"Cannot read the registry password file [{PasswordFile}]: {e.GetType().Name}", null);
            }
        }

        return Password;
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"Mirror={Mirror ?? "-"} Username={Username ?? "-"} Password={(Password is null ? "-" : "***")} PasswordFile={PasswordFile ?? "-"} CaFile={CaFile ?? "-"} Insecure={Insecure}";
}

/// <summary>Per-host registry settings, keyed by registry host (<c>docker.io</c>, <c>quay.io</c>, <c>127.0.0.1:5000</c>).</summary>
public sealed class RegistrySettings
{
    private static readonly string[] KnownKeys = ["Mirror", "Username", "Password", "PasswordFile", "CaFile", "Insecure", "Host"];

    /// <summary>The settings by host. Keys are compared case-insensitively; <c>docker.io</c> also covers <c>registry-1.docker.io</c>.</summary>
    public IDictionary<string, RegistryHostSettings> Hosts { get; } = new Dictionary<string, RegistryHostSettings>(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Reads a section whose children are hosts, e.g. <c>Runtime:Registries</c>. A host with a port may be written as
    /// <c>Registries:127.0.0.1:5000:Mirror</c> (the configuration path splits at the colon; this is recognised) or
    /// with an explicit <c>Host</c> key inside any child section.
    /// </summary>
    public static RegistrySettings FromConfiguration(IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var settings = new RegistrySettings();
        foreach (var child in section.GetChildren())
        {
            if (HasKnownKey(child))
            {
                settings.Hosts[child["Host"] is { Length: > 0 } h ? h : child.Key] = Bind(child);
                continue;
            }

            foreach (var port in child.GetChildren())
            {
                if (port.Key.Length is > 0 and <= 5 && port.Key.All(char.IsAsciiDigit) && HasKnownKey(port))
                {
                    settings.Hosts[child.Key + ":" + port.Key] = Bind(port);
                }
            }
        }

        return settings;
    }

    /// <summary>The settings for <paramref name="host"/> (<c>registry-1.docker.io</c> falls back to <c>docker.io</c>), or null.</summary>
    public RegistryHostSettings? Find(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (Hosts.TryGetValue(host, out var s))
        {
            return s;
        }

        return host.Equals(ImageReference.DockerHubEndpoint, StringComparison.OrdinalIgnoreCase) || host.Equals("index.docker.io", StringComparison.OrdinalIgnoreCase)
            ? Hosts.TryGetValue(ImageReference.DockerHub, out var hub) ? hub : null
            : null;
    }

    private static bool HasKnownKey(IConfigurationSection s) => KnownKeys.Any(k => s[k] is not null);

    private static RegistryHostSettings Bind(IConfigurationSection s) => new()
    {
        Mirror = Empty(s["Mirror"]),
        Username = Empty(s["Username"]),
        Password = Empty(s["Password"]),
        PasswordFile = Empty(s["PasswordFile"]),
        CaFile = Empty(s["CaFile"]),
        Insecure = bool.TryParse(s["Insecure"], out var insecure) && insecure,
    };

    private static string? Empty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
