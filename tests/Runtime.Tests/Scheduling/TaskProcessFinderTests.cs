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
            var found = TaskProcessFinder.Find(taskId);

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
}
