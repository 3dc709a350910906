using System.Globalization;

namespace Universe.Runtime.Tasks;

/// <summary>The terminal state and message of a task whose process ended (Mesos's wording for exit codes and signals).</summary>
internal static class TaskExitOutcome
{
    public static (TaskState State, string Message) Describe(bool killRequested, double memMb, int? exitCode, bool oomKilled)
    {
        if (killRequested)
        {
            return (TaskState.Killed, "Task killed");
        }

        if (oomKilled)
        {
            return (TaskState.Failed, "Memory limit exceeded: the task used more than its "
                + memMb.ToString(CultureInfo.InvariantCulture) + " MB and was killed by the OOM killer");
        }

        return exitCode switch
        {
            null => (TaskState.Failed, "Task process exited after re-adoption (exit status unknown after re-adoption)"),
            0 => (TaskState.Finished, "Command exited with status 0"),
            > 128 and < 128 + 65 => (TaskState.Failed, "Command terminated with signal " + (exitCode - 128).Value.ToString(CultureInfo.InvariantCulture)
                + " (exit status " + exitCode.Value.ToString(CultureInfo.InvariantCulture) + ")"),
            _ => (TaskState.Failed, "Command exited with status " + exitCode.Value.ToString(CultureInfo.InvariantCulture)),
        };
    }
}
