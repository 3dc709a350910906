namespace Universe.Cli.Wire;

/// <summary><c>service/update</c>'s <c>rollbackOnFailure</c>.</summary>
public sealed record RollbackOnFailure(int TimeoutSeconds);
