using Universe.Runtime.Tasks;

namespace Universe.Runtime.Scheduling;

/// <summary>Marathon's spellings of task states and instance conditions.</summary>
internal static class TaskStates
{
    public static string ToMarathon(TaskState state) => state switch
    {
        TaskState.Staging => "TASK_STAGING",
        TaskState.Starting => "TASK_STARTING",
        TaskState.Running => "TASK_RUNNING",
        TaskState.Killing => "TASK_KILLING",
        TaskState.Finished => "TASK_FINISHED",
        TaskState.Failed => "TASK_FAILED",
        TaskState.Killed => "TASK_KILLED",
        TaskState.Lost => "TASK_LOST",
        TaskState.Gone => "TASK_GONE",
        _ => "TASK_ERROR",
    };

    public static string Condition(TaskState state) => state switch
    {
        TaskState.Staging => "Staging",
        TaskState.Starting => "Starting",
        TaskState.Running => "Running",
        TaskState.Killing => "Killing",
        TaskState.Finished => "Finished",
        TaskState.Failed => "Failed",
        TaskState.Killed => "Killed",
        TaskState.Lost => "Gone",
        TaskState.Gone => "Gone",
        _ => "Error",
    };

    public static bool IsTerminal(TaskState state) =>
        state is TaskState.Finished or TaskState.Failed or TaskState.Killed or TaskState.Lost or TaskState.Error or TaskState.Gone;

    /// <summary>The instance id of a task id: <c>app.instance-uuid._app.1</c> → <c>app.instance-uuid</c>.</summary>
    public static string InstanceId(string taskId)
    {
        var index = taskId.LastIndexOf("._app.", StringComparison.Ordinal);
        return index < 0 ? taskId : taskId[..index];
    }
}
