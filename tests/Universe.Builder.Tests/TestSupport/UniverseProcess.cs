using System.Text;
using Universe.Testing.Registry;

namespace Universe.Builder.Tests.TestSupport;

/// <summary>Runs the <c>universe</c> program as a child process, as a user does (its own environment: OpenSSL, GSSAPI read it afresh).</summary>
public static class UniverseProcess
{
    /// <summary>
    /// Runs <c>universe &lt;args&gt;</c> with <paramref name="environment"/> added, and with <paramref name="runtimeConfig"/>
    /// (see <see cref="WriteRuntimeConfig"/>) instead of the program's own runtimeconfig.json when given; returns the exit
    /// code and stdout+stderr.
    /// </summary>
    public static async Task<(int Exit, string Output)> RunAsync(IEnumerable<string> args, IDictionary<string, string>? environment = null, string? runtimeConfig = null)
    {
        var output = new StringBuilder();
        var program = Path.Combine(AppContext.BaseDirectory, "universe.dll");
        IEnumerable<string> command = runtimeConfig is null ? [program, .. args] : ["exec", "--runtimeconfig", runtimeConfig, program, .. args];
        using var process = RegistryTools.Start("dotnet", command, output, environment);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("universe " + string.Join(' ', args) + " did not finish in 120 s");
        }

        process.WaitForExit();
        lock (output)
        {
            return (process.ExitCode, output.ToString());
        }
    }

    /// <summary>
    /// Writes into <paramref name="directory"/> a copy of the program's runtimeconfig.json with the AppContext switch
    /// <paramref name="name"/> set to <paramref name="value"/> (what a user does to flip one), and returns its path.
    /// </summary>
    public static string WriteRuntimeConfig(string directory, string name, bool value)
    {
        var config = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "universe.runtimeconfig.json")))!;
        config["runtimeOptions"]!["configProperties"]![name] = value;
        var path = Path.Combine(directory, $"universe.{name}.runtimeconfig.json");
        File.WriteAllText(path, config.ToJsonString());
        return path;
    }
}
