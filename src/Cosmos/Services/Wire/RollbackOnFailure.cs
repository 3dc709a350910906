namespace Universe.Cosmos.Services.Wire;

/// <summary><c>service/update</c>'s <c>rollbackOnFailure</c>: wait up to <see cref="TimeoutSeconds"/> (1–3600) for the deployment to finish with every instance healthy, else roll back.</summary>
public sealed record RollbackOnFailure(int TimeoutSeconds);
