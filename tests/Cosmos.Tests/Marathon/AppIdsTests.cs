using Universe.Cosmos.Errors;
using Universe.Cosmos.Marathon;

namespace Universe.Cosmos.Tests.Marathon;

public sealed class AppIdsTests
{
    [Theory]
    [InlineData("web", "/web")]
    [InlineData("/web", "/web")]
    [InlineData("/group/web/", "/group/web")]
    public void Normalize_Id_HasOneLeadingSlash(string input, string expected) =>
        Assert.Equal(expected, AppIds.Normalize(input));

    [Theory]
    [InlineData("/web", "v2/apps/web")]
    [InlineData("prod/db/mysql", "v2/apps/prod/db/mysql")]
    public void ToPath_ValidId_IsAppsPath(string appId, string expected) =>
        Assert.Equal(expected, AppIds.ToPath(appId));

    [Theory]
    [InlineData("/")]
    [InlineData("/a/../../v2/deployments")]
    [InlineData("/a//b")]
    [InlineData("./x")]
    public void ToPath_TraversingId_Throws(string appId)
    {
        var error = Assert.Throws<CosmosException>(() => AppIds.ToPath(appId));

        Assert.Equal("InvalidAppId", error.Error.Type);
    }

    [Theory]
    [InlineData("/a?b#c")]
    [InlineData("/a%2Fb")]
    [InlineData("/a b")]
    public void ToPath_CharactersOutsideMarathonIds_Refused(string appId) =>
        Assert.Equal("InvalidAppId", Assert.Throws<CosmosException>(() => AppIds.ToPath(appId)).Error.Type);
}
