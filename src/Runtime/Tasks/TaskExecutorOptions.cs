using System.ComponentModel.DataAnnotations;

namespace Universe.Runtime.Tasks;

/// <summary>
/// Settings of the local task executor, bound from <c>Runtime:Tasks</c>. Paths default to directories under
/// <c>Runtime:DataDirectory</c> (see <see cref="TaskExecutorServiceCollectionExtensions.AddTaskExecutor"/>).
/// </summary>
internal sealed class TaskExecutorOptions
{
    public const string SectionName = "Runtime:Tasks";

    /// <summary>
    /// The Runtime's data directory (<c>Runtime:DataDirectory</c>, same default as the Runtime's options);
    /// <see cref="SandboxRoot"/> and <see cref="FetchCacheDirectory"/> default under it.
    /// </summary>
    [Required]
    public string DataDirectory { get; set; } = "runtime-data";

    /// <summary>Where task sandboxes are created (one directory per task id). Default: <c>&lt;DataDirectory&gt;/sandboxes</c>.</summary>
    public string? SandboxRoot { get; set; }

    /// <summary>Download cache for <c>fetch</c> entries with <c>cache: true</c>. Default: <c>&lt;DataDirectory&gt;/fetch-cache</c>.</summary>
    public string? FetchCacheDirectory { get; set; }

    /// <summary>Largest download accepted per URI.</summary>
    [Range(1, long.MaxValue)]
    public long MaxFetchBytes { get; set; } = 1L << 30;

    /// <summary>Largest total size of the files extracted from one archive.</summary>
    [Range(1, long.MaxValue)]
    public long MaxExtractedBytes { get; set; } = 4L << 30;

    /// <summary>Most entries accepted in one archive.</summary>
    [Range(1, int.MaxValue)]
    public int MaxArchiveEntries { get; set; } = 100_000;

    /// <summary>Time limit for fetching one URI (download and extraction).</summary>
    [Range(1, 86_400)]
    public int FetchTimeoutSeconds { get; set; } = 300;

    /// <summary><c>auto</c> (use cgroups when the host allows it) or <c>none</c>.</summary>
    [RegularExpression("^(auto|none)$")]
    public string Cgroups { get; set; } = "auto";

    /// <summary>Name of the parent cgroup the task cgroups are created in (one child per task).</summary>
    [RegularExpression("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}\\z")]
    public string CgroupName { get; set; } = "universe";

    /// <summary>How often an adopted process (not our child after a restart) is polled for exit.</summary>
    [Range(10, 60_000)]
    public int AdoptedPollMilliseconds { get; set; } = 250;

    internal string EffectiveSandboxRoot => Path.GetFullPath(SandboxRoot ?? Path.Combine(DataDirectory, "sandboxes"));

    internal string EffectiveFetchCacheDirectory => Path.GetFullPath(FetchCacheDirectory ?? Path.Combine(DataDirectory, "fetch-cache"));
}
