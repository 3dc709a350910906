namespace Universe.Runtime.Scheduling;

/// <summary>An app's backoff after failed tasks: consecutive failures and the earliest next launch.</summary>
internal sealed record LaunchDelay(int Failures, DateTimeOffset NotBefore, DateTimeOffset Since);
