using System.Net;
using System.Text.Json.Nodes;

namespace Universe.Cosmos.Tests.Services;

/// <summary>install → list → uninstall against the bundled Runtime over its Marathon HTTP API (bookkeeping-only agent).</summary>
public sealed class InstallFlowTests
{
    [Fact]
    public async Task InstallListUninstall_WebServer_RoundTripsThroughMarathon()
    {
        await using var host = new ServicesHost();

        var (installStatus, installed) = await host.InstallAsync(new { packageName = "web-server", options = new { web = new { greeting = "hi" } } });
        var (_, app) = await host.MarathonGetAsync("v2/apps/web-server");
        var (listStatus, list) = await host.ListAsync(new { });
        var (uninstallStatus, uninstalled) = await host.UninstallAsync(new { packageName = "web-server" });
        var (_, after) = await host.ListAsync(new { });
        var (goneStatus, _) = await host.MarathonGetAsync("v2/apps/web-server");

        Assert.Equal(HttpStatusCode.OK, installStatus);
        Assert.Equal("web-server", installed!["packageName"]!.GetValue<string>());
        Assert.Equal("1.1.0", installed["packageVersion"]!.GetValue<string>());
        Assert.Equal("/web-server", installed["appId"]!.GetValue<string>());
        Assert.NotNull(installed["postInstallNotes"]);
        Assert.Equal("web-server", app!["app"]!["labels"]!["DCOS_PACKAGE_NAME"]!.GetValue<string>());
        Assert.Equal("hi", app["app"]!["env"]!["GREETING"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, listStatus);
        var entry = Assert.Single(list!["packages"]!.AsArray())!;
        Assert.Equal("/web-server", entry["appId"]!.GetValue<string>());
        Assert.Equal("1.1.0", entry["packageInformation"]!["packageDefinition"]!["version"]!.GetValue<string>());
        Assert.False(entry["packageInformation"]!["packageDefinition"]!["framework"]!.GetValue<bool>());
        Assert.StartsWith("http://localhost/package/resource?url=data%3Aimage%2Fsvg", entry["packageInformation"]!["resourceDefinition"]!["images"]!["icon-small"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("hi", entry["userProvidedOptions"]!["web"]!["greeting"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, uninstallStatus);
        var result = Assert.Single(uninstalled!["results"]!.AsArray())!;
        Assert.Equal("/web-server", result["appId"]!.GetValue<string>());
        Assert.Equal("1.1.0", result["packageVersion"]!.GetValue<string>());
        Assert.Equal("The web server has been removed.", result["postUninstallNotes"]!.GetValue<string>());
        Assert.Empty(after!["packages"]!.AsArray());
        Assert.Equal(HttpStatusCode.NotFound, goneStatus);
    }

    [Fact]
    public async Task Install_SameAppTwice_Returns409PackageAlreadyInstalled()
    {
        await using var host = new ServicesHost();
        await host.InstallAsync(new { packageName = "ticker" });

        var (status, body) = await host.InstallAsync(new { packageName = "ticker" });

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("""{"type":"PackageAlreadyInstalled","message":"Package is already installed"}""", body!.ToJsonString());
    }

    [Fact]
    public async Task Uninstall_TwoAppsOfOnePackage_AmbiguousUnlessAll()
    {
        await using var host = new ServicesHost();
        await host.InstallAsync(new { packageName = "ticker" });
        await host.InstallAsync(new { packageName = "ticker", appId = "ticker-2" });

        var (ambiguousStatus, ambiguous) = await host.UninstallAsync(new { packageName = "ticker" });
        var (allStatus, all) = await host.UninstallAsync(new { packageName = "ticker", all = true });

        Assert.Equal(HttpStatusCode.BadRequest, ambiguousStatus);
        Assert.Equal("AmbiguousAppId", ambiguous!["type"]!.GetValue<string>());
        Assert.Equal("Multiple apps named [ticker] are installed: [/ticker, /ticker-2]", ambiguous["message"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, allStatus);
        Assert.Equal(["/ticker", "/ticker-2"], all!["results"]!.AsArray().Select(r => r!["appId"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Uninstall_ByAppId_RemovesOnlyThatApp()
    {
        await using var host = new ServicesHost();
        await host.InstallAsync(new { packageName = "ticker" });
        await host.InstallAsync(new { packageName = "ticker", appId = "/ticker-2" });

        var (status, _) = await host.UninstallAsync(new { packageName = "ticker", appId = "ticker-2" });
        var (_, list) = await host.ListAsync(new { packageName = "ticker" });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("/ticker", Assert.Single(list!["packages"]!.AsArray())!["appId"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("{\"packageName\":\"ticker\"}", "PackageNotInstalled", "Package [ticker] is not installed")]
    [InlineData("{\"packageName\":\"ticker\",\"appId\":\"/nope\"}", "UninstallNonExistentAppForPackage", "Package [ticker] with id [/nope] is not installed")]
    public async Task Uninstall_NothingInstalled_ReportsWhy(string body, string type, string message)
    {
        await using var host = new ServicesHost();

        var (status, error) = await host.UninstallAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(type, error!["type"]!.GetValue<string>());
        Assert.Equal(message, error["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Install_CliOnlyPackage_V2WithoutAppIdAndProxiedCli()
    {
        await using var host = new ServicesHost();

        var (status, body) = await host.InstallAsync(new { packageName = "hello-cli" });
        var (_, list) = await host.ListAsync(new { });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Null(body!["appId"]);
        Assert.StartsWith("http://localhost/package/resource?url=data%3A", body["cli"]!["binaries"]!["linux"]!["x86-64"]!["url"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(list!["packages"]!.AsArray());
    }

    [Fact]
    public async Task Install_CliOnlyPackageWithV1_ServiceMarathonTemplateNotFound()
    {
        await using var host = new ServicesHost();

        var (status, body) = await host.InstallAsync(new { packageName = "hello-cli" }, "v1");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("ServiceMarathonTemplateNotFound", body!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Install_V1_RespondsWithNameVersionAndAppIdOnly()
    {
        await using var host = new ServicesHost();

        var (status, body) = await host.InstallAsync(new { packageName = "kv-store", packageVersion = "0.3.0" }, "v1");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("""{"packageName":"kv-store","packageVersion":"0.3.0","appId":"/kv-store"}""", body!.ToJsonString());
    }

    [Fact]
    public async Task Install_UnknownPackage_PackageNotFound()
    {
        await using var host = new ServicesHost();

        var (status, body) = await host.InstallAsync(new { packageName = "does-not-exist" });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("""{"type":"PackageNotFound","message":"Package [does-not-exist] not found","data":{"packageName":"does-not-exist"}}""", body!.ToJsonString());
    }

    [Fact]
    public async Task Install_OptionOfWrongType_JsonSchemaMismatchAndNothingCreated()
    {
        await using var host = new ServicesHost();

        var (status, body) = await host.InstallAsync(new { packageName = "echo-cluster", options = new { service = new { instances = "three" } } });
        var (_, apps) = await host.MarathonGetAsync("v2/apps");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("JsonSchemaMismatch", body!["type"]!.GetValue<string>());
        Assert.Empty(apps!["apps"]!.AsArray());
    }

    [Fact]
    public async Task Install_TokenConfigured_RequiresBearer()
    {
        await using var host = new ServicesHost(settings: new Dictionary<string, string?> { ["Cosmos:Auth:Token"] = "s3cret" });

        var (without, _) = await host.InstallAsync(new { packageName = "ticker" });
        var (with, _) = await host.RpcAsync("/package/install", "package.install-request", "package.install-response", "v2", new { packageName = "ticker" }, "s3cret");

        Assert.Equal(HttpStatusCode.Unauthorized, without);
        Assert.Equal(HttpStatusCode.OK, with);
    }

    [Fact]
    public async Task MarathonApi_TokenConfigured_EverythingButPingNeedsTheToken()
    {
        await using var host = new ServicesHost(settings: new Dictionary<string, string?> { ["Cosmos:Auth:Token"] = "s3cret" });
        using var content = new StringContent("""{"id":"/x","cmd":"sleep 100"}""", System.Text.Encoding.UTF8, "application/json");
        using var post = await host.Client.PostAsync("/marathon/v2/apps", content);
        using var get = await host.Client.GetAsync("/marathon/v2/apps");
        using var events = await host.Client.GetAsync("/marathon/v2/events", HttpCompletionOption.ResponseHeadersRead);
        using var ping = await host.Client.GetAsync("/marathon/ping");

        using var authorized = new HttpRequestMessage(HttpMethod.Post, "/marathon/v2/apps") { Content = new StringContent("""{"id":"/x","cmd":"sleep 100"}""", System.Text.Encoding.UTF8, "application/json") };
        authorized.Headers.TryAddWithoutValidation("Authorization", "Bearer s3cret");
        using var created = await host.Client.SendAsync(authorized);
        using var dcosRead = new HttpRequestMessage(HttpMethod.Get, "/marathon/v2/apps");
        dcosRead.Headers.TryAddWithoutValidation("Authorization", "token=s3cret");
        using var read = await host.Client.SendAsync(dcosRead);

        Assert.Equal(HttpStatusCode.Unauthorized, post.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, get.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, events.StatusCode);
        Assert.Contains("\"message\"", await get.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, ping.StatusCode);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
    }

    [Fact]
    public async Task List_FilterByPackageAndAppId_SortedByNameThenAppId()
    {
        await using var host = new ServicesHost();
        await host.InstallAsync(new { packageName = "ticker", appId = "/zz" });
        await host.InstallAsync(new { packageName = "ticker", appId = "/aa" });
        await host.InstallAsync(new { packageName = "kv-store" });

        var (_, all) = await host.ListAsync(new { });
        var (_, byApp) = await host.ListAsync(new { appId = "zz" });

        Assert.Equal(["/kv-store", "/aa", "/zz"], all!["packages"]!.AsArray().Select(p => p!["appId"]!.GetValue<string>()));
        Assert.Equal("/zz", Assert.Single(byApp!["packages"]!.AsArray())!["appId"]!.GetValue<string>());
    }

    [Fact]
    public async Task List_AppInstalledByOldCosmos_IsListedFromMetadataLabel()
    {
        await using var host = new ServicesHost();
        var metadata = Convert.ToBase64String("""{"packagingVersion":"2.0","name":"legacy","version":"0.2.0","maintainer":"m","description":"old","tags":["x"]}"""u8.ToArray());
        var app = new JsonObject
        {
            ["id"] = "/legacy", ["cmd"] = "sleep 1000", ["cpus"] = 0.01, ["mem"] = 8, ["instances"] = 0,
            ["labels"] = new JsonObject
            {
                ["DCOS_PACKAGE_NAME"] = "legacy", ["DCOS_PACKAGE_VERSION"] = "0.2.0", ["DCOS_PACKAGE_REGISTRY_VERSION"] = "2.0",
                ["DCOS_PACKAGE_METADATA"] = metadata, ["DCOS_PACKAGE_SOURCE"] = "https://universe.mesosphere.com/repo",
            },
        };
        using var content = new StringContent(app.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
        using var created = await host.Client.PostAsync("/marathon/v2/apps", content);

        var (_, list) = await host.ListAsync(new { packageName = "legacy" });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var entry = Assert.Single(list!["packages"]!.AsArray())!;
        Assert.Equal("old", entry["packageInformation"]!["packageDefinition"]!["description"]!.GetValue<string>());
    }
}
