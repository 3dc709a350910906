using Universe.Builder.Bundles;
using Universe.Builder.Serving;

namespace Universe.Builder.Tests.TestSupport;

/// <summary>Runs <c>universe serve &lt;bundle&gt;</c> (the runner, in process) until it says it is serving, then stops it.</summary>
public static class BundleServeRun
{
    public static async Task<(int Exit, string Output, string Error)> UntilServingAsync(BundleServeOptions options, params string[] urls)
    {
        var output = new SynchronizedStringWriter();
        var error = new SynchronizedStringWriter();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var run = new BundleServeRunner(new BuilderConsole(output, error), TimeProvider.System).RunAsync(options, urls, stop.Token);
        while (!output.Text.Contains("Serving", StringComparison.Ordinal) && !run.IsCompleted && !stop.IsCancellationRequested)
        {
            await Task.Delay(50);
        }

        await stop.CancelAsync();
        var exit = await run;
        return (exit, output.Text, error.Text);
    }
}

/// <summary>A writer the server's threads and the test may share.</summary>
public sealed class SynchronizedStringWriter : StringWriter
{
    private readonly Lock _gate = new();

    public string Text
    {
        get
        {
            lock (_gate)
            {
                return ToString();
            }
        }
    }

    public override void Write(char value)
    {
        lock (_gate)
        {
            base.Write(value);
        }
    }

    public override void Write(string? value)
    {
        lock (_gate)
        {
            base.Write(value);
        }
    }

    public override void Write(char[] buffer, int index, int count)
    {
        lock (_gate)
        {
            base.Write(buffer, index, count);
        }
    }

    public override Task WriteAsync(string? value)
    {
        Write(value);
        return Task.CompletedTask;
    }

    public override Task WriteLineAsync(string? value)
    {
        Write(value + NewLine);
        return Task.CompletedTask;
    }

    public override Task WriteAsync(char[] buffer, int index, int count)
    {
        Write(buffer, index, count);
        return Task.CompletedTask;
    }

    public override Task WriteLineAsync(char[] buffer, int index, int count)
    {
        Write(new string(buffer, index, count) + NewLine);
        return Task.CompletedTask;
    }
}
