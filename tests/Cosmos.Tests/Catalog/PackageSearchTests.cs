using Universe.Cosmos.Catalog;
using Universe.Cosmos.Repositories;
using static Universe.Cosmos.Tests.Catalog.InMemoryPackageCatalog;

namespace Universe.Cosmos.Tests.Catalog;

public sealed class PackageSearchTests
{
    private static readonly CatalogIndex Index = new(new CatalogSnapshot(
        [
            new RepositoryPackages(0, "r0", "file:///r0", [
                Package("minimal", "1.0", 1, """{"description":"the Minimal one","tags":["thing-tag","small"]}"""),
                Package("MAXIMAL", "1.0", 1, """{"description":"big","tags":["large"]}"""),
                Package("cassandra", "1.0", 2, """{"description":"Apache Cassandra database","tags":["data","database"],"selected":true}"""),
                Package("arangodb", "1.0", 1, """{"description":"A distributed database","tags":["database"],"selected":true}"""),
                Package("mysql", "1.0", 1, """{"description":"MySQL database","tags":["database","sql"]}"""),
            ]),
        ],
        Generation: 1));

    [Theory]
    [InlineData(null, "arangodb,cassandra,MAXIMAL,minimal,mysql")]
    [InlineData("", "arangodb,cassandra,MAXIMAL,minimal,mysql")]
    [InlineData("mini*mal", "minimal")]
    [InlineData("*minimal*", "minimal")]
    [InlineData("**mi**mal**", "minimal")]
    [InlineData("thing*", "minimal")]
    [InlineData("*IMAL", "MAXIMAL")]
    [InlineData("*imal", "minimal")]
    [InlineData("minimal*x", "")]
    [InlineData("mini*.+", "")]
    [InlineData("c*a", "cassandra")]
    [InlineData("cassan*a", "cassandra")]
    [InlineData("data*e", "arangodb,cassandra,mysql")]
    [InlineData("*", "arangodb,cassandra,MAXIMAL,minimal,mysql")]
    public void Search_WildcardQuery_MatchesWholeFieldsCaseSensitively(string? query, string expected)
    {
        var names = string.Join(",", PackageSearch.Search(Index, query).Select(e => e.Name));

        Assert.Equal(expected, names);
    }

    [Theory]
    [InlineData("aran", "arangodb")]
    [InlineData("CASS", "cassandra")]
    [InlineData("databas", "arangodb,cassandra,mysql")]
    [InlineData("imal", "MAXIMAL,minimal")]
    [InlineData("SMALL", "minimal")]
    [InlineData("apache", "cassandra")]
    [InlineData("nothing-matches", "")]
    public void Search_PlainQuery_MatchesSubstringsCaseInsensitively(string query, string expected)
    {
        var names = string.Join(",", PackageSearch.Search(Index, query).Select(e => e.Name));

        Assert.Equal(expected, names);
    }

    [Theory]
    [InlineData("abc", new[] { "a", "c" }, true)]
    [InlineData("ac", new[] { "a", "c" }, true)]
    [InlineData("a", new[] { "a", "a" }, false)]
    [InlineData("aa", new[] { "a", "a" }, true)]
    [InlineData("abcbd", new[] { "a", "b", "d" }, true)]
    [InlineData("abcd", new[] { "a", "d", "c" }, false)]
    [InlineData("", new[] { "", "" }, true)]
    public void WildcardMatches_Parts_MatchesAnchoredPattern(string text, string[] parts, bool expected)
    {
        var matches = PackageSearch.WildcardMatches(text, parts);

        Assert.Equal(expected, matches);
    }
}
