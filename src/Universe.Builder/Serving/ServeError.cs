namespace Universe.Builder.Serving;

/// <summary>The error body of the repo server, in the Cosmos shape: <c>{"type":…,"message":…,"data":{…}}</c>.</summary>
public sealed record ServeError(string Type, string Message, IReadOnlyDictionary<string, string?> Data);
