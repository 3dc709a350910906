namespace Universe.Runtime.Tasks;

/// <summary>What the local executor refuses to launch, with the reason the task's TASK_FAILED carries.</summary>
internal static class TaskLaunchValidator
{
    private const string DockerWithoutImage = "A DOCKER container needs container.docker.image";

    /// <summary>The reason <paramref name="request"/> cannot run here, or null when it can.</summary>
    public static string? Validate(TaskLaunchRequest request)
    {
        if (!TaskIds.IsValid(request.TaskId))
        {
            return "Invalid task id (allowed: letters, digits, '.', '_', '-'; starting with a letter or digit; at most 200 characters)";
        }

        if (request.Container is not null)
        {
            return null; // an image task: the image's entrypoint/cmd may be all it needs
        }

        if (string.Equals(request.ContainerType, "DOCKER", StringComparison.OrdinalIgnoreCase))
        {
            return DockerWithoutImage;
        }

        return string.IsNullOrEmpty(request.Cmd) && request.Args is not { Count: > 0 } ? "The task has neither cmd nor args" : null;
    }
}
