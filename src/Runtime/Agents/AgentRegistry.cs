using Microsoft.Extensions.Options;
using Universe.Runtime.Resources;
using Universe.Runtime.Tasks;

namespace Universe.Runtime.Agents;

/// <summary>
/// The configured agents: the local agent (when enabled and a task executor is registered) with this machine's
/// resources, plus <c>Runtime:SimulatedAgents:Count</c> simulated agents.
/// </summary>
internal sealed class AgentRegistry
{
    public const string LocalAgentId = "local";
    public const string LocalHostname = "127.0.0.1";

    public AgentRegistry(IOptions<RuntimeOptions> options, IEnumerable<ITaskExecutor> executors)
    {
        var value = options.Value;
        var agents = new List<RuntimeAgent>();
        Executor = executors.FirstOrDefault();
        if (value.LocalAgent.Enabled && Executor is not null)
        {
            var text = string.IsNullOrWhiteSpace(value.LocalAgent.Resources) ? DetectLocalResources(value.DataDirectory) : value.LocalAgent.Resources;
            agents.Add(new RuntimeAgent(LocalAgentId, LocalHostname, MesosResources.Parse(text), Simulated: false));
        }

        if (value.SimulatedAgents.Count > 0)
        {
            var resources = MesosResources.Parse(value.SimulatedAgents.Resources);
            for (var i = 1; i <= value.SimulatedAgents.Count; i++)
            {
                var id = FormattableString.Invariant($"sim-{i}");
                agents.Add(new RuntimeAgent(id, id + ".simulated", resources, Simulated: true));
            }
        }

        Agents = agents;
        ById = agents.ToDictionary(a => a.Id, StringComparer.Ordinal);
    }

    /// <summary>The task executor of the local agent, or null when none is registered.</summary>
    public ITaskExecutor? Executor { get; }

    public IReadOnlyList<RuntimeAgent> Agents { get; }

    public IReadOnlyDictionary<string, RuntimeAgent> ById { get; }

    /// <summary>This machine's cores, memory and disk (of the data directory's file system) and ports 10000–20000.</summary>
    public static string DetectLocalResources(string dataDirectory)
    {
        var memMb = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024 * 1024);
        long diskMb = 0;
        try
        {
            Directory.CreateDirectory(dataDirectory);
            diskMb = new DriveInfo(Path.GetFullPath(dataDirectory)).TotalSize / (1024 * 1024);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return FormattableString.Invariant($"cpus:{Environment.ProcessorCount};mem:{memMb};disk:{diskMb};ports:[10000-20000]");
    }
}
