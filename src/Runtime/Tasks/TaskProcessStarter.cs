using System.Diagnostics;
using System.Globalization;

namespace Universe.Runtime.Tasks;

/// <summary>
/// Starts a task's process: <c>setsid</c> makes it the leader of a new session and process group (so the whole group can
/// be signalled and no child outlives the task), a tiny <c>/bin/sh</c> wrapper redirects stdin/stdout/stderr, joins the
/// task's cgroups and then <c>exec</c>s the command, so the pid we record is the task's own pid. <c>cmd</c> runs through
/// <c>/bin/sh -c</c>; <c>args</c> are exec'd directly (looked up in PATH).
/// </summary>
internal static class TaskProcessStarter
{
    private const string Wrapper =
        "out=$1; err=$2; n=$3; shift 3; exec </dev/null >>\"$out\" 2>>\"$err\"; "
        + "while [ \"$n\" -gt 0 ]; do echo $$ > \"$1\" || { echo \"universe: cannot join cgroup $1\" >&2; exit 125; }; shift; n=$((n-1)); done; "
        + "exec \"$@\"";

    private static readonly string[] SetsidCandidates = ["/usr/bin/setsid", "/bin/setsid"];

    /// <summary>The command line the task runs, without the wrapper.</summary>
    public static IReadOnlyList<string> CommandLine(TaskLaunchRequest request) =>
        request.Args is { Count: > 0 } args ? args : ["/bin/sh", "-c", request.Cmd ?? string.Empty];

    public static Process Start(TaskLaunchRequest request, string sandbox, IReadOnlyDictionary<string, string> environment, TaskCgroup? cgroup)
    {
        var setsid = SetsidCandidates.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("setsid (util-linux) not found in /usr/bin or /bin");
        var info = new ProcessStartInfo(setsid)
        {
            UseShellExecute = false,
            WorkingDirectory = sandbox,
        };
        info.ArgumentList.Add("/bin/sh");
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(Wrapper);
        info.ArgumentList.Add("universe-task");
        info.ArgumentList.Add(Path.Join(sandbox, "stdout"));
        info.ArgumentList.Add(Path.Join(sandbox, "stderr"));
        var procs = cgroup?.ProcsFiles ?? [];
        info.ArgumentList.Add(procs.Count.ToString(CultureInfo.InvariantCulture));
        foreach (var file in procs)
        {
            info.ArgumentList.Add(file);
        }

        foreach (var argument in CommandLine(request))
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment.Clear();
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        return Process.Start(info) ?? throw new InvalidOperationException("the process did not start");
    }
}
