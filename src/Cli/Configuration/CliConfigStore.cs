using System.Text.Json;
using Universe.Cli.Hosting;
using Universe.Cli.Wire;
using Universe.IO;

namespace Universe.Cli.Configuration;

/// <summary>
/// Reads and writes <see cref="CliConfig"/> at <c>$XDG_CONFIG_HOME/universe/dcos.json</c> (else
/// <c>~/.config/universe/dcos.json</c>). Writes are atomic (temp file, fsync, rename) and the file is
/// created with mode 600 because it may hold a token.
/// </summary>
public sealed class CliConfigStore(string path)
{
    public const string FileName = "dcos.json";

    public string Path { get; } = path;

    /// <summary>The store at the default location for the given environment.</summary>
    public static CliConfigStore Default(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var configHome = environment("XDG_CONFIG_HOME");
        if (string.IsNullOrEmpty(configHome))
        {
            var home = environment("HOME");
            if (string.IsNullOrEmpty(home))
            {
                home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            }

            configHome = System.IO.Path.Combine(home, ".config");
        }

        return new CliConfigStore(System.IO.Path.Combine(configHome, "universe", FileName));
    }

    /// <summary>The stored configuration, or an empty one when the file does not exist.</summary>
    public CliConfig Load()
    {
        if (!File.Exists(Path))
        {
            return new CliConfig();
        }

        try
        {
            var bytes = File.ReadAllBytes(Path);
            return JsonSerializer.Deserialize(bytes, CliJsonContext.Default.CliConfig) ?? new CliConfig();
        }
        catch (JsonException e)
        {
            throw new CliException($"cannot read the configuration file '{Path}': {e.Message}", e);
        }
    }

    /// <summary>Replaces the stored configuration atomically.</summary>
    public void Save(CliConfig config)
    {
        var directory = System.IO.Path.GetDirectoryName(Path)!;
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else
        {
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        AtomicFile.Write(
            Path,
            stream => JsonSerializer.Serialize(stream, config, CliJsonContext.Default.CliConfig),
            UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }
}
