using Universe.Runtime.Apps;

namespace Universe.Runtime.Tests.Apps;

public sealed class PathIdTests
{
    [Theory]
    [InlineData("mysql", "/", "/mysql")]
    [InlineData("../database", "/product/service", "/product/database")]
    [InlineData("specific/../../database", "/product/service", "/product/database")]
    [InlineData("/abs/id/", "/x", "/abs/id")]
    public void Resolve_RelativeOrAbsolute_GivesCanonicalAbsoluteId(string id, string baseId, string expected)
    {
        var resolved = PathId.Resolve(id, baseId);

        Assert.Equal(expected, resolved);
    }

    [Theory]
    [InlineData("/prod/db-1/my.sql", true)]
    [InlineData("/Upper", false)]
    [InlineData("/-lead", false)]
    [InlineData("/app/restart", false)]
    [InlineData("/app/tasks", false)]
    [InlineData("/a_b", false)]
    public void Validate_Id_FollowsMarathonSegmentRule(string id, bool valid)
    {
        var error = PathId.Validate(id);

        Assert.Equal(valid, error is null);
    }
}
