using System.Diagnostics;
using Universe.Runtime.Scheduling;

namespace Universe.Runtime.Tests.Scheduling;

public sealed class TaskProcessFinderTests
{
    [Fact]
    public void Find_GroupLeaderWithTaskIdInEnvironment_ReturnsItsPidAndStartTime()
    {
        var taskId = "finder-test.instance-" + Guid.NewGuid().ToString("N") + "._app.1";
        var info = new ProcessStartInfo("setsid") { UseShellExecute = false };
        info.ArgumentList.Add("sleep");
        info.ArgumentList.Add("30");
        info.Environment["MESOS_TASK_ID"] = taskId;
        using var process = Process.Start(info)!;
        try
        {
            var found = WaitForGroupLeader(taskId);

            Assert.NotNull(found);
            Assert.Equal(process.Id, found.Value.Pid);
            Assert.True(found.Value.StartTime > 0);
            Assert.Null(TaskProcessFinder.Find(taskId + "-other"));
        }
        finally
        {
            process.Kill();
            process.WaitForExit();
        }
    }

    /// <summary>`setsid` becomes a group leader and execs `sleep` a moment after Process.Start returns: poll for it (5 s at most).</summary>
    private static (int Pid, long StartTime)? WaitForGroupLeader(string taskId)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var found = TaskProcessFinder.Find(taskId);
            if (found is not null || deadline.Elapsed > TimeSpan.FromSeconds(5))
            {
                return found;
            }

            Thread.Sleep(10);
        }
    }
}
