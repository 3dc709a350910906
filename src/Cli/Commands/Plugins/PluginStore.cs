using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Universe.Cli.Hosting;
using Universe.Cli.Wire;

namespace Universe.Cli.Commands.Plugins;

/// <summary>
/// The locally installed CLI subcommands: <c>&lt;config dir&gt;/subcommands/&lt;package&gt;/env/bin/dcos-&lt;command&gt;</c>
/// (mode 755) and <c>&lt;config dir&gt;/subcommands/&lt;package&gt;/package.json</c>. A package directory is written in
/// a temporary sibling directory (files fsynced) and renamed into place, so it is either complete or absent.
/// </summary>
internal sealed partial class PluginStore(string root)
{
    public const string DirectoryName = "subcommands";
    public const string PackageFile = "package.json";
    private const string Prefix = "dcos-";

    private const UnixFileMode Executable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    /// <summary>The <c>subcommands</c> directory.</summary>
    public string Root { get; } = root;

    /// <summary>The store next to the CLI's config file (<c>&lt;dir of dcos.json&gt;/subcommands</c>).</summary>
    public static PluginStore ForConfigFile(string configFilePath) =>
        new(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(configFilePath))!, DirectoryName));

    /// <summary>Rejects names that are not a single safe path segment.</summary>
    public static void ValidateName(string name, string what)
    {
        if (string.IsNullOrEmpty(name) || !SafeName().IsMatch(name))
        {
            throw new CliException($"invalid {what} '{name}'");
        }
    }

    /// <summary>Every installed plugin, sorted by package name; incomplete or foreign directories are skipped.</summary>
    public IReadOnlyList<InstalledPlugin> List()
    {
        if (!Directory.Exists(Root))
        {
            return [];
        }

        return [.. Directory.EnumerateDirectories(Root)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(n => SafeName().IsMatch(n))
            .Order(StringComparer.Ordinal)
            .Select(Read)
            .OfType<InstalledPlugin>()];
    }

    /// <summary>The plugin of <paramref name="packageName"/>, or null.</summary>
    public InstalledPlugin? Get(string packageName) => SafeName().IsMatch(packageName) ? Read(packageName) : null;

    /// <summary>The plugin providing <c>dcos &lt;command&gt;</c>, or null.</summary>
    public InstalledPlugin? FindCommand(string command) =>
        SafeName().IsMatch(command) ? List().FirstOrDefault(p => p.Command == command) : null;

    /// <summary>Installs (or replaces) the plugin of <paramref name="packageName"/> atomically.</summary>
    public InstalledPlugin Install(string packageName, string command, byte[] binary, JsonObject package)
    {
        ArgumentNullException.ThrowIfNull(binary);
        ArgumentNullException.ThrowIfNull(package);
        ValidateName(packageName, "package name");
        ValidateName(command, "CLI command name");
        Directory.CreateDirectory(Root);
        var target = Path.Combine(Root, packageName);
        var temp = Path.Combine(Root, $".{packageName}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            var bin = Directory.CreateDirectory(Path.Combine(temp, "env", "bin")).FullName;
            WriteFile(Path.Combine(bin, Prefix + command), binary, OperatingSystem.IsWindows() ? null : Executable);
            WriteFile(Path.Combine(temp, PackageFile), JsonSerializer.SerializeToUtf8Bytes(package, CliJsonContext.Default.JsonObject), null);
            Replace(temp, target);
        }
        finally
        {
            DeleteQuietly(temp);
        }

        return Read(packageName) ?? throw new CliException($"the CLI subcommand of package [{packageName}] could not be installed");
    }

    /// <summary>Removes the plugin of <paramref name="packageName"/>; false when none was installed.</summary>
    public bool Remove(string packageName)
    {
        if (!SafeName().IsMatch(packageName))
        {
            return false;
        }

        var target = Path.Combine(Root, packageName);
        if (!Directory.Exists(target))
        {
            return false;
        }

        var trash = Path.Combine(Root, $".{packageName}.{Environment.ProcessId}.{Guid.NewGuid():N}.old");
        Directory.Move(target, trash);
        DeleteQuietly(trash);
        return true;
    }

    private InstalledPlugin? Read(string packageName)
    {
        var directory = Path.Combine(Root, packageName);
        var bin = Path.Combine(directory, "env", "bin");
        var packagePath = Path.Combine(directory, PackageFile);
        if (!Directory.Exists(bin) || !File.Exists(packagePath))
        {
            return null;
        }

        var executable = Directory.EnumerateFiles(bin, Prefix + "*").Order(StringComparer.Ordinal).FirstOrDefault();
        if (executable is null)
        {
            return null;
        }

        JsonObject? package;
        try
        {
            package = JsonSerializer.Deserialize(File.ReadAllBytes(packagePath), CliJsonContext.Default.JsonObject);
        }
        catch (JsonException)
        {
            return null;
        }

        return package is null
            ? null
            : new InstalledPlugin(packageName, Path.GetFileName(executable)[Prefix.Length..], executable, package);
    }

    private static void Replace(string temp, string target)
    {
        string? old = null;
        if (Directory.Exists(target))
        {
            old = Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}.{Environment.ProcessId}.{Guid.NewGuid():N}.old");
            Directory.Move(target, old);
        }

        Directory.Move(temp, target);
        if (old is not null)
        {
            DeleteQuietly(old);
        }
    }

    private static void WriteFile(string path, byte[] content, UnixFileMode? mode)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (mode is { } m && !OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = m;
        }

        using (var stream = new FileStream(path, options))
        {
            stream.Write(content);
            stream.Flush(flushToDisk: true);
        }

        if (mode is { } explicitMode && !OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, explicitMode);
        }
    }

    private static void DeleteQuietly(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (IOException)
        {
            // A leftover hidden temp directory is skipped by List().
        }
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex SafeName();
}
