using System.Globalization;
using Universe.Runtime.Resources;

namespace Universe.Runtime.Allocation;

/// <summary>
/// Reads the allocator's configuration keys (all optional):
/// <list type="bullet">
/// <item><c>Runtime:Roles:&lt;role&gt;:Weight</c> (number &gt; 0, default 1), <c>Runtime:Roles:&lt;role&gt;:Guarantee</c> and
/// <c>Runtime:Roles:&lt;role&gt;:Limit</c> (Mesos resource text, e.g. <c>cpus:4;mem:8192</c>; top-level roles only).</item>
/// <item><c>Runtime:Allocation:MinAllocatableResources</c> (default <c>cpus:0.01|mem:32</c>; empty = none),
/// <c>Runtime:Allocation:FairnessExcludedResources</c> (comma-separated names, e.g. <c>gpus</c>),
/// <c>Runtime:Allocation:DeclineScarceResources</c> (bool).</item>
/// </list>
/// Invalid values throw <see cref="FormatException"/> naming the key, so a host can fail at start-up.
/// </summary>
internal static class AllocatorConfiguration
{
    public const string RolesSection = "Runtime:Roles";
    public const string AllocationSection = "Runtime:Allocation";

    /// <summary>Role settings by role path from <c>Runtime:Roles</c>.</summary>
    public static IReadOnlyDictionary<string, RoleSettings> ReadRoles(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var roles = new Dictionary<string, RoleSettings>(StringComparer.Ordinal);
        foreach (var section in configuration.GetSection(RolesSection).GetChildren())
        {
            var role = section.Key;
            if (!RoleNames.IsValid(role))
            {
                throw new FormatException($"{section.Path}: '{role}' is not a valid role name");
            }

            var settings = new RoleSettings();
            if (section["Weight"] is { Length: > 0 } weightText)
            {
                if (!double.TryParse(weightText, NumberStyles.Float, CultureInfo.InvariantCulture, out var weight) || !(weight > 0) || !double.IsFinite(weight))
                {
                    throw new FormatException($"{section.Path}:Weight: '{weightText}' is not a positive number");
                }

                settings = settings with { Weight = weight };
            }

            if (section["Guarantee"] is { Length: > 0 } guarantee)
            {
                settings = settings with { Guarantee = ParseResources(section.Path + ":Guarantee", guarantee).Total };
            }

            if (section["Limit"] is { Length: > 0 } limit)
            {
                settings = settings with { Limit = ParseResources(section.Path + ":Limit", limit).ToLimit() };
            }

            roles[role] = settings;
        }

        return roles;
    }

    /// <summary>Allocator options from <c>Runtime:Allocation</c>.</summary>
    public static AllocationOptions ReadOptions(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(AllocationSection);
        var options = AllocationOptions.Default;
        if (section["MinAllocatableResources"] is { } minimum)
        {
            try
            {
                options = options with { MinAllocatable = MesosResources.ParseAlternatives(minimum) };
            }
            catch (FormatException e)
            {
                throw new FormatException($"{section.Path}:MinAllocatableResources: {e.Message}", e);
            }
        }

        if (section["FairnessExcludedResources"] is { } excluded)
        {
            options = options with { FairnessExcludedResources = excluded.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) };
        }

        if (section["DeclineScarceResources"] is { Length: > 0 } scarce)
        {
            options = options with
            {
                DeclineScarceResources = bool.TryParse(scarce, out var value)
                    ? value
                    : throw new FormatException($"{section.Path}:DeclineScarceResources: '{scarce}' is not true or false"),
            };
        }

        return options;
    }

    /// <summary>Parses one resource key's value, naming the key in the error (e.g. <c>Runtime:LocalAgent:Resources</c>).</summary>
    public static MesosResources ParseResources(string key, string text) =>
        MesosResources.TryParse(text, out var resources, out var error)
            ? resources
            : throw new FormatException($"{key}: {error}");
}
