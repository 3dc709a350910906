namespace Universe.Runtime.Scheduling;

/// <summary>The last failed task of an app (<c>lastTaskFailure</c>).</summary>
internal sealed record TaskFailure(string AppId, string Host, string Message, string State, string TaskId, DateTimeOffset Timestamp, string Version, string SlaveId);
