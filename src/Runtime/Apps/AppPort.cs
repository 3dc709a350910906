namespace Universe.Runtime.Apps;

/// <summary>One <c>portDefinitions</c> entry: the requested port (0 = any) and its optional name.</summary>
internal sealed record AppPort(int Port, string? Name);
