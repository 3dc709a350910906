namespace Universe.Runtime.Events;

/// <summary>One serialised event: its type and JSON data.</summary>
internal sealed record ServerEvent(string EventType, string Data);
