using System.Text;
using Universe.Testing.Registry;

namespace Universe.Builder.Tests.TestSupport;

/// <summary>Runs the <c>universe</c> program as a child process, as a user does (its own environment: OpenSSL, GSSAPI read it afresh).</summary>
public static class UniverseProcess
{
    /// <summary>Runs <c>universe &lt;args&gt;</c> with <paramref name="environment"/> added; returns the exit code and stdout+stderr.</summary>
    public static async Task<(int Exit, string Output)> RunAsync(IEnumerable<string> args, IDictionary<string, string>? environment = null)
    {
        var output = new StringBuilder();
        using var process = RegistryTools.Start("dotnet", [Path.Combine(AppContext.BaseDirectory, "universe.dll"), .. args], output, environment);
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
}
