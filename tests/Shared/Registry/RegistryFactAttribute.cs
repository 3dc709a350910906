namespace Universe.Testing.Registry;

/// <summary>A fact needing the registry tools: skipped with the reason outside CI when one is missing, run (and failing) in CI.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RegistryFactAttribute : FactAttribute
{
    public RegistryFactAttribute(params string[] extraTools)
    {
        var reason = RegistryTools.MissingReason([.. RegistryTools.ImageTools, .. extraTools]);
        if (reason is not null && !RegistryTools.IsCi)
        {
            Skip = reason;
        }
    }
}

/// <summary>A theory needing the registry tools; see <see cref="RegistryFactAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RegistryTheoryAttribute : TheoryAttribute
{
    public RegistryTheoryAttribute(params string[] extraTools)
    {
        var reason = RegistryTools.MissingReason([.. RegistryTools.ImageTools, .. extraTools]);
        if (reason is not null && !RegistryTools.IsCi)
        {
            Skip = reason;
        }
    }
}
