using System.Text.RegularExpressions;

namespace Universe.Runtime.Tasks;

/// <summary>Task ids become directory and cgroup names, so only a safe subset is accepted.</summary>
internal static partial class TaskIds
{
    /// <summary>Letters, digits, <c>. _ -</c>; starts with a letter or digit (so never <c>.</c> or <c>..</c>); at most 200 characters.</summary>
    public static bool IsValid(string? taskId) => taskId is not null && SafeId().IsMatch(taskId);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,199}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex SafeId();
}
