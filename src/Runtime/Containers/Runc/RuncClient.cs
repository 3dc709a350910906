using System.Diagnostics;
using System.Text.Json;

namespace Universe.Runtime.Containers.Runc;

/// <summary>
/// Debian's <c>runc</c> with a private state directory (<c>--root</c>), so this Runtime never sees or touches other
/// containers on the host. Containers start under a shim: <c>runc run --keep</c> in its own session (runc is the
/// container's parent and subreaper, forwards signals and survives a Runtime crash), wrapped in a tiny <c>/bin/sh</c> that
/// writes the container's exit status to <c>&lt;bundle&gt;/exit</c>. The shim first points its own stdin/stdout/stderr at
/// /dev/null and the sandbox files: it outlives the Runtime, so it must not hold the Runtime's stdout/stderr open (a
/// supervisor or test reading them would never see end-of-file after the Runtime died). <c>--keep</c> leaves the stopped container and its
/// cgroup for the Runtime to read (OOM) and <c>runc delete</c>.
/// </summary>
internal sealed class RuncClient(string binary, string root)
{
    private const string Shim =
        "runc=$1; root=$2; bundle=$3; id=$4; out=$5; err=$6; exec </dev/null >>\"$out\" 2>>\"$err\"; "
        + "\"$runc\" --root \"$root\" run --keep --bundle \"$bundle\" --pid-file \"$bundle/pid\" \"$id\"; "
        + "echo $? > \"$bundle/exit.tmp\" && mv \"$bundle/exit.tmp\" \"$bundle/exit\"";

    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(30);
    private static readonly string[] SetsidCandidates = ["/usr/bin/setsid", "/bin/setsid"];

    public string Binary => binary;

    public string Root => root;

    /// <summary>The first line of <c>runc --version</c>, or null when runc does not run.</summary>
    public static async Task<string?> VersionAsync(string binary, CancellationToken cancellationToken)
    {
        try
        {
            var result = await ProcessRunner.RunAsync(binary, ["--version"], TimeSpan.FromSeconds(10), cancellationToken);
            return result.ExitCode == 0 ? result.Stdout.Split('\n')[0].Trim() : null;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException or TimeoutException)
        {
            return null;
        }
    }

    /// <summary>Starts the shim for the bundle; the container runs once <c>&lt;bundle&gt;/pid</c> exists.</summary>
    public Process StartShim(string id, string bundle, string stdoutPath, string stderrPath)
    {
        var setsid = SetsidCandidates.FirstOrDefault(File.Exists) ?? throw new InvalidOperationException("setsid (util-linux) not found");
        var info = new ProcessStartInfo(setsid) { UseShellExecute = false, WorkingDirectory = bundle };
        foreach (var argument in (string[])["/bin/sh", "-c", Shim, "universe-shim", binary, root, bundle, id, stdoutPath, stderrPath])
        {
            info.ArgumentList.Add(argument);
        }

        return Process.Start(info) ?? throw new InvalidOperationException("the runc shim did not start");
    }

    public async Task<IReadOnlyList<RuncState>> ListAsync(CancellationToken cancellationToken)
    {
        var result = await RunAsync(["list", "--format", "json"], cancellationToken);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException("runc list failed: " + result.Stderr.Trim());
        }

        return JsonSerializer.Deserialize<List<RuncState>>(result.Stdout) ?? [];
    }

    /// <summary>Signals the container's init (or every process with <paramref name="all"/>); false when it is not running.</summary>
    public async Task<bool> KillAsync(string id, string signal, bool all, CancellationToken cancellationToken)
    {
        string[] arguments = all ? ["kill", "--all", id, signal] : ["kill", id, signal];
        return (await RunAsync(arguments, cancellationToken)).ExitCode == 0;
    }

    /// <summary><c>runc delete --force</c>: kills what is left and removes the container's state and cgroups.</summary>
    public async Task DeleteAsync(string id, CancellationToken cancellationToken)
    {
        var result = await RunAsync(["delete", "--force", id], cancellationToken);
        if (result.ExitCode != 0 && !result.Stderr.Contains("does not exist", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("runc delete " + id + " failed: " + result.Stderr.Trim());
        }
    }

    /// <summary>Runs a command inside the running container (<c>runc exec</c>), for COMMAND health checks.</summary>
    public async Task<ProcessRunner.Result> ExecAsync(string id, IReadOnlyList<string> command, IReadOnlyList<string> env, TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        List<string> arguments = ["--root", root, "exec"];
        foreach (var variable in env)
        {
            arguments.Add("--env");
            arguments.Add(variable);
        }

        arguments.Add(id);
        arguments.AddRange(command);
        return await ProcessRunner.RunAsync(binary, arguments, timeout, cancellationToken);
    }

    private Task<ProcessRunner.Result> RunAsync(IEnumerable<string> arguments, CancellationToken cancellationToken) =>
        ProcessRunner.RunAsync(binary, ["--root", root, .. arguments], CommandTimeout, cancellationToken);
}
