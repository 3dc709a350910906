using Universe.Cosmos.Http;

namespace Universe.Cosmos.Tests.Http;

public sealed class AcceptHeaderTests
{
    private const string V1 = "application/vnd.dcos.package.describe-response+json;charset=utf-8;version=v1";
    private const string V2 = "application/vnd.dcos.package.describe-response+json;charset=utf-8;version=v2";
    private const string V3 = "application/vnd.dcos.package.describe-response+json;charset=utf-8;version=v3";
    private const string Error = "application/vnd.dcos.package.error+json;charset=utf-8;version=v1";

    [Theory]
    [InlineData(V3, V3)]
    [InlineData(V2, V2)]
    [InlineData("application/vnd.dcos.package.describe-response+json;version=v2;charset=utf-8", V2)]
    [InlineData(V2 + ";q=0.9," + V3 + ";q=0.8", V2)]
    [InlineData(V3 + ";q=0.8," + V2 + ";q=0.9", V2)]
    [InlineData(V3 + "," + V2, V3)]
    [InlineData(V2 + "," + V3, V2)]
    [InlineData(V3 + "," + Error, V3)]
    [InlineData(Error + "," + V2, V2)]
    [InlineData(V3 + ";q=0," + V2, V2)]
    [InlineData(V3 + ";q=abc," + V2 + ";q=0.5", V3)]
    [InlineData(",, " + V2 + " ,", V2)]
    [InlineData("text/html," + V2, V2)]
    [InlineData(V1 + "," + V2, V2)]
    [InlineData(V1 + ";q=1.0," + V2 + ";q=0.1", V2)]
    [InlineData("application/vnd.dcos.package.describe-response+json," + V2, V2)]
    [InlineData("application/vnd.dcos.package.describe-response+json;charset=utf-8;version=v3;q=1,application/vnd.dcos.package.describe-response+json;charset=utf-8;version=v2;q=0.5", V3)]
    public void Select_AcceptableValue_SelectsOfferedType(string accept, string expected)
    {
        var parsed = AcceptHeader.TryParse(accept, out var accepted);

        var selected = AcceptHeader.Select(accepted!, [MediaType.Parse(V3), MediaType.Parse(V2)]);

        Assert.True(parsed);
        Assert.Equal(expected, selected?.ToString());
    }

    [Theory]
    [InlineData("*/*")]
    [InlineData("application/json")]
    [InlineData("application/vnd.dcos.package.describe-response+json")]
    [InlineData("application/vnd.dcos.package.describe-response+json;version=v2")]
    [InlineData("application/vnd.dcos.package.describe-response+json;charset=utf-8")]
    [InlineData(V1)]
    [InlineData(V2 + ";q=0")]
    [InlineData("application/vnd.dcos.package.describe-response+json;version=v3;q=0.9," + V2 + ";q=0.1")]
    public void Select_UnacceptableValue_ReturnsNull(string accept)
    {
        var accepted = Parse(accept);

        var selected = AcceptHeader.Select(accepted, [MediaType.Parse(V3), MediaType.Parse(V2)]);

        Assert.Null(selected);
    }

    [Fact]
    public void TryParse_EntryWithoutParameters_InheritsParametersOfNextEntryToTheRight()
    {
        var accepted = Parse("text/html,application/xhtml+xml,application/xml;q=0.9,image/webp,*/*;q=0.8");

        var printed = accepted.Select(m => m.ToString()).ToList();

        Assert.Equal(["text/html;q=0.9", "application/xhtml+xml;q=0.9", "application/xml;q=0.9", "image/webp;q=0.8", "*/*;q=0.8"], printed);
    }

    [Fact]
    public void TryParse_DuplicateEntries_AreDeduplicated()
    {
        var accepted = Parse(V2 + "," + V2 + ",application/vnd.dcos.package.describe-response+json;version=v2;charset=utf-8");

        var count = accepted.Count;

        Assert.Equal(1, count);
    }

    [Theory]
    [InlineData("application/json;charset")]
    [InlineData("text/html,garbage")]
    public void TryParse_UnparsableEntry_ReturnsFalse(string accept)
    {
        var parsed = AcceptHeader.TryParse(accept, out _);

        Assert.False(parsed);
    }

    private static IReadOnlyList<MediaType> Parse(string accept) =>
        AcceptHeader.TryParse(accept, out var accepted) ? accepted : throw new InvalidOperationException($"Unparsable: {accept}");
}
