using System.Net;
using System.Text.Json.Nodes;
using Universe.Runtime.Allocation;
using Universe.Runtime.Containers;

namespace Universe.Runtime.Api;

/// <summary>
/// <c>GET /v2/info</c>: exactly the keys of Marathon 1.11's <c>InfoResource</c> (top level, <c>marathon_config</c>,
/// <c>zookeeper_config</c>, <c>http_config</c>), each with the value that describes this Runtime. Where the Runtime has
/// no such mechanism (ZooKeeper, launch tokens, Mesos heartbeats) the value is Marathon's default or null, as Marathon
/// reports an unset option. docs/runtime.md lists which is which.
/// </summary>
internal static class MarathonInfo
{
    /// <summary>The marathon_config keys of Marathon's InfoResource (1.11), in its order.</summary>
    public static readonly string[] MarathonConfigKeys =
    [
        "access_control_allow_origin", "checkpoint", "decline_offer_duration", "default_network_name", "env_vars_prefix",
        "executor", "failover_timeout", "features", "framework_name", "ha", "hostname", "launch_token",
        "launch_token_refresh_interval", "leader_proxy_connection_timeout_ms", "leader_proxy_read_timeout_ms",
        "local_port_max", "local_port_min", "master", "max_instances_per_offer", "mesos_bridge_name",
        "mesos_heartbeat_failure_threshold", "mesos_heartbeat_interval", "mesos_leader_ui_url", "mesos_role", "mesos_user",
        "min_revive_offers_interval", "offer_matching_timeout", "on_elected_prepare_timeout", "reconciliation_initial_delay",
        "reconciliation_interval", "revive_offers_for_new_apps", "revive_offers_repetitions", "scale_apps_initial_delay",
        "scale_apps_interval", "store_cache", "task_launch_confirm_timeout", "task_launch_timeout",
        "task_lost_expunge_initial_delay", "task_lost_expunge_interval", "task_reservation_timeout", "webui_url",
    ];

    public static JsonObject Render(HttpContext context, RuntimeOptions runtime, ContainerOptions containers, string version, string leader)
    {
        var interval = runtime.AllocationIntervalMilliseconds;
        var marathonConfig = new JsonObject
        {
            ["access_control_allow_origin"] = null,
            // Tasks outlive the Runtime and are re-adopted at its next start (Mesos checkpointing).
            ["checkpoint"] = true,
            ["decline_offer_duration"] = (long)OfferFilter.DefaultRefuse.TotalMilliseconds,
            ["default_network_name"] = null,
            ["env_vars_prefix"] = null,
            ["executor"] = "//cmd",
            ["failover_timeout"] = 604800,
            // TASK_KILLING is reported; apps may ask for GPUs.
            ["features"] = new JsonArray("gpu_resources", "task_killing"),
            ["framework_name"] = "marathon",
            ["ha"] = false,
            ["hostname"] = Dns.GetHostName(),
            ["launch_token"] = 100,
            ["launch_token_refresh_interval"] = 30000,
            ["leader_proxy_connection_timeout_ms"] = 5000,
            ["leader_proxy_read_timeout_ms"] = 10000,
            ["local_port_max"] = runtime.ServicePorts.Max,
            ["local_port_min"] = runtime.ServicePorts.Min,
            // Mesos' name for an in-process master.
            ["master"] = "local",
            ["max_instances_per_offer"] = null,
            ["mesos_bridge_name"] = containers.BridgeName,
            ["mesos_heartbeat_failure_threshold"] = 5,
            ["mesos_heartbeat_interval"] = 15000,
            ["mesos_leader_ui_url"] = null,
            ["mesos_role"] = "*",
            ["mesos_user"] = Environment.UserName,
            ["min_revive_offers_interval"] = interval,
            ["offer_matching_timeout"] = 3000,
            ["on_elected_prepare_timeout"] = 180000,
            // Tasks that died while the Runtime was down are reported after this delay; the loop runs every allocation interval.
            ["reconciliation_initial_delay"] = runtime.ReconciliationInitialDelayMilliseconds,
            ["reconciliation_interval"] = interval,
            ["revive_offers_for_new_apps"] = true,
            ["revive_offers_repetitions"] = 1,
            ["scale_apps_initial_delay"] = 0,
            ["scale_apps_interval"] = interval,
            // All state is held in memory and written through to SQLite.
            ["store_cache"] = true,
            ["task_launch_confirm_timeout"] = 300000,
            ["task_launch_timeout"] = 300000,
            ["task_lost_expunge_initial_delay"] = 300000,
            ["task_lost_expunge_interval"] = 30000,
            ["task_reservation_timeout"] = 20000,
            ["webui_url"] = null,
        };
        var https = context.Request.IsHttps;
        return new JsonObject
        {
            ["name"] = "marathon",
            ["version"] = version,
            ["buildref"] = "universe-runtime",
            ["elected"] = true,
            ["leader"] = leader,
            ["frameworkId"] = "universe-runtime",
            ["marathon_config"] = marathonConfig,
            ["zookeeper_config"] = new JsonObject
            {
                // No ZooKeeper: the state is in SQLite. zk_max_versions is the versions kept per app (Runtime:MaxAppVersions).
                ["zk"] = "none",
                ["zk_compression"] = false,
                ["zk_compression_threshold"] = 65536,
                ["zk_connection_timeout"] = 10000,
                ["zk_max_node_size"] = 1024000,
                ["zk_max_versions"] = runtime.MaxAppVersions,
                ["zk_session_timeout"] = 10000,
                ["zk_timeout"] = 10000,
            },
            ["http_config"] = new JsonObject
            {
                ["http_port"] = https ? 0 : context.Connection.LocalPort,
                ["https_port"] = https ? context.Connection.LocalPort : 0,
            },
        };
    }
}
