using System.Net;
using System.Text.Json.Nodes;
using NJsonSchema;
using Universe.Runtime.Tests.TestSupport;

namespace Universe.Runtime.Tests.Http;

/// <summary>Bodies valid under Marathon's own JSON Schema are accepted and come back with every field.</summary>
public sealed class SchemaConformanceTests
{
    private const string RichApp = """
        {
          "id": "/prod/web",
          "cmd": "python3 -m http.server $PORT0",
          "cpus": 0.5, "mem": 256, "disk": 10, "gpus": 0, "instances": 2,
          "executor": "",
          "env": {"LOG": "debug", "DB_PASSWORD": {"secret": "db"}},
          "secrets": {"db": {"source": "/prod/db/password"}},
          "labels": {"DCOS_PACKAGE_NAME": "web", "HAPROXY_GROUP": "external"},
          "constraints": [["hostname", "UNIQUE"], ["rack", "GROUP_BY", "2"]],
          "acceptedResourceRoles": ["*"],
          "portDefinitions": [{"port": 0, "protocol": "tcp", "name": "http", "labels": {"VIP_0": "/web:80"}}],
          "requirePorts": false,
          "healthChecks": [{"protocol": "HTTP", "path": "/", "portIndex": 0, "gracePeriodSeconds": 30, "intervalSeconds": 10, "timeoutSeconds": 5, "maxConsecutiveFailures": 3, "ignoreHttp1xx": false}],
          "readinessChecks": [{"name": "ready", "protocol": "HTTP", "path": "/", "portName": "http", "intervalSeconds": 30, "timeoutSeconds": 10, "httpStatusCodesForReady": [200], "preserveLastResponse": false}],
          "fetch": [{"uri": "https://example.invalid/app.tgz", "extract": true, "executable": false, "cache": false}],
          "dependencies": ["/prod/db"],
          "upgradeStrategy": {"minimumHealthCapacity": 0.5, "maximumOverCapacity": 0.2},
          "backoffSeconds": 2, "backoffFactor": 1.5, "maxLaunchDelaySeconds": 600,
          "taskKillGracePeriodSeconds": 10,
          "killSelection": "OLDEST_FIRST",
          "unreachableStrategy": {"inactiveAfterSeconds": 300, "expungeAfterSeconds": 600},
          "user": "nobody"
        }
        """;

    [SchemaFact]
    public async Task PostApp_BodyValidUnderMarathonSchema_IsAcceptedWithAllFields()
    {
        var schema = await JsonSchema.FromFileAsync(Path.Combine(MarathonSchema.RequiredDirectory, "AppDefinition.json"));
        Assert.Empty(schema.Validate(RichApp));
        await using var host = await RuntimeTestHost.StartAsync();

        using var response = await host.PostJsonAsync("v2/apps?force=true", RichApp);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var sent = JsonNode.Parse(RichApp)!.AsObject();
        // Marathon returns port 0 as the service port it assigned (the first of local_port_min..max).
        sent["portDefinitions"]![0]!["port"] = 10000;
        var stored = await host.GetAppAsync("prod/web");
        foreach (var (name, value) in sent)
        {
            Assert.True(JsonNode.DeepEquals(value, stored[name]), $"field {name}: sent {value?.ToJsonString()}, got {stored[name]?.ToJsonString()}");
        }
    }

    [SchemaFact]
    public async Task PostGroup_BodyValidUnderGroupSchema_IsAccepted()
    {
        const string group = """
            {"id": "/shop", "dependencies": [],
             "apps": [{"id": "/shop/cart", "cmd": "sleep 100", "cpus": 0.1, "mem": 32, "instances": 1}],
             "groups": [{"id": "/shop/db", "apps": [{"id": "/shop/db/pg", "cmd": "sleep 100", "cpus": 0.1, "mem": 32}]}]}
            """;
        var schema = await JsonSchema.FromFileAsync(Path.Combine(MarathonSchema.RequiredDirectory, "Group.json"));
        Assert.Empty(schema.Validate(group));
        await using var host = await RuntimeTestHost.StartAsync();

        using var response = await host.PostJsonAsync("v2/groups", group);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        await host.WaitForRunningAsync("shop/db/pg", 1);
        await host.WaitForRunningAsync("shop/cart", 1);
    }
}
