namespace Universe.Cli.Tests.TestSupport;

/// <summary>A request <see cref="StubServer"/> received.</summary>
internal sealed record RecordedRequest(string Method, string Path, string Query, string? ContentType, string Accept, string Authorization, string Body);
