using System.Diagnostics;

namespace Universe.Builder.Tests.TestSupport;

/// <summary>Runs the git command line (to make test repositories) and fails with its stderr.</summary>
public static class GitCli
{
    public static async Task<string> RunAsync(string directory, params string[] args)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"git {string.Join(' ', args)}: {await error}");
    }

    /// <summary>Commits <paramref name="tree"/> on branch main and clones it bare to <c>&lt;projects&gt;/universe.git</c>.</summary>
    public static async Task PublishAsync(string tree, string projects)
    {
        await RunAsync(tree, "init", "-q", "-b", "main");
        await RunAsync(tree, "add", "-A");
        await RunAsync(tree, "-c", "user.name=test", "-c", "user.email=test@example.com", "commit", "-q", "-m", "universe");
        Directory.CreateDirectory(projects);
        await RunAsync(projects, "clone", "-q", "--bare", tree, Path.Combine(projects, "universe.git"));
    }
}
