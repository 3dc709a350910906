using System.Text.Json;
using System.Text.Json.Nodes;
using Universe.Runtime.Containers.Runc;

namespace Universe.Runtime.Containers.Networking;

/// <summary>
/// BRIDGE networking with the standard CNI plugins (Debian's containernetworking-plugins), called directly as the CNI
/// spec says (CNI_* environment, network config on stdin): a named network namespace per container (<c>ip netns</c>),
/// <c>bridge</c> with <c>host-local</c> IPAM for its address, then <c>portmap</c> for the host ports. portmap's DNAT with
/// SNAT enabled also sets <c>route_localnet</c> on the bridge, so <c>127.0.0.1:&lt;hostPort&gt;</c> reaches the container.
/// </summary>
internal sealed class CniNetwork(CniSettings settings)
{
    private const string CniVersion = "1.0.0";
    private const string IfName = "eth0";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private static readonly string[] RequiredPlugins = ["bridge", "host-local", "portmap"];

    public CniSettings Settings => settings;

    /// <summary>The plugins BRIDGE networking needs that are missing from the plugin directory.</summary>
    public IReadOnlyList<string> MissingPlugins() =>
        [.. RequiredPlugins.Where(p => !File.Exists(Path.Join(settings.PluginDirectory, p)))];

    public static string NetnsNameFor(string containerId) => "universe-" + containerId;

    public async Task<CniAttachment> AttachAsync(string containerId, IReadOnlyList<PortMappingSpec> ports, CancellationToken cancellationToken)
    {
        var netns = NetnsNameFor(containerId);
        await IpAsync(["netns", "add", netns], cancellationToken);
        var attachment = new CniAttachment(containerId, netns, null, ports, "");
        try
        {
            await IpAsync(["-n", netns, "link", "set", "lo", "up"], cancellationToken);
            var result = await InvokeAsync("ADD", attachment, BridgeConfig(), cancellationToken);
            attachment = attachment with { BridgeResult = result, IpAddress = FirstAddress(result) };
            if (ports.Count > 0)
            {
                await InvokeAsync("ADD", attachment, PortmapConfig(ports, result), cancellationToken);
            }

            return attachment;
        }
        catch
        {
            await DetachAsync(attachment, CancellationToken.None);
            throw;
        }
    }

    /// <summary>Removes the port forwards, releases the address and deletes the namespace; every step is tried.</summary>
    public async Task DetachAsync(CniAttachment attachment, CancellationToken cancellationToken)
    {
        var errors = new List<string>();
        if (attachment.Ports.Count > 0)
        {
            await Try(() => InvokeAsync("DEL", attachment, PortmapConfig(attachment.Ports, attachment.BridgeResult), cancellationToken), errors);
        }

        await Try(() => InvokeAsync("DEL", attachment, BridgeConfig(), cancellationToken), errors);
        if (File.Exists(attachment.NetnsPath))
        {
            await Try(() => IpAsync(["netns", "delete", attachment.NetnsName], cancellationToken), errors);
        }

        if (errors.Count > 0)
        {
            throw new InvalidOperationException(string.Join("; ", errors));
        }
    }

    private static async Task Try(Func<Task> action, List<string> errors)
    {
        try
        {
            await action();
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or IOException)
        {
            errors.Add(e.Message);
        }
    }

    private JsonObject BridgeConfig() => new()
    {
        ["cniVersion"] = CniVersion,
        ["name"] = settings.BridgeName,
        ["type"] = "bridge",
        ["bridge"] = settings.BridgeName,
        ["isGateway"] = true,
        ["ipMasq"] = true,
        ["hairpinMode"] = true,
        ["ipam"] = new JsonObject
        {
            ["type"] = "host-local",
            ["ranges"] = new JsonArray(new JsonArray(new JsonObject { ["subnet"] = settings.Subnet })),
            ["routes"] = new JsonArray(new JsonObject { ["dst"] = "0.0.0.0/0" }),
            ["dataDir"] = settings.IpamDirectory,
        },
    };

    private JsonObject PortmapConfig(IReadOnlyList<PortMappingSpec> ports, string bridgeResult) => new()
    {
        ["cniVersion"] = CniVersion,
        ["name"] = settings.BridgeName,
        ["type"] = "portmap",
        ["snat"] = true,
        ["capabilities"] = new JsonObject { ["portMappings"] = true },
        ["runtimeConfig"] = new JsonObject
        {
            ["portMappings"] = new JsonArray([.. ports.Select(p => (JsonNode)new JsonObject
            {
                ["hostPort"] = p.HostPort,
                ["containerPort"] = p.ContainerPort,
                ["protocol"] = p.Protocol,
            })]),
        },
        ["prevResult"] = string.IsNullOrEmpty(bridgeResult) ? null : JsonNode.Parse(bridgeResult),
    };

    private async Task<string> InvokeAsync(string command, CniAttachment attachment, JsonObject config, CancellationToken cancellationToken)
    {
        var type = (string)config["type"]!;
        var plugin = Path.Join(settings.PluginDirectory, type);
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["CNI_COMMAND"] = command,
            ["CNI_CONTAINERID"] = attachment.ContainerId,
            ["CNI_NETNS"] = attachment.NetnsPath,
            ["CNI_IFNAME"] = IfName,
            ["CNI_PATH"] = settings.PluginDirectory,
        };
        var result = await ProcessRunner.RunAsync(plugin, [], Timeout, cancellationToken, config.ToJsonString(), environment);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException("CNI " + type + " " + command + " failed: " + ErrorMessage(result));
        }

        return result.Stdout;
    }

    private static string ErrorMessage(ProcessRunner.Result result)
    {
        try
        {
            var error = JsonNode.Parse(result.Stdout);
            var message = (string?)error?["msg"];
            var details = (string?)error?["details"];
            return string.IsNullOrEmpty(details) ? message ?? result.Stdout : message + ": " + details;
        }
        catch (JsonException)
        {
            return (result.Stdout + " " + result.Stderr).Trim();
        }
    }

    private static string? FirstAddress(string result)
    {
        var address = (string?)JsonNode.Parse(result)?["ips"]?[0]?["address"];
        return address?.Split('/')[0];
    }

    private static async Task IpAsync(string[] arguments, CancellationToken cancellationToken)
    {
        var result = await ProcessRunner.RunAsync(IpBinary, arguments, Timeout, cancellationToken);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException("ip " + string.Join(' ', arguments) + " failed: " + result.Stderr.Trim());
        }
    }

    private static string IpBinary => File.Exists("/usr/sbin/ip") ? "/usr/sbin/ip" : File.Exists("/sbin/ip") ? "/sbin/ip" : "/usr/bin/ip";
}
