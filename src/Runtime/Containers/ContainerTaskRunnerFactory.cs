using System.Collections.Concurrent;
using System.Runtime.Versioning;
using Universe.Runtime.Containers.Layers;
using Universe.Runtime.Containers.Networking;
using Universe.Runtime.Containers.Runc;
using Universe.Runtime.Tasks;

namespace Universe.Runtime.Containers;

/// <summary>Builds the executor's <see cref="ContainerTaskRunner"/> from <c>Runtime:Containers</c>; the host is probed lazily (<see cref="LazyContainerSupport"/>).</summary>
[SupportedOSPlatform("linux")]
internal static class ContainerTaskRunnerFactory
{
    public static ContainerTaskRunner Create(ContainerOptions options, TaskExecutorOptions taskOptions, IImageSource images,
        ConcurrentDictionary<string, RunningTask> tasks, TaskStatusPublisher publisher, ILogger logger)
    {
        var store = options.EffectiveStoreDirectory(taskOptions.DataDirectory);
        var runc = new RuncClient(ContainerSupportProbe.FindRunc(options.RuncPath) ?? options.RuncPath ?? "runc",
            Path.GetFullPath(options.RuncRoot ?? Path.Join(store, "runc")));
        var network = new CniNetwork(new CniSettings(options.CniPluginDirectory, options.BridgeName, options.Subnet, Path.Join(store, "cni")));
        var support = new LazyContainerSupport(options, store);
        var engine = new ContainerEngine(runc, network, new LayerStore(Path.Join(store, "layers")), () => support.Overlay,
            Path.Join(store, "bundles"), options.CgroupParent, logger);
        return new ContainerTaskRunner(engine, images, support, tasks, publisher, Path.Join(store, "volumes"), options.AllowedHostPaths, logger);
    }
}
