using System.Globalization;
using System.Text.Json.Nodes;
using Universe.Cli.Hosting;
using Universe.Cli.Http;
using Universe.Cli.Output;

namespace Universe.Cli.Commands.Package;

/// <summary>
/// Follows a freshly deployed Marathon app (<c>GET /v2/apps/&lt;id&gt;?embed=apps.tasks</c>) until all its instances
/// run and, with health checks, are healthy and no deployment is left. Progress: one rewritten line on a terminal,
/// plain lines (on change) otherwise. Fails with the task's last failure reason (<c>lastTaskFailure</c>) as soon as a
/// task of this deployment fails, or when the timeout passes.
/// </summary>
internal sealed class DeploymentWatcher(MarathonClient marathon, CliConsole console, TimeProvider time)
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    private bool _lineOpen;

    public async Task WaitAsync(string appId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        appId = MarathonClient.NormalizeAppId(appId);
        var start = time.GetUtcNow();
        var deadline = start + timeout;
        string? lastStatus = null;
        try
        {
            while (true)
            {
                var app = await marathon.GetAppAsync(appId, cancellationToken)
                    ?? throw new CliException($"app '{appId}' does not exist (it was removed while waiting)");
                var state = AppState.From(app);
                var status = state.Describe(appId);
                if (status != lastStatus)
                {
                    WriteProgress(status);
                    lastStatus = status;
                }

                if (state.IsReady)
                {
                    EndProgress();
                    console.Error.WriteLine($"Deployment of {appId} complete: {state.Running}/{state.Instances} tasks running");
                    return;
                }

                if (NewFailure(app["lastTaskFailure"] as JsonObject, start) is { } failure)
                {
                    EndProgress();
                    throw new CliException($"app '{appId}' failed to start: {failure}");
                }

                if (time.GetUtcNow() >= deadline)
                {
                    EndProgress();
                    var last = Failure(app["lastTaskFailure"] as JsonObject);
                    throw new CliException(
                        $"timed out after {timeout.TotalSeconds:0} seconds waiting for '{appId}' ({status})"
                        + (last is null ? string.Empty : $"; last task failure: {last}"));
                }

                await Task.Delay(PollInterval, time, cancellationToken);
            }
        }
        finally
        {
            EndProgress();
        }
    }

    /// <summary>
    /// Shows the same progress as <see cref="WaitAsync"/> while <paramref name="until"/> runs (a Cosmos call that
    /// itself waits for the deployment, such as <c>service/update</c> with <c>rollbackOnFailure</c>); Marathon being
    /// unreachable for a moment only skips a line.
    /// </summary>
    public async Task FollowAsync(string appId, Task until, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(until);
        appId = MarathonClient.NormalizeAppId(appId);
        string? lastStatus = null;
        try
        {
            while (!until.IsCompleted)
            {
                try
                {
                    if (await marathon.GetAppAsync(appId, cancellationToken) is { } app)
                    {
                        var status = AppState.From(app).Describe(appId);
                        if (status != lastStatus && !until.IsCompleted)
                        {
                            WriteProgress(status);
                            lastStatus = status;
                        }
                    }
                }
                catch (CliException)
                {
                    // Progress is best effort; the awaited call reports the outcome.
                }

                await Task.WhenAny(until, Task.Delay(PollInterval, time, cancellationToken));
            }
        }
        finally
        {
            EndProgress();
        }
    }

    private void WriteProgress(string status)
    {
        if (console.IsErrorTerminal)
        {
            console.Error.Write($"\r\u001b[2K{status}");
            _lineOpen = true;
        }
        else
        {
            console.Error.WriteLine(status);
        }
    }

    private void EndProgress()
    {
        if (_lineOpen)
        {
            console.Error.WriteLine();
            _lineOpen = false;
        }
    }

    private static string? NewFailure(JsonObject? failure, DateTimeOffset start)
    {
        if (failure is null
            || !DateTimeOffset.TryParse(JsonText.Str(failure["timestamp"]), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            || at < start - TimeSpan.FromSeconds(2))
        {
            return null;
        }

        return Failure(failure);
    }

    private static string? Failure(JsonObject? failure)
    {
        if (failure is null)
        {
            return null;
        }

        var state = JsonText.Str(failure["state"]) ?? "TASK_FAILED";
        var message = JsonText.Str(failure["message"]);
        var task = JsonText.Str(failure["taskId"]);
        return $"{state}{(task is null ? string.Empty : $" (task {task})")}: {(string.IsNullOrEmpty(message) ? "no reason given" : message)}";
    }
}
