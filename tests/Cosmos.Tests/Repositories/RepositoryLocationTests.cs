using Universe.Cosmos.Repositories;

namespace Universe.Cosmos.Tests.Repositories;

public sealed class RepositoryLocationTests
{
    [Theory]
    [InlineData("https://universe.example.com/repo", RepositoryKind.Http, "https://universe.example.com/repo", null, false)]
    [InlineData("http://127.0.0.1:8080/repo-up-to-2.0.json", RepositoryKind.Http, "http://127.0.0.1:8080/repo-up-to-2.0.json", null, false)]
    [InlineData("file:///srv/universe", RepositoryKind.Local, "/srv/universe", null, true)]
    [InlineData("/srv/universe/repo/packages", RepositoryKind.Local, "/srv/universe/repo/packages", null, true)]
    [InlineData("/srv/repo.json.gz", RepositoryKind.Local, "/srv/repo.json.gz", null, true)]
    [InlineData("git+https://github.com/mesosphere/universe.git#version-3.x", RepositoryKind.Git, "https://github.com/mesosphere/universe.git", "version-3.x", false)]
    [InlineData("git+file:///srv/universe#main", RepositoryKind.Git, "/srv/universe", "main", true)]
    [InlineData("/srv/universe.git#36aeb9a4", RepositoryKind.Git, "/srv/universe.git", "36aeb9a4", true)]
    [InlineData("file:///srv/universe.git", RepositoryKind.Git, "/srv/universe.git", null, true)]
    public void TryParse_SupportedUri_GivesKindTargetAndReference(string uri, RepositoryKind kind, string target, string? reference, bool local)
    {
        var ok = RepositoryLocation.TryParse(uri, out var location, out _, out _);

        Assert.True(ok);
        Assert.Equal(new RepositoryLocation(kind, target, reference), location);
        Assert.Equal(local, location!.IsLocal);
    }

    [Theory]
    [InlineData("ftp://example.com/repo", true)]
    [InlineData("git+ssh://git@example.com/u.git", true)]
    [InlineData("mailto:someone@example.com", true)]
    [InlineData("not a uri", false)]
    [InlineData("", false)]
    [InlineData("/srv/universe#main", false)]
    public void TryParse_BadUri_TellsUnsupportedFromSyntax(string uri, bool unsupported)
    {
        var ok = RepositoryLocation.TryParse(uri, out _, out var cause, out var isUnsupported);

        Assert.False(ok);
        Assert.NotEmpty(cause!);
        Assert.Equal(unsupported, isUnsupported);
    }
}
