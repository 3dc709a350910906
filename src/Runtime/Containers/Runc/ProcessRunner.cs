using System.Diagnostics;

namespace Universe.Runtime.Containers.Runc;

/// <summary>
/// Runs a short-lived tool (runc, ip, a CNI plugin) with stdin, captures stdout and stderr, enforces a timeout. Nothing is
/// started once <c>cancellationToken</c> is cancelled, and a cancelled or timed-out tool is killed and reaped before the call
/// returns, so no tool outlives its caller (any runc command creates its state directory, for instance).
/// </summary>
internal static class ProcessRunner
{
    private static readonly TimeSpan ReapTimeout = TimeSpan.FromSeconds(10);

    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static async Task<Result> RunAsync(string fileName, IEnumerable<string> arguments, TimeSpan timeout, CancellationToken cancellationToken,
        string? stdin = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        if (environment is not null)
        {
            foreach (var (key, value) in environment)
            {
                info.Environment[key] = value;
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        using var process = Process.Start(info) ?? throw new InvalidOperationException(fileName + " did not start");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin.AsMemory(), cancellationToken);
        }

        process.StandardInput.Close();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None).WaitAsync(ReapTimeout, CancellationToken.None);
            cancellationToken.ThrowIfCancellationRequested();
            throw new TimeoutException(Path.GetFileName(fileName) + " " + string.Join(' ', info.ArgumentList.Take(3)) + " timed out after " + timeout);
        }

        return new Result(process.ExitCode, await stdout, await stderr);
    }
}
