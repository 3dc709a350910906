namespace Universe.Builder.Serving;

/// <summary>Arguments of <c>universe serve</c>: a tree or a built directory, and the URLs to listen on.</summary>
public sealed record ServeArgs(string Repository, IReadOnlyList<string> Urls);
