namespace Universe.Cosmos.Tests.Http;

/// <summary>A route pattern and the methods mapped on it (each pattern is picked equally often).</summary>
internal sealed record FuzzTarget(string Path, IReadOnlyList<string> Methods);
