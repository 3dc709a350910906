using System.Diagnostics;
using System.Text;

namespace Universe.Testing.Registry;

/// <summary>How a <see cref="RegistryServer"/> authenticates clients.</summary>
public enum RegistryAuthMode
{
    /// <summary>Open: anyone pulls and pushes.</summary>
    None,

    /// <summary>htpasswd (bcrypt) Basic auth: <see cref="RegistryServer.Username"/>/<see cref="RegistryServer.Password"/>.</summary>
    Basic,

    /// <summary>
    /// Bearer tokens from a <see cref="TokenServer"/> (JWT signed with a key whose certificate is the registry's
    /// <c>rootcertbundle</c>). Anonymous clients may pull repositories under <c>public/</c>; the user may push and pull all.
    /// </summary>
    Token,
}

/// <summary>
/// Debian's docker-registry (Distribution 2.8) on a free 127.0.0.1 port, with its config and storage in a temporary
/// directory. Killed and removed at dispose.
/// </summary>
public sealed class RegistryServer : IAsyncDisposable
{
    private readonly StringBuilder _output = new();
    private Process? _process;
    private TokenServer? _tokenServer;

    private RegistryServer(string directory, RegistryAuthMode mode)
    {
        Directory = directory;
        Mode = mode;
    }

    /// <summary>The user of the Basic and Token modes.</summary>
    public string Username { get; } = "bob";

    /// <summary>The password of the Basic and Token modes.</summary>
    public string Password { get; } = "pw-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>The temporary directory (config.yml, data/, htpasswd, certificates).</summary>
    public string Directory { get; }

    /// <summary>The auth mode.</summary>
    public RegistryAuthMode Mode { get; }

    /// <summary>The port on 127.0.0.1.</summary>
    public int Port { get; private set; }

    /// <summary><c>127.0.0.1:&lt;port&gt;</c>: the registry part of image references.</summary>
    public string Host => $"127.0.0.1:{Port}";

    /// <summary><c>http://127.0.0.1:&lt;port&gt;/</c>.</summary>
    public Uri BaseUri => new($"http://{Host}/");

    /// <summary>The token server of <see cref="RegistryAuthMode.Token"/>, else null.</summary>
    public TokenServer? TokenServer => _tokenServer;

    /// <summary><c>user:password</c> for skopeo's <c>--creds</c>, or null in <see cref="RegistryAuthMode.None"/>.</summary>
    public string? Credentials => Mode == RegistryAuthMode.None ? null : $"{Username}:{Password}";

    /// <summary>What the registry printed (for failure messages).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts a registry; throws with a reason when a tool is missing.</summary>
    public static async Task<RegistryServer> StartAsync(RegistryAuthMode mode = RegistryAuthMode.None)
    {
        var missing = RegistryTools.MissingReason(mode == RegistryAuthMode.Basic ? [RegistryTools.DockerRegistry, "htpasswd"] : [RegistryTools.DockerRegistry]);
        if (missing is not null)
        {
            throw new InvalidOperationException(missing);
        }

        var dir = Path.Combine(Path.GetTempPath(), "universe-registry-" + Guid.NewGuid().ToString("N")[..12]);
        System.IO.Directory.CreateDirectory(dir);
        var server = new RegistryServer(dir, mode);
        try
        {
            await server.StartCoreAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Writes the password to a file (for <c>PasswordFile</c> settings) and returns its path.</summary>
    public string WritePasswordFile(string? password = null)
    {
        var path = Path.Combine(Directory, "password-" + Guid.NewGuid().ToString("N")[..8]);
        File.WriteAllText(path, (password ?? Password) + "\n");
        return path;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        RegistryTools.Stop(_process);
        _process = null;
        if (_tokenServer is not null)
        {
            await _tokenServer.DisposeAsync();
        }

        RegistryTools.DeleteDirectory(Directory);
    }

    private async Task StartCoreAsync()
    {
        var auth = string.Empty;
        if (Mode == RegistryAuthMode.Basic)
        {
            var htpasswd = Path.Combine(Directory, "htpasswd");
            await RegistryTools.RunAsync("htpasswd", ["-Bbc", htpasswd, Username, Password]);
            auth = $"""
                auth:
                  htpasswd:
                    realm: test-registry
                    path: {htpasswd}
                """;
        }
        else if (Mode == RegistryAuthMode.Token)
        {
            _tokenServer = await TokenServer.StartAsync(Username, Password, "test-registry", "test-issuer");
            var bundle = Path.Combine(Directory, "token-root.pem");
            await File.WriteAllTextAsync(bundle, _tokenServer.CertificatePem);
            auth = $"""
                auth:
                  token:
                    realm: {_tokenServer.Realm}
                    service: test-registry
                    issuer: test-issuer
                    rootcertbundle: {bundle}
                """;
        }

        for (var attempt = 0; ; attempt++)
        {
            Port = RegistryTools.FreePort();
            var config = Path.Combine(Directory, "config.yml");
            await File.WriteAllTextAsync(config, $"""
                version: 0.1
                log:
                  level: warn
                  accesslog:
                    disabled: true
                storage:
                  filesystem:
                    rootdirectory: {Path.Combine(Directory, "data")}
                  delete:
                    enabled: true
                http:
                  addr: 127.0.0.1:{Port}
                  secret: {Guid.NewGuid():N}
                health:
                  storagedriver:
                    enabled: false
                {auth}
                """);
            _process = RegistryTools.Start(RegistryTools.DockerRegistry, ["serve", config], _output);
            try
            {
                await RegistryTools.WaitUntilAnsweringAsync(new Uri(BaseUri, "/v2/"), _process, () => Output);
                return;
            }
            catch (InvalidOperationException) when (attempt < 2 && Output.Contains("address already in use", StringComparison.Ordinal))
            {
                RegistryTools.Stop(_process);
                _process = null;
            }
        }
    }
}
