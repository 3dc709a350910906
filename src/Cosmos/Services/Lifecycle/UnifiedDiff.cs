using System.Globalization;
using System.Text;

namespace Universe.Cosmos.Services.Lifecycle;

/// <summary>
/// A unified diff (as <c>diff -u</c> prints it: <c>---</c>/<c>+++</c> headers, <c>@@ -a,b +c,d @@</c> hunks with
/// <see cref="Context"/> lines of context) of two texts, line by line, from a longest common subsequence. Empty
/// when the texts are equal. Pure.
/// </summary>
public static class UnifiedDiff
{
    public const int Context = 3;

    /// <summary>Beyond this many LCS cells the changed middle is shown as all removed, then all added.</summary>
    private const long MaxTableCells = 4_000_000;

    public static string Compute(string before, string after, string beforeName = "current", string afterName = "proposed")
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var a = Lines(before);
        var b = Lines(after);
        var edits = Edits(a, b);
        if (edits.All(e => e.Kind == ' '))
        {
            return string.Empty;
        }

        var text = new StringBuilder();
        text.Append("--- ").Append(beforeName).Append('\n').Append("+++ ").Append(afterName).Append('\n');
        var i = 0;
        while (i < edits.Count)
        {
            if (edits[i].Kind == ' ')
            {
                i++;
                continue;
            }

            var start = Math.Max(0, i - Context);
            var end = i;
            while (end < edits.Count)
            {
                if (edits[end].Kind != ' ')
                {
                    end++;
                    continue;
                }

                var run = end;
                while (run < edits.Count && edits[run].Kind == ' ')
                {
                    run++;
                }

                if (run == edits.Count || run - end > 2 * Context)
                {
                    end = Math.Min(run, end + Context);
                    break;
                }

                end = run;
            }

            WriteHunk(text, edits, start, end);
            i = end;
        }

        return text.ToString();
    }

    private static void WriteHunk(StringBuilder text, List<Edit> edits, int start, int end)
    {
        var oldStart = edits[start].OldLine;
        var newStart = edits[start].NewLine;
        var oldCount = edits.Skip(start).Take(end - start).Count(e => e.Kind != '+');
        var newCount = edits.Skip(start).Take(end - start).Count(e => e.Kind != '-');
        text.Append(CultureInfo.InvariantCulture, $"@@ -{Range(oldStart, oldCount)} +{Range(newStart, newCount)} @@\n");
        for (var k = start; k < end; k++)
        {
            text.Append(edits[k].Kind).Append(edits[k].Text).Append('\n');
        }
    }

    private static string Range(int zeroBasedStart, int count) => count switch
    {
        0 => string.Create(CultureInfo.InvariantCulture, $"{zeroBasedStart},0"),
        1 => string.Create(CultureInfo.InvariantCulture, $"{zeroBasedStart + 1}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{zeroBasedStart + 1},{count}"),
    };

    private static string[] Lines(string text)
    {
        var normalized = text.Replace("\r\n", "\n", StringComparison.Ordinal);
        if (normalized.EndsWith('\n'))
        {
            normalized = normalized[..^1];
        }

        return normalized.Length == 0 ? [] : normalized.Split('\n');
    }

    /// <summary>The edit script: common prefix and suffix kept, the middle from an LCS table.</summary>
    private static List<Edit> Edits(string[] a, string[] b)
    {
        var prefix = 0;
        while (prefix < a.Length && prefix < b.Length && a[prefix] == b[prefix])
        {
            prefix++;
        }

        var suffix = 0;
        while (suffix < a.Length - prefix && suffix < b.Length - prefix && a[a.Length - 1 - suffix] == b[b.Length - 1 - suffix])
        {
            suffix++;
        }

        var n = a.Length - prefix - suffix;
        var m = b.Length - prefix - suffix;
        var big = (long)n * m > MaxTableCells;
        var lcs = big ? new int[1, 1] : new int[n + 1, m + 1];
        for (var x = n - 1; x >= 0 && !big; x--)
        {
            for (var y = m - 1; y >= 0; y--)
            {
                lcs[x, y] = a[prefix + x] == b[prefix + y] ? lcs[x + 1, y + 1] + 1 : Math.Max(lcs[x + 1, y], lcs[x, y + 1]);
            }
        }

        var edits = new List<Edit>(a.Length + b.Length);
        for (var k = 0; k < prefix; k++)
        {
            edits.Add(new Edit(' ', a[k], k, k));
        }

        int i = 0, j = 0;
        while (i < n || j < m)
        {
            if (!big && i < n && j < m && a[prefix + i] == b[prefix + j])
            {
                edits.Add(new Edit(' ', a[prefix + i], prefix + i, prefix + j));
                i++;
                j++;
            }
            else if (i < n && (j == m || big || lcs[i + 1, j] >= lcs[i, j + 1]))
            {
                edits.Add(new Edit('-', a[prefix + i], prefix + i, prefix + j));
                i++;
            }
            else
            {
                edits.Add(new Edit('+', b[prefix + j], prefix + i, prefix + j));
                j++;
            }
        }

        for (var k = 0; k < suffix; k++)
        {
            edits.Add(new Edit(' ', a[a.Length - suffix + k], a.Length - suffix + k, b.Length - suffix + k));
        }

        return edits;
    }

    private readonly record struct Edit(char Kind, string Text, int OldLine, int NewLine);
}
