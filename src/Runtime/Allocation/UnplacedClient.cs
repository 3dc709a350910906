namespace Universe.Runtime.Allocation;

/// <summary>A client with pending tasks left after the cycle, and why (per agent, the first check that failed).</summary>
/// <param name="ClientId">The app id.</param>
/// <param name="Role">Its role.</param>
/// <param name="UnplacedTasks">Pending tasks not placed.</param>
/// <param name="AgentsConsidered">How many agents were checked (Marathon's <c>processedOffersCount</c>).</param>
/// <param name="Reasons">Per reason, in check order, declined and processed counts; only reasons that declined at least one agent.</param>
internal sealed record UnplacedClient(string ClientId, string Role, int UnplacedTasks, int AgentsConsidered, IReadOnlyList<ReasonCount> Reasons);
