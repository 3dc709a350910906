using System.Globalization;

namespace Universe.Runtime.Scheduling;

/// <summary>
/// Finds the process of a task whose pid was never recorded (the Runtime died between starting it and saving the pid):
/// the process-group leader whose environment has <c>MESOS_TASK_ID=&lt;taskId&gt;</c>, with its start time from
/// <c>/proc/PID/stat</c>, so it can be re-adopted instead of running twice.
/// </summary>
internal static class TaskProcessFinder
{
    public static (int Pid, long StartTime)? Find(string taskId, string procRoot = "/proc")
    {
        if (!Directory.Exists(procRoot))
        {
            return null;
        }

        var marker = "MESOS_TASK_ID=" + taskId;
        foreach (var directory in Directory.EnumerateDirectories(procRoot))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                var environment = File.ReadAllText(Path.Combine(directory, "environ"));
                if (!environment.Split('\0').Contains(marker, StringComparer.Ordinal))
                {
                    continue;
                }

                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (fields.Length > 19 && fields[0] != "Z"
                    && int.Parse(fields[2], CultureInfo.InvariantCulture) == pid
                    && long.TryParse(fields[19], NumberStyles.None, CultureInfo.InvariantCulture, out var startTime))
                {
                    return (pid, startTime);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
            {
            }
        }

        return null;
    }
}
