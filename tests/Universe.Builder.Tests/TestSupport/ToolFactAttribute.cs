namespace Universe.Builder.Tests.TestSupport;

/// <summary>A fact that needs programs on the PATH (squid, skopeo…): skipped with a message where one is missing, except in CI (<c>CI=true</c>), where it runs and fails.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ToolFactAttribute : FactAttribute
{
    public ToolFactAttribute(params string[] tools)
    {
        ArgumentNullException.ThrowIfNull(tools);
        var missing = tools.Where(t => Tools.Find(t) is null).ToArray();
        if (missing.Length > 0 && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Skip = $"needs {string.Join(", ", missing)} (scripts/install-deps installs it)";
        }
    }
}

internal static class Tools
{
    private static readonly string[] Extra = ["/usr/sbin", "/sbin", "/usr/lib/squid"];

    public static string? Find(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(Extra)
            .Select(d => Path.Combine(d, name))
            .FirstOrDefault(File.Exists);

    public static string Require(string name) => Find(name) ?? throw new InvalidOperationException($"{name} is not installed (scripts/install-deps)");
}
