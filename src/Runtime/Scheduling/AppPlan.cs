namespace Universe.Runtime.Scheduling;

/// <summary>What one reconcile cycle does for one app: tasks to kill (and which of them are unhealthy), tasks to launch.</summary>
internal sealed record AppPlan(IReadOnlyList<TaskRecord> Kill, IReadOnlyList<TaskRecord> Unhealthy, int Launch);
