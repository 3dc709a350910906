namespace Universe.Runtime.Apps;

/// <summary>
/// One host port of a task: a <c>portDefinitions</c> entry, or the host side of a <c>portMappings</c> entry with bridge
/// networking. <see cref="Port"/> 0 = any; <see cref="Fixed"/>: this exact host port is required (a mapping's non-zero
/// <c>hostPort</c>, as Marathon treats it, independent of <c>requirePorts</c>).
/// </summary>
internal sealed record AppPort(int Port, string? Name, bool Fixed = false);
