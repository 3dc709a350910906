using System.Net;
using System.Text.Json.Nodes;
using Universe.Runtime.Tests.TestSupport;

namespace Universe.Runtime.Tests.Http;

public sealed class AppsApiTests
{
    [Fact]
    public async Task PostApp_Valid_Returns201WithNormalizedAppAndDeployment()
    {
        await using var host = await RuntimeTestHost.StartAsync();

        using var response = await host.PostJsonAsync("v2/apps", """{"id":"web","cmd":"sleep 100","ports":[0,0]}""");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var app = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var deploymentId = Assert.Single(response.Headers.GetValues("Marathon-Deployment-Id"));
        Assert.Equal("/v2/apps/web", response.Headers.Location?.OriginalString);
        Assert.Equal("/web", (string?)app["id"]);
        Assert.Equal(1.0, (double)app["cpus"]!);
        Assert.Equal(128.0, (double)app["mem"]!);
        Assert.Equal(1, (int)app["instances"]!);
        Assert.Equal("*", (string?)app["role"]);
        Assert.Equal(2, app["portDefinitions"]!.AsArray().Count);
        Assert.Null(app["ports"]);
        Assert.Equal(0, (int)app["tasksRunning"]!);
        Assert.Equal(deploymentId, (string?)app["deployments"]![0]!["id"]);
    }

    [Fact]
    public async Task PostApp_TrailingSlashAsTheDcosCli_Returns201()
    {
        await using var host = await RuntimeTestHost.StartAsync();

        using var response = await host.PostJsonAsync("v2/apps/", """{"id":"cli","cmd":"x","instances":0}""");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task PostApp_Existing_Returns409WithMarathonMessage()
    {
        await using var host = await RuntimeTestHost.StartAsync();
        (await host.PostJsonAsync("v2/apps", """{"id":"/x","cmd":"sleep 1"}""")).Dispose();

        using var response = await host.PostJsonAsync("v2/apps", """{"id":"/x","cmd":"sleep 1"}""");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("""{"message":"An app with id [/x] already exists."}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task PostApp_MalformedJson_Returns400InvalidJson()
    {
        await using var host = await RuntimeTestHost.StartAsync();

        using var response = await host.PostJsonAsync("v2/apps", """{"id": "x",""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("Invalid JSON", (string?)body["message"]);
        Assert.Equal(System.Text.Json.JsonValueKind.String, body["details"]!.GetValueKind());
    }

    [Fact]
    public async Task PostApp_WrongFieldType_Returns400WithPathDetails()
    {
        await using var host = await RuntimeTestHost.StartAsync();

        using var response = await host.PostJsonAsync("v2/apps", """{"id":"x","cmd":"a","cpus":"many"}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(
            """{"message":"Invalid JSON","details":[{"path":"/cpus","errors":["error.expected.jsnumber"]}]}""",
            await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("""{"id":"x"}""", "/", "AppDefinition must either contain one of 'cmd' or 'args', and/or a 'container'.")]
    [InlineData("""{"id":"x","cmd":"a","args":["b"]}""", "/", "AppDefinition must either contain one of 'cmd' or 'args', and/or a 'container'.")]
    [InlineData("""{"id":"x","cmd":"a","upgradeStrategy":{"minimumHealthCapacity":1.5,"maximumOverCapacity":0}}""", "/upgradeStrategy/minimumHealthCapacity", "is greater than 1")]
    [InlineData("""{"id":"Bad_Id","cmd":"a"}""", "/id", "must fully match regular expression")]
    [InlineData("""{"id":"x","cmd":"a","portDefinitions":[{"port":0,"name":"p"},{"port":0,"name":"p"}]}""", "/portDefinitions", "Port names must be unique.")]
    [InlineData("""{"id":"x","cmd":"a","portDefinitions":[],"healthChecks":[{"protocol":"HTTP","portIndex":0}]}""", "/", "Health check port indices must address an element of the ports array or container port mappings.")]
    [InlineData("""{"id":"x","cmd":"a","mem":-1}""", "/mem", "expected 0 or more")]
    public async Task PostApp_InvalidDefinition_Returns422WithDetails(string body, string path, string error)
    {
        await using var host = await RuntimeTestHost.StartAsync();

        using var response = await host.PostJsonAsync("v2/apps", body);

        Assert.Equal((HttpStatusCode)422, response.StatusCode);
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("Object is not valid", (string?)json["message"]);
        var detail = json["details"]!.AsArray().Single(d => (string?)d!["path"] == path)!;
        Assert.Contains(detail["errors"]!.AsArray(), e => ((string)e!).Contains(error, StringComparison.Ordinal));
    }

    [Fact]
    public async Task PostApp_FloatInstances_Returns400()
    {
        await using var host = await RuntimeTestHost.StartAsync();

        using var response = await host.PostJsonAsync("v2/apps", """{"id":"x","cmd":"a","instances":1.5}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task PostApp_UnknownFieldsAndLabels_AreStoredAndReturnedVerbatim()
    {
        await using var host = await RuntimeTestHost.StartAsync();
        var label = Convert.ToBase64String(Enumerable.Range(0, 3000).Select(i => (byte)(i * 7)).ToArray());
        var body = $$$"""{"id":"pkg","cmd":"sleep 1","labels":{"DCOS_PACKAGE_DEFINITION":"{{{label}}}","x":"a'b<c>"},"tty":true,"check":{"http":{"portIndex":0}},"resourceLimits":{"cpus":"unlimited"}}""";

        (await host.PostJsonAsync("v2/apps", body)).Dispose();
        var raw = await host.Client.GetStringAsync("v2/apps");

        Assert.Contains(label, raw, StringComparison.Ordinal);
        Assert.Contains("\"x\":\"a'b<c>\"", raw, StringComparison.Ordinal);
        var app = JsonNode.Parse(raw)!["apps"]![0]!;
        Assert.True((bool)app["tty"]!);
        Assert.Equal("unlimited", (string?)app["resourceLimits"]!["cpus"]);
        Assert.NotNull(app["check"]!["http"]);
    }

    [Fact]
    public async Task GetApps_LabelSelector_ReturnsMatchingAppsOnly()
    {
        await using var host = await RuntimeTestHost.StartAsync();
        (await host.PostJsonAsync("v2/apps", """{"id":"a","cmd":"x","instances":0,"labels":{"tier":"front","env":"prod"}}""")).Dispose();
        (await host.PostJsonAsync("v2/apps", """{"id":"b","cmd":"x","instances":0,"labels":{"tier":"back"}}""")).Dispose();
        (await host.PostJsonAsync("v2/apps", """{"id":"c","cmd":"x","instances":0}""")).Dispose();

        var notFront = await host.GetJsonAsync("v2/apps?label=" + Uri.EscapeDataString("tier!=front"));
        var prod = await host.GetJsonAsync("v2/apps?label=" + Uri.EscapeDataString("tier in (front, back), env==prod"));

        Assert.Equal(["/b"], notFront["apps"]!.AsArray().Select(a => (string)a!["id"]!));
        Assert.Equal(["/a"], prod["apps"]!.AsArray().Select(a => (string)a!["id"]!));
    }

    [Fact]
    public async Task GetApps_AcceptGzip_ReturnsTheSameBodyCompressed()
    {
        await using var host = await RuntimeTestHost.StartAsync();
        (await host.PostJsonAsync("v2/apps", """{"id":"z","cmd":"x","instances":0,"labels":{"a":"b"}}""")).Dispose();
        var plain = await host.Client.GetStringAsync("v2/apps");
        using var request = new HttpRequestMessage(HttpMethod.Get, "v2/apps");
        request.Headers.AcceptEncoding.ParseAdd("gzip");

        using var response = await host.Client.SendAsync(request);

        Assert.Equal("gzip", Assert.Single(response.Content.Headers.ContentEncoding));
        await using var zip = new System.IO.Compression.GZipStream(await response.Content.ReadAsStreamAsync(), System.IO.Compression.CompressionMode.Decompress);
        using var reader = new StreamReader(zip);
        Assert.Equal(plain, await reader.ReadToEndAsync());
    }

    [Fact]
    public async Task GetApps_UnparsableLabelSelector_Returns422()
    {
        await using var host = await RuntimeTestHost.StartAsync();

        using var response = await host.Client.GetAsync("v2/apps?label=" + Uri.EscapeDataString("a in (b"));

        Assert.Equal((HttpStatusCode)422, response.StatusCode);
    }

    [Fact]
    public async Task GetApp_Unknown_Returns404()
    {
        await using var host = await RuntimeTestHost.StartAsync();

        using var response = await host.Client.GetAsync("v2/apps/nope");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("""{"message":"App '/nope' does not exist"}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task PutApp_InstancesOnly_ScalesAndReturnsDeploymentResult()
    {
        await using var host = await RuntimeTestHost.StartAsync();
        (await host.PostJsonAsync("v2/apps", """{"id":"s","cmd":"x","cpus":0.1,"mem":16}""")).Dispose();
        await host.WaitForRunningAsync("s", 1);
        await host.WaitForNoDeploymentsAsync();

        using var response = await host.PutJsonAsync("v2/apps/s", """{"instances":3}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(Assert.Single(response.Headers.GetValues("Marathon-Deployment-Id")), (string?)body["deploymentId"]);
        Assert.NotNull((string?)body["version"]);
        await host.WaitForRunningAsync("s", 3);
        var app = await host.GetAppAsync("s");
        Assert.Equal("x", (string?)app["cmd"]);
        Assert.NotEqual((string?)app["versionInfo"]!["lastScalingAt"], (string?)app["versionInfo"]!["lastConfigChangeAt"]);
    }

    [Fact]
    public async Task PutApp_Missing_CreatesWith201AndPatchMissingReturns404()
    {
        await using var host = await RuntimeTestHost.StartAsync();

        using var put = await host.PutJsonAsync("v2/apps/new?partialUpdate=false", """{"cmd":"x"}""");
        using var patch = await host.Client.PatchAsync("v2/apps/other", new StringContent("""{"cmd":"x"}""", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        Assert.Equal("/new", (string?)(await host.GetAppAsync("new"))["id"]);
        Assert.Equal(HttpStatusCode.NotFound, patch.StatusCode);
    }

    [Fact]
    public async Task PutApp_WhileDeploymentRuns_Returns409UnlessForced()
    {
        await using var host = await RuntimeTestHost.StartAsync();
        (await host.PostJsonAsync("v2/apps", """{"id":"big","cmd":"x","cpus":100}""")).Dispose();

        using var locked = await host.PutJsonAsync("v2/apps/big", """{"cpus":0.5}""");
        using var forced = await host.PutJsonAsync("v2/apps/big?force=true", """{"cpus":0.5}""");

        Assert.Equal(HttpStatusCode.Conflict, locked.StatusCode);
        var body = JsonNode.Parse(await locked.Content.ReadAsStringAsync())!;
        Assert.StartsWith("App is locked by one or more deployments.", (string?)body["message"], StringComparison.Ordinal);
        Assert.Single(body["deployments"]!.AsArray());
        Assert.Equal(HttpStatusCode.OK, forced.StatusCode);
        await host.WaitForRunningAsync("big", 1);
    }

    [Fact]
    public async Task DeleteApp_Existing_RemovesAppAndItsTasks()
    {
        await using var host = await RuntimeTestHost.StartAsync();
        (await host.PostJsonAsync("v2/apps", """{"id":"d","cmd":"x","cpus":0.1,"mem":16,"instances":2}""")).Dispose();
        await host.WaitForRunningAsync("d", 2);

        using var response = await host.Client.DeleteAsync("v2/apps/d");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.Contains("Marathon-Deployment-Id"));
        using var missing = await host.Client.GetAsync("v2/apps/d");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        await RuntimeTestHost.WaitUntilAsync(async () => (await host.GetJsonAsync("v2/tasks"))["tasks"]!.AsArray().Count == 0, "tasks of /d gone");
    }

    [Fact]
    public async Task RestartApp_Running_ReplacesEveryTask()
    {
        await using var host = await RuntimeTestHost.StartAsync();
        (await host.PostJsonAsync("v2/apps", """{"id":"r","cmd":"x","cpus":0.1,"mem":16,"instances":2}""")).Dispose();
        await host.WaitForRunningAsync("r", 2);
        await host.WaitForNoDeploymentsAsync();
        var before = (await host.GetAppAsync("r"))["tasks"]!.AsArray().Select(t => (string)t!["id"]!).ToHashSet();

        using var response = await host.PostJsonAsync("v2/apps/r/restart", "{}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await host.WaitForNoDeploymentsAsync();
        var after = (await host.GetAppAsync("r"))["tasks"]!.AsArray().Select(t => (string)t!["id"]!).ToList();
        Assert.Equal(2, after.Count);
        Assert.DoesNotContain(after, before.Contains);
    }

    [Fact]
    public async Task GetVersions_AfterUpdate_ListsBothAndRollsBack()
    {
        await using var host = await RuntimeTestHost.StartAsync();
        (await host.PostJsonAsync("v2/apps", """{"id":"v","cmd":"one","instances":0}""")).Dispose();
        (await host.PutJsonAsync("v2/apps/v?force=true", """{"cmd":"two"}""")).Dispose();

        var versions = (await host.GetJsonAsync("v2/apps/v/versions"))["versions"]!.AsArray().Select(v => (string)v!).ToList();
        (await host.PutJsonAsync("v2/apps/v?force=true", $$"""{"version":"{{versions[1]}}"}""")).Dispose();

        Assert.Equal(2, versions.Count);
        Assert.Equal("one", (string?)(await host.GetJsonAsync("v2/apps/v/versions/" + versions[1]))["cmd"]);
        Assert.Equal("one", (string?)(await host.GetAppAsync("v"))["cmd"]);
    }

    [Fact]
    public async Task Versions_MoreThanMaxAppVersions_KeepsTheNewestAndDeletesOlder()
    {
        await using var host = await RuntimeTestHost.StartAsync(new Dictionary<string, string?> { ["Runtime:MaxAppVersions"] = "3" });
        (await host.PostJsonAsync("v2/apps", """{"id":"k","cmd":"c0","instances":0}""")).Dispose();
        var first = (string?)(await host.GetAppAsync("k"))["version"];
        for (var i = 1; i <= 4; i++)
        {
            (await host.PutJsonAsync("v2/apps/k?force=true", $$"""{"cmd":"c{{i}}"}""")).Dispose();
        }

        var versions = (await host.GetJsonAsync("v2/apps/k/versions"))["versions"]!.AsArray().Select(v => (string)v!).ToList();
        using var pruned = await host.Client.GetAsync(new Uri("v2/apps/k/versions/" + first, UriKind.Relative));

        Assert.Equal(3, versions.Count);
        Assert.Equal((string?)(await host.GetAppAsync("k"))["version"], versions[0]);
        Assert.Equal(["c4", "c3", "c2"], await Task.WhenAll(versions.Select(async v => (string)(await host.GetJsonAsync("v2/apps/k/versions/" + v))["cmd"]!)));
        Assert.Equal(HttpStatusCode.NotFound, pruned.StatusCode);
    }

    [Fact]
    public async Task Api_UnderPrefix_ServesAppsWithPrefixedLocation()
    {
        await using var host = await RuntimeTestHost.StartAsync(prefix: "/marathon");

        using var response = await host.PostJsonAsync("v2/apps", """{"id":"p","cmd":"x","instances":0}""");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("/marathon/v2/apps/p", response.Headers.Location?.OriginalString);
        Assert.Equal("pong", await host.Client.GetStringAsync("ping"));
    }
}
