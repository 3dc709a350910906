using System.Net;
using System.Text.Json.Nodes;

namespace Universe.Cosmos.Tests.Services;

/// <summary>service/history, service/diff and service/rollback against the bundled Runtime (bookkeeping agent).</summary>
public sealed class ServiceLifecycleTests
{
    [Fact]
    public async Task History_InstallUpdateUpgrade_ThreeRevisionsNewestFirst()
    {
        await using var host = new ServicesHost();
        await InstallUpdateUpgradeAsync(host);

        var (status, body) = await host.HistoryAsync(new { appId = "web-server" });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("/web-server", body!["appId"]!.GetValue<string>());
        var revisions = body["revisions"]!.AsArray();
        Assert.Equal([3, 2, 1], revisions.Select(r => r!["revision"]!.GetValue<int>()));
        Assert.Equal(["update", "update", "install"], revisions.Select(r => r!["change"]!.GetValue<string>()));
        Assert.Equal(["1.1.0", "1.0.0", "1.0.0"], revisions.Select(r => r!["packageVersion"]!.GetValue<string>()));
        Assert.Equal(["two", "two", "one"], revisions.Select(r => r!["options"]!["web"]!["greeting"]!.GetValue<string>()));
        Assert.False(revisions[0]!["resolvedOptions"]!["web"]!["directory-listing"]!.GetValue<bool>());
        Assert.Null(revisions[2]!["resolvedOptions"]!["web"]!["directory-listing"]);
        Assert.Equal("one", revisions[2]!["resolvedOptions"]!["web"]!["greeting"]!.GetValue<string>());
        Assert.True(revisions[0]!["current"]!.GetValue<bool>());
        Assert.Null(revisions[1]!["current"]);
        Assert.Equal("web-server", revisions[0]!["packageName"]!.GetValue<string>());
        Assert.NotNull(revisions[0]!["deployment"]!["status"]);
        var versions = revisions.Select(r => r!["version"]!.GetValue<string>()).ToList();
        Assert.Equal(versions.OrderByDescending(v => v, StringComparer.Ordinal), versions);
    }

    [Fact]
    public async Task History_ScaleAndMarathonEdit_ShownAsScaleAndExternal()
    {
        await using var host = new ServicesHost();
        await host.InstallAsync(new { packageName = "web-server", packageVersion = "1.0.0", options = new { web = new { greeting = "one" } } });

        Assert.Equal(HttpStatusCode.OK, await host.MarathonPutAsync("v2/apps/web-server?force=true", """{"instances":2}"""));
        Assert.Equal(HttpStatusCode.OK, await host.MarathonPutAsync("v2/apps/web-server?force=true", """{"env":{"GREETING":"edited"}}"""));
        var (_, body) = await host.HistoryAsync(new { appId = "/web-server" });

        var revisions = body!["revisions"]!.AsArray();
        Assert.Equal(["external", "scale", "install"], revisions.Select(r => r!["change"]!.GetValue<string>()));
        Assert.Equal([3, 2, 1], revisions.Select(r => r!["revision"]!.GetValue<int>()));
        Assert.Equal([2, 2, 1], revisions.Select(r => r!["instances"]!.GetValue<int>()));
    }

    [Fact]
    public async Task Diff_BeforeEachChange_ShowsExactlyTheChangedPaths()
    {
        await using var host = new ServicesHost();
        await host.InstallAsync(new { packageName = "web-server", packageVersion = "1.0.0", options = new { web = new { greeting = "one" } } });

        var (optionsStatus, options) = await host.DiffAsync(new { appId = "/web-server", options = new { web = new { greeting = "two" } } });
        await host.UpdateServiceAsync(new { appId = "/web-server", replace = false, options = new { web = new { greeting = "two" } } });
        var (_, upgrade) = await host.DiffAsync(new { appId = "/web-server", packageVersion = "1.1.0" });

        Assert.Equal(HttpStatusCode.OK, optionsStatus);
        Assert.Equal("""{"from":"1.0.0","to":"1.0.0","allowed":true}""", options!["packageVersion"]!.ToJsonString());
        Assert.Equal("""[{"path":"/web/greeting","old":"one","new":"two"}]""", options["options"]!.ToJsonString());
        Assert.Equal("""[{"path":"/web/greeting","old":"one","new":"two"}]""", options["userOptions"]!.ToJsonString());
        Assert.Equal(["/env/GREETING", "/labels/DCOS_PACKAGE_OPTIONS"], Paths(options["app"]));
        var unified = options["appUnifiedDiff"]!.GetValue<string>();
        Assert.StartsWith("--- current\n+++ proposed\n@@ ", unified, StringComparison.Ordinal);
        Assert.Contains("\n-    \"GREETING\": \"one\"\n", unified, StringComparison.Ordinal);
        Assert.Contains("\n+    \"GREETING\": \"two\"\n", unified, StringComparison.Ordinal);

        Assert.Equal("""{"from":"1.0.0","to":"1.1.0","allowed":true}""", upgrade!["packageVersion"]!.ToJsonString());
        Assert.Equal("""[{"path":"/web/directory-listing","new":false}]""", upgrade["options"]!.ToJsonString());
        Assert.Empty(upgrade["userOptions"]!.AsArray());
        var appPaths = Paths(upgrade["app"]);
        Assert.Contains("/cmd", appPaths);
        Assert.Contains("/env/LISTING", appPaths);
        Assert.Contains("/healthChecks", appPaths);
        Assert.Contains("/labels/DCOS_PACKAGE_VERSION", appPaths);
        Assert.Contains("/labels/DCOS_PACKAGE_DEFINITION", appPaths);
        Assert.DoesNotContain("/env/GREETING", appPaths);
        Assert.DoesNotContain(appPaths, p => p.Contains("DCOS_PACKAGE_CHANGE", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Diff_NothingChanges_EmptyListsAndNoRevisionAdded()
    {
        await using var host = new ServicesHost();
        await host.InstallAsync(new { packageName = "web-server", options = new { web = new { greeting = "same" } } });

        var (status, body) = await host.DiffAsync(new { appId = "/web-server", options = new { web = new { greeting = "same" } } });
        var (_, history) = await host.HistoryAsync(new { appId = "/web-server" });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Empty(body!["options"]!.AsArray());
        Assert.Empty(body["userOptions"]!.AsArray());
        Assert.Empty(body["app"]!.AsArray());
        Assert.Equal(string.Empty, body["appUnifiedDiff"]!.GetValue<string>());
        Assert.Single(history!["revisions"]!.AsArray());
    }

    [Fact]
    public async Task Diff_InvalidOptions_SameErrorAsUpdate()
    {
        await using var host = new ServicesHost();
        await host.InstallAsync(new { packageName = "web-server" });
        var request = new { appId = "/web-server", replace = false, options = new { service = new { instances = -1 } } };

        var (diffStatus, diff) = await host.DiffAsync(request);
        var (updateStatus, update) = await host.UpdateServiceAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, diffStatus);
        Assert.Equal(updateStatus, diffStatus);
        Assert.Equal("JsonSchemaMismatch", diff!["type"]!.GetValue<string>());
        Assert.Equal(update!.ToJsonString(), diff.ToJsonString());
    }

    [Fact]
    public async Task Rollback_ToRevisionOne_RestoresVersionOptionsAndApp()
    {
        await using var host = new ServicesHost();
        await InstallUpdateUpgradeAsync(host);

        var (status, body) = await host.RollbackAsync(new { appId = "/web-server", revision = 1 });
        var (_, app) = await host.MarathonGetAsync("v2/apps/web-server");
        var (_, history) = await host.HistoryAsync(new { appId = "/web-server" });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(4, body!["revision"]!.GetValue<int>());
        Assert.Equal(1, body["rolledBackTo"]!.GetValue<int>());
        Assert.Equal("1.0.0", body["packageVersion"]!.GetValue<string>());
        Assert.Equal("one", body["options"]!["web"]!["greeting"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(body["marathonDeploymentId"]!.GetValue<string>()));
        Assert.Equal("1.0.0", app!["app"]!["labels"]!["DCOS_PACKAGE_VERSION"]!.GetValue<string>());
        Assert.Equal("one", app["app"]!["env"]!["GREETING"]!.GetValue<string>());
        Assert.Empty(app["app"]!["healthChecks"]!.AsArray());
        var newest = history!["revisions"]![0]!;
        Assert.Equal("rollback", newest["change"]!.GetValue<string>());
        Assert.Equal(4, newest["revision"]!.GetValue<int>());
        Assert.Equal(1, newest["rollbackTo"]!.GetValue<int>());
        Assert.Equal("1.0.0", newest["packageVersion"]!.GetValue<string>());
    }

    [Fact]
    public async Task Rollback_WithoutRevision_GoesToThePreviousOne()
    {
        await using var host = new ServicesHost();
        await InstallUpdateUpgradeAsync(host);

        var (status, body) = await host.RollbackAsync(new { appId = "/web-server" });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(2, body!["rolledBackTo"]!.GetValue<int>());
        Assert.Equal("1.0.0", body["packageVersion"]!.GetValue<string>());
        Assert.Equal("two", body["options"]!["web"]!["greeting"]!.GetValue<string>());
    }

    [Fact]
    public async Task Rollback_PackageGoneFromEveryRepository_StillWorks()
    {
        await using var host = new ServicesHost();
        await InstallUpdateUpgradeAsync(host);
        var (deleteStatus, _) = await host.RpcAsync(
            "/package/repository/delete", "package.repository.delete-request", "package.repository.delete-response", "v1", new { name = "Universe" });
        var (searchStatus, search) = await host.RpcAsync("/package/search", "package.search-request", "package.search-response", "v1", new { query = "web-server" });

        var (status, body) = await host.RollbackAsync(new { appId = "/web-server", revision = 1 });
        var (_, app) = await host.MarathonGetAsync("v2/apps/web-server");

        Assert.Equal(HttpStatusCode.OK, deleteStatus);
        Assert.Equal(HttpStatusCode.OK, searchStatus);
        Assert.Empty(search!["packages"]!.AsArray());
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("1.0.0", body!["packageVersion"]!.GetValue<string>());
        Assert.Equal("one", app!["app"]!["env"]!["GREETING"]!.GetValue<string>());
    }

    [Fact]
    public async Task Rollback_OnlyOneRevision_NoPreviousRevision()
    {
        await using var host = new ServicesHost();
        await host.InstallAsync(new { packageName = "web-server" });

        var (status, body) = await host.RollbackAsync(new { appId = "/web-server" });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("NoPreviousRevision", body!["type"]!.GetValue<string>());
        Assert.Equal("""{"appId":"/web-server"}""", body["data"]!.ToJsonString());
    }

    [Theory]
    [InlineData(99)]
    [InlineData(0)]
    [InlineData(-1)]
    public async Task Rollback_UnknownRevision_RevisionNotFound(int revision)
    {
        await using var host = new ServicesHost();
        await InstallUpdateUpgradeAsync(host);

        var (status, body) = await host.RollbackAsync(new { appId = "/web-server", revision });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("RevisionNotFound", body!["type"]!.GetValue<string>());
        Assert.Equal("[3,2,1]", body["data"]!["available"]!.ToJsonString());
    }

    [Theory]
    [InlineData("/service/history", "service.history")]
    [InlineData("/service/diff", "service.diff")]
    [InlineData("/service/rollback", "service.rollback")]
    public async Task LifecycleRpc_HostileBodies_Answer400WithEnvelope(string path, string kind)
    {
        await using var host = new ServicesHost();
        await host.InstallAsync(new { packageName = "web-server" });
        string[] bodies =
        [
            "{}", "[]", "null", "\"x\"", "{\"appId\":null}", "{\"appId\":5}", "{\"appId\":\"/web-server\",\"revision\":\"1\"}",
            "{\"appId\":\"/web-server\",\"revision\":99999999999}", "{\"appId\":\"../../v2/info\"}", "{\"appId\":\"/a/../b\"}",
            "{\"appId\":\"/nope\"}", "{\"appId\":\"/web-server\",\"options\":[1]}", "{\"appId\":\"/web-server\",\"packageVersion\":\"9.9.9\"}",
            "{\"appId\":\"/web-server\",\"replace\":\"yes\"}", "{\"appId\":\"" + new string('a', 5000) + "\"}", "{\"appId\":\"/web%2Fserver\"}",
        ];

        foreach (var body in bodies)
        {
            var (status, error) = await host.RpcAsync(path, kind + "-request", kind + "-response", "v1", body);
            if (status == HttpStatusCode.OK)
            {
                Assert.True(path != "/service/rollback" || body.Contains("revision", StringComparison.Ordinal) is false, $"{path} {body} was applied");
                continue;
            }

            Assert.True(status == HttpStatusCode.BadRequest, $"{path} {body[..Math.Min(body.Length, 60)]} answered {(int)status}");
            Assert.False(string.IsNullOrEmpty(error?["type"]?.GetValue<string>()), $"{path} {body[..Math.Min(body.Length, 60)]} has no error type");
            Assert.False(string.IsNullOrEmpty(error?["message"]?.GetValue<string>()));
        }
    }

    [Fact]
    public async Task Update_RollbackOnFailureTimeoutOutOfRange_InvalidRollbackTimeout()
    {
        await using var host = new ServicesHost();
        await host.InstallAsync(new { packageName = "web-server" });

        var (status, body) = await host.UpdateServiceAsync(new { appId = "/web-server", replace = false, rollbackOnFailure = new { timeoutSeconds = 0 } });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("InvalidRollbackTimeout", body!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Update_RollbackOnFailureHealthy_AnswersAfterDeploymentAndKeepsNewRevision()
    {
        await using var host = new ServicesHost();
        await host.InstallAsync(new { packageName = "web-server", packageVersion = "1.0.0" });

        var (status, body) = await host.UpdateServiceAsync(new { appId = "/web-server", replace = false, options = new { web = new { greeting = "ok" } }, rollbackOnFailure = new { timeoutSeconds = 30 } });
        var (_, app) = await host.MarathonGetAsync("v2/apps/web-server");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("ok", body!["resolvedOptions"]!["web"]!["greeting"]!.GetValue<string>());
        Assert.Empty(app!["app"]!["deployments"]!.AsArray());
        Assert.Equal("ok", app["app"]!["env"]!["GREETING"]!.GetValue<string>());
    }

    internal static async Task InstallUpdateUpgradeAsync(ServicesHost host)
    {
        var (installStatus, _) = await host.InstallAsync(new { packageName = "web-server", packageVersion = "1.0.0", options = new { web = new { greeting = "one" } } });
        var (updateStatus, _) = await host.UpdateServiceAsync(new { appId = "/web-server", replace = false, options = new { web = new { greeting = "two" } } });
        var (upgradeStatus, _) = await host.UpdateServiceAsync(new { appId = "/web-server", replace = false, packageVersion = "1.1.0" });
        Assert.Equal(HttpStatusCode.OK, installStatus);
        Assert.Equal(HttpStatusCode.OK, updateStatus);
        Assert.Equal(HttpStatusCode.OK, upgradeStatus);
    }

    private static List<string> Paths(JsonNode? changes) =>
        [.. changes!.AsArray().Select(c => c!["path"]!.GetValue<string>())];
}
