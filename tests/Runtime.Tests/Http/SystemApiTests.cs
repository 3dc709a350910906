using System.Net;
using System.Text.Json;
using Universe.Runtime.Tests.TestSupport;

namespace Universe.Runtime.Tests.Http;

public sealed class SystemApiTests
{
    [Fact]
    public async Task Ping_Default_ReturnsPong()
    {
        await using var host = await RuntimeTestHost.StartAsync();

        var body = await host.Client.GetStringAsync("ping");

        Assert.Equal("pong", body);
    }

    [Fact]
    public async Task Info_SimulatedOnly_HasExactlyMarathonsKeys()
    {
        await using var host = await RuntimeTestHost.StartAsync();

        var info = await host.GetJsonAsync("v2/info");

        Assert.Equal(
            ["buildref", "elected", "frameworkId", "http_config", "leader", "marathon_config", "name", "version", "zookeeper_config"],
            info.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal("marathon", (string?)info["name"]);
        Assert.True((bool)info["elected"]!);
        Assert.Equal("*", (string?)info["marathon_config"]!["mesos_role"]);
    }

    /// <summary>The keys of Marathon 1.11's InfoResource (mesosphere/marathon, api/v2/InfoResource.scala), which extend the RAML MarathonConfig.</summary>
    private static readonly string[] MarathonConfigKeys =
    [
        "access_control_allow_origin", "checkpoint", "decline_offer_duration", "default_network_name", "env_vars_prefix", "executor",
        "failover_timeout", "features", "framework_name", "ha", "hostname", "launch_token", "launch_token_refresh_interval",
        "leader_proxy_connection_timeout_ms", "leader_proxy_read_timeout_ms", "local_port_max", "local_port_min", "master",
        "max_instances_per_offer", "mesos_bridge_name", "mesos_heartbeat_failure_threshold", "mesos_heartbeat_interval",
        "mesos_leader_ui_url", "mesos_role", "mesos_user", "min_revive_offers_interval", "offer_matching_timeout",
        "on_elected_prepare_timeout", "reconciliation_initial_delay", "reconciliation_interval", "revive_offers_for_new_apps",
        "revive_offers_repetitions", "scale_apps_initial_delay", "scale_apps_interval", "store_cache", "task_launch_confirm_timeout",
        "task_launch_timeout", "task_lost_expunge_initial_delay", "task_lost_expunge_interval", "task_reservation_timeout", "webui_url",
    ];

    [Fact]
    public async Task Info_MarathonConfig_HasMarathonsKeysWithTheRamlTypes()
    {
        await using var host = await RuntimeTestHost.StartAsync(new Dictionary<string, string?>
        {
            ["Runtime:ServicePorts:Min"] = "12000",
            ["Runtime:ServicePorts:Max"] = "12100",
            ["Runtime:MaxAppVersions"] = "7",
        });

        var info = await host.GetJsonAsync("v2/info");
        var config = info["marathon_config"]!.AsObject();
        var zookeeper = info["zookeeper_config"]!.AsObject();
        var http = info["http_config"]!.AsObject();

        Assert.Equal(MarathonConfigKeys, config.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal(
            ["zk", "zk_compression", "zk_compression_threshold", "zk_connection_timeout", "zk_max_node_size", "zk_max_versions", "zk_session_timeout", "zk_timeout"],
            zookeeper.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal(["http_port", "https_port"], http.Select(p => p.Key).Order(StringComparer.Ordinal));

        // RAML MarathonConfig types: strings, int64/int32 numbers, booleans, features a string array.
        foreach (var name in (string[])["master", "framework_name", "executor", "hostname", "mesos_role", "mesos_user"])
        {
            Assert.Equal(JsonValueKind.String, config[name]!.GetValueKind());
        }

        foreach (var name in (string[])["failover_timeout", "local_port_min", "local_port_max", "task_launch_timeout", "task_reservation_timeout",
                     "reconciliation_initial_delay", "reconciliation_interval", "leader_proxy_connection_timeout_ms", "leader_proxy_read_timeout_ms"])
        {
            Assert.Equal(JsonValueKind.Number, config[name]!.GetValueKind());
        }

        Assert.Equal(JsonValueKind.False, config["ha"]!.GetValueKind());
        Assert.Equal(JsonValueKind.True, config["checkpoint"]!.GetValueKind());
        Assert.All(config["features"]!.AsArray(), f => Assert.Equal(JsonValueKind.String, f!.GetValueKind()));
        Assert.Null(config["webui_url"]);
        Assert.Null(config["mesos_leader_ui_url"]);

        // Values true to this Runtime: its configured service port range, versions kept, port and user.
        Assert.Equal(12000, (int)config["local_port_min"]!);
        Assert.Equal(12100, (int)config["local_port_max"]!);
        Assert.Equal(7, (int)zookeeper["zk_max_versions"]!);
        Assert.Equal(host.Client.BaseAddress!.Port, (int)http["http_port"]!);
        Assert.Equal(Environment.UserName, (string?)config["mesos_user"]);
        Assert.Equal("local", (string?)config["master"]);
    }

    [Fact]
    public async Task RuntimeInfo_SimulatedOnly_DescribesAgentsAndIsolation()
    {
        await using var host = await RuntimeTestHost.StartAsync();

        var info = await host.GetJsonAsync("runtime/info");

        Assert.Equal("none", (string?)info["isolation"]!["mode"]);
        Assert.Equal("sim-1", (string?)info["agents"]![0]!["id"]);
    }

    [Fact]
    public async Task Leader_Always_ReturnsThisNode()
    {
        await using var host = await RuntimeTestHost.StartAsync();

        var leader = await host.GetJsonAsync("v2/leader");

        Assert.Equal($"127.0.0.1:{host.Client.BaseAddress!.Port}", (string?)leader["leader"]);
    }

    [Fact]
    public async Task UnknownDeployment_Delete_Returns404()
    {
        await using var host = await RuntimeTestHost.StartAsync();

        using var response = await host.Client.DeleteAsync("v2/deployments/nope");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
