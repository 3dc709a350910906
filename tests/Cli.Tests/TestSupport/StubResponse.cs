namespace Universe.Cli.Tests.TestSupport;

/// <summary>A canned response of <see cref="StubServer"/>.</summary>
internal sealed record StubResponse(int Status, string ContentType, string Body);
