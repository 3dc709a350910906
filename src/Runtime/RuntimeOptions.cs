using System.ComponentModel.DataAnnotations;

namespace Universe.Runtime;

/// <summary>The <c>Runtime</c> configuration section (see docs/runtime.md).</summary>
internal sealed class RuntimeOptions : IValidatableObject
{
    public const string SectionName = "Runtime";

    /// <summary>Where the SQLite state database and task sandboxes live.</summary>
    [Required]
    public string DataDirectory { get; set; } = DefaultDataDirectory;

    /// <summary>Used when <c>Runtime:DataDirectory</c> is not configured (under the repository's ignored <c>data/</c>).</summary>
    public const string DefaultDataDirectory = "data/runtime";

    /// <summary>The agent on this machine that runs tasks as real processes.</summary>
    public LocalAgentOptions LocalAgent { get; set; } = new();

    /// <summary>Agents that only keep books (tasks go TASK_RUNNING at once, no processes).</summary>
    public SimulatedAgentsOptions SimulatedAgents { get; set; } = new();

    /// <summary>Per-role weight, guarantee (quota) and limit, keyed by role name.</summary>
    public Dictionary<string, RoleOptions> Roles { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Test-only fault injection (crash tests); off by default.</summary>
    public FaultInjectionOptions FaultInjection { get; set; } = new();

    /// <summary>How many versions of each app are kept (<c>GET /v2/apps/{id}/versions</c>, rollbacks); older ones are deleted.</summary>
    [Range(1, 10_000)]
    public int MaxAppVersions { get; set; } = 20;

    /// <summary>Service ports handed to apps that ask for port 0 (Marathon's <c>--local_port_min/max</c>).</summary>
    public ServicePortsOptions ServicePorts { get; set; } = new();

    /// <summary>Reconcile/allocation period in milliseconds (Mesos' allocation interval, default 1 s).</summary>
    [Range(10, 60_000)]
    public int AllocationIntervalMilliseconds { get; set; } = 1000;

    /// <summary>
    /// After a restart, how long (ms, after the API is up) tasks that died while the Runtime was down keep their state before
    /// they are reported TASK_GONE and replaced, so event subscribers that reconnect see the report (Marathon's
    /// <c>reconciliation_initial_delay</c>; 0 reports them at once).
    /// </summary>
    [Range(0, 600_000)]
    public int ReconciliationInitialDelayMilliseconds { get; set; } = 5000;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(ServicePorts, new ValidationContext(ServicePorts), results, validateAllProperties: true);
        foreach (var result in results)
        {
            yield return new ValidationResult("Runtime:ServicePorts: " + result.ErrorMessage, [nameof(ServicePorts)]);
        }

        if (ServicePorts.Min >= ServicePorts.Max)
        {
            yield return new ValidationResult("Runtime:ServicePorts:Min must be below Runtime:ServicePorts:Max", [nameof(ServicePorts)]);
        }
    }
}
