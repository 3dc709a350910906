using System.Globalization;

namespace Universe.Runtime.Tasks;

/// <summary>What <c>/proc/&lt;pid&gt;/stat</c> says about a process: state, process group and start time (field 22).</summary>
internal sealed record ProcStat(int Pid, char State, int ProcessGroup, int Session, long StartTime)
{
    /// <summary>Zombies and dead processes count as gone: they run no code and only wait to be reaped.</summary>
    public bool IsAlive => State is not ('Z' or 'X' or 'x');

    /// <summary>Reads and parses <c>/proc/&lt;pid&gt;/stat</c>; null when the process does not exist.</summary>
    public static ProcStat? Read(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText("/proc/" + pid.ToString(CultureInfo.InvariantCulture) + "/stat");
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }

        return Parse(pid, text);
    }

    /// <summary>Parses a stat line. The command name (field 2) may contain spaces and parentheses, so fields are counted after the last ')'.</summary>
    public static ProcStat? Parse(int pid, string text)
    {
        var close = text.LastIndexOf(')');
        if (close < 0 || close + 2 >= text.Length)
        {
            return null;
        }

        // After ")": field 3 state, 4 ppid, 5 pgrp, 6 session, ... 22 starttime.
        var fields = text[(close + 2)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 20
            || !int.TryParse(fields[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var pgrp)
            || !int.TryParse(fields[3], NumberStyles.Integer, CultureInfo.InvariantCulture, out var session)
            || !long.TryParse(fields[19], NumberStyles.Integer, CultureInfo.InvariantCulture, out var start))
        {
            return null;
        }

        return new ProcStat(pid, fields[0][0], pgrp, session, start);
    }
}
