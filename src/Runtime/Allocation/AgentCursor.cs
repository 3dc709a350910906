namespace Universe.Runtime.Allocation;

/// <summary>A search position over the agents (positions before it cannot take the shape's next task).</summary>
internal sealed class AgentCursor
{
    public int Position { get; set; }

    /// <summary>False for clients whose answer can change within a cycle (GROUP_BY): they search from 0 each time.</summary>
    public bool Monotone { get; set; } = true;

    /// <summary>
    /// Per reason, how many agents declined the shape's next task, and how many passed every check; computed once per
    /// shape (without the quota checks when the shape's clients use no reservations).
    /// </summary>
    public (int[] Declined, int Passed)? Explanation { get; set; }
}
