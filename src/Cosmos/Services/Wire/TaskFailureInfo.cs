namespace Universe.Cosmos.Services.Wire;

/// <summary>A failing task and its last failure message (a health check's <c>lastFailureCause</c> or the app's <c>lastTaskFailure</c>).</summary>
public sealed record TaskFailureInfo(string? TaskId, string? State, string Message)
{
    public override string ToString() => (TaskId is null ? string.Empty : $"task {TaskId}{(State is null ? string.Empty : $" ({State})")}: ") + Message;
}
