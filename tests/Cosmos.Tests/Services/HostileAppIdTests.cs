using System.Net;

namespace Universe.Cosmos.Tests.Services;

/// <summary>App ids and bodies that broke installs and listings: refused at the door with 400, nothing created.</summary>
public sealed class HostileAppIdTests
{
    public static TheoryData<string> BadAppIds => new()
    {
        new string('a', 250_000),
        "/" + new string('a', 8_192),
        "/with\u0000nul",
        "/UPPER",
        "/a/../b",
        "/x/versions",
    };

    [Theory]
    [MemberData(nameof(BadAppIds))]
    public async Task Install_AppIdBreakingMarathonRules_Returns400AndCreatesNoApp(string appId)
    {
        await using var host = new ServicesHost();

        var (status, body) = await host.InstallAsync(new { packageName = "ticker", appId });
        var (appsStatus, apps) = await host.MarathonGetAsync("v2/apps");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("InvalidAppId", (string?)body!["type"]);
        Assert.True(((string?)body["message"])!.Length < 200);
        Assert.Equal(HttpStatusCode.OK, appsStatus);
        Assert.Empty(apps!["apps"]!.AsArray());
    }

    [Theory]
    [MemberData(nameof(BadAppIds))]
    public async Task DescribeUninstallUpdate_AppIdBreakingMarathonRules_Return4xx(string appId)
    {
        await using var host = new ServicesHost();

        var (describe, describeBody) = await host.DescribeServiceAsync(new { appId });
        var (uninstall, uninstallBody) = await host.UninstallAsync(new { packageName = "ticker", appId });
        var (update, updateBody) = await host.UpdateServiceAsync(new { appId, options = new { } });

        Assert.Equal(HttpStatusCode.BadRequest, describe);
        Assert.Equal(HttpStatusCode.BadRequest, uninstall);
        Assert.Equal(HttpStatusCode.BadRequest, update);
        Assert.NotNull((string?)describeBody!["type"]);
        Assert.NotNull((string?)uninstallBody!["type"]);
        Assert.NotNull((string?)updateBody!["type"]);
    }

    [Theory]
    [InlineData("""{"packageName":"ticker","options":{"x":"\ud800"}}""")]
    [InlineData("""{"packageName":"ticker","packageName":"kv-store"}""")]
    public async Task Install_UnstorableBody_Returns400JsonErrorAndListStillWorks(string body)
    {
        await using var host = new ServicesHost();

        var (status, error) = await host.InstallAsync(body);
        var (listStatus, _) = await host.ListAsync(new { });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.NotNull((string?)error!["type"]);
        Assert.Equal(HttpStatusCode.OK, listStatus);
    }
}
