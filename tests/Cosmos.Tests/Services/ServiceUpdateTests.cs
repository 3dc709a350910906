using System.Net;

namespace Universe.Cosmos.Tests.Services;

/// <summary>service/describe and service/update against the bundled Runtime.</summary>
public sealed class ServiceUpdateTests
{
    [Fact]
    public async Task Describe_InstalledOldRelease_ListsUpgradeAndOptions()
    {
        await using var host = new ServicesHost();
        await host.InstallAsync(new { packageName = "web-server", packageVersion = "1.0.0", options = new { web = new { greeting = "hey" } } });

        var (status, body) = await host.DescribeServiceAsync(new { appId = "/web-server" });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("1.0.0", body!["package"]!["version"]!.GetValue<string>());
        Assert.Equal(["1.1.0"], body["upgradesTo"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Empty(body["downgradesTo"]!.AsArray());
        Assert.Equal("""{"web":{"greeting":"hey"}}""", body["userProvidedOptions"]!.ToJsonString());
        Assert.Equal("web-server", body["resolvedOptions"]!["service"]!["name"]!.GetValue<string>());
        Assert.Equal("hey", body["resolvedOptions"]!["web"]!["greeting"]!.GetValue<string>());
        Assert.StartsWith("http://localhost/package/resource?url=", body["package"]!["resource"]!["images"]!["icon-small"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Describe_UnknownApp_MarathonAppNotFound()
    {
        await using var host = new ServicesHost();

        var (status, body) = await host.DescribeServiceAsync(new { appId = "/does-not-exist" });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("MarathonAppNotFound", body!["type"]!.GetValue<string>());
        Assert.Equal("Unable to locate service with marathon appId: '/does-not-exist'", body["message"]!.GetValue<string>());
        Assert.Equal("""{"appId":"/does-not-exist"}""", body["data"]!.ToJsonString());
    }

    [Fact]
    public async Task Update_MergedOption_ReplacesAppAndDescribeAgrees()
    {
        await using var host = new ServicesHost();
        await host.InstallAsync(new { packageName = "web-server", options = new { service = new { instances = 2 }, web = new { greeting = "one" } } });

        var (status, body) = await host.UpdateServiceAsync(new { appId = "/web-server", replace = false, options = new { web = new { greeting = "two" } } });
        var (_, described) = await host.DescribeServiceAsync(new { appId = "/web-server" });
        var (_, app) = await host.MarathonGetAsync("v2/apps/web-server");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(string.IsNullOrEmpty(body!["marathonDeploymentId"]!.GetValue<string>()));
        Assert.Equal("two", body["resolvedOptions"]!["web"]!["greeting"]!.GetValue<string>());
        Assert.Equal(2, body["resolvedOptions"]!["service"]!["instances"]!.GetValue<int>());
        Assert.Equal(body["resolvedOptions"]!.ToJsonString(), described!["resolvedOptions"]!.ToJsonString());
        Assert.Equal("""{"service":{"instances":2},"web":{"greeting":"two"}}""", described["userProvidedOptions"]!.ToJsonString());
        Assert.Equal("two", app!["app"]!["env"]!["GREETING"]!.GetValue<string>());
        Assert.Equal(2, app["app"]!["instances"]!.GetValue<int>());
    }

    [Fact]
    public async Task Update_PackageVersionAllowedByUpgradesFrom_UpgradesAndDowngrades()
    {
        await using var host = new ServicesHost();
        await host.InstallAsync(new { packageName = "web-server", packageVersion = "1.0.0" });

        var (upStatus, up) = await host.UpdateServiceAsync(new { appId = "/web-server", replace = false, packageVersion = "1.1.0" });
        var (_, afterUp) = await host.MarathonGetAsync("v2/apps/web-server");
        var (downStatus, _) = await host.UpdateServiceAsync(new { appId = "/web-server", replace = false, packageVersion = "1.0.0" });
        var (_, afterDown) = await host.ListAsync(new { });

        Assert.Equal(HttpStatusCode.OK, upStatus);
        Assert.Equal("1.1.0", up!["package"]!["version"]!.GetValue<string>());
        Assert.Equal("1.1.0", afterUp!["app"]!["labels"]!["DCOS_PACKAGE_VERSION"]!.GetValue<string>());
        Assert.NotEmpty(afterUp["app"]!["healthChecks"]!.AsArray());
        Assert.Equal(HttpStatusCode.OK, downStatus);
        Assert.Equal("1.0.0", Assert.Single(afterDown!["packages"]!.AsArray())!["packageInformation"]!["packageDefinition"]!["version"]!.GetValue<string>());
    }

    [Fact]
    public async Task Update_UnknownVersion_VersionNotFound()
    {
        await using var host = new ServicesHost();
        await host.InstallAsync(new { packageName = "web-server" });

        var (status, body) = await host.UpdateServiceAsync(new { appId = "/web-server", replace = false, packageVersion = "9.9.9" });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("VersionNotFound", body!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Update_OptionChangesAppId_AppIdChanged()
    {
        await using var host = new ServicesHost();
        await host.InstallAsync(new { packageName = "web-server" });

        var (status, body) = await host.UpdateServiceAsync(new { appId = "/web-server", replace = true, options = new { service = new { name = "other" } } });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("The new appId /other must be equal to the old appId /web-server", body!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Update_AppInstalledWithCustomAppId_KeepsItsId()
    {
        await using var host = new ServicesHost();
        await host.InstallAsync(new { packageName = "web-server", appId = "/custom/web" });

        var (status, _) = await host.UpdateServiceAsync(new { appId = "/custom/web", replace = false, options = new { web = new { greeting = "x" } } });
        var (_, app) = await host.MarathonGetAsync("v2/apps/custom/web");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("x", app!["app"]!["env"]!["GREETING"]!.GetValue<string>());
    }

    [Fact]
    public async Task Update_InvalidOption_JsonSchemaMismatchAndAppUnchanged()
    {
        await using var host = new ServicesHost();
        await host.InstallAsync(new { packageName = "web-server", options = new { web = new { greeting = "keep" } } });

        var (status, body) = await host.UpdateServiceAsync(new { appId = "/web-server", replace = false, options = new { service = new { instances = -1 } } });
        var (_, app) = await host.MarathonGetAsync("v2/apps/web-server");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("JsonSchemaMismatch", body!["type"]!.GetValue<string>());
        Assert.Equal("keep", app!["app"]!["env"]!["GREETING"]!.GetValue<string>());
    }

    [Fact]
    public async Task Update_WithoutReplace_IsRequired()
    {
        await using var host = new ServicesHost();

        var (status, _) = await host.UpdateServiceAsync(new { appId = "/web-server" });

        Assert.Equal(HttpStatusCode.BadRequest, status);
    }
}
