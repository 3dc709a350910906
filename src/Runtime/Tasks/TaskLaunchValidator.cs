namespace Universe.Runtime.Tasks;

/// <summary>What the local executor refuses to launch, with the reason the task's TASK_FAILED carries.</summary>
internal static class TaskLaunchValidator
{
    private const string DockerUnsupported = "Docker containers are not supported by the bundled runtime: no container runtime";

    /// <summary>The reason <paramref name="request"/> cannot run here, or null when it can.</summary>
    public static string? Validate(TaskLaunchRequest request)
    {
        if (!TaskIds.IsValid(request.TaskId))
        {
            return "Invalid task id (allowed: letters, digits, '.', '_', '-'; starting with a letter or digit; at most 200 characters)";
        }

        if (string.Equals(request.ContainerType, "DOCKER", StringComparison.OrdinalIgnoreCase))
        {
            return DockerUnsupported;
        }

        return string.IsNullOrEmpty(request.Cmd) && request.Args is not { Count: > 0 } ? "The task has neither cmd nor args" : null;
    }
}
