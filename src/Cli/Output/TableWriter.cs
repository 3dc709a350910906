using System.Text;
using System.Text.RegularExpressions;

namespace Universe.Cli.Output;

/// <summary>
/// Tables in the layout of the original CLI (tablewriter without borders): every line starts with two spaces,
/// columns are separated by two spaces and each line ends with two spaces; headers are centred; numeric-looking
/// cells are right-aligned unless <see cref="LeftAlignAll"/>; a cell with newlines spans several lines.
/// </summary>
public sealed partial class TableWriter(IReadOnlyList<string> headers)
{
    private readonly List<string[]> _rows = [];

    /// <summary>Force left alignment of every cell (<c>marathon app list</c>).</summary>
    public bool LeftAlignAll { get; init; }

    public TableWriter AddRow(params string[] cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        if (cells.Length != headers.Count)
        {
            throw new ArgumentException($"expected {headers.Count} cells, got {cells.Length}", nameof(cells));
        }

        _rows.Add(cells);
        return this;
    }

    public void Write(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var widths = new int[headers.Count];
        for (var c = 0; c < headers.Count; c++)
        {
            widths[c] = headers[c].Length;
            foreach (var row in _rows)
            {
                widths[c] = Math.Max(widths[c], Lines(row[c]).Max(l => l.Length));
            }
        }

        var line = new StringBuilder();
        for (var c = 0; c < headers.Count; c++)
        {
            line.Append("  ").Append(Center(headers[c], widths[c]));
        }

        writer.Write(line.Append("  \n").ToString());
        foreach (var row in _rows)
        {
            var cells = row.Select(Lines).ToArray();
            var height = cells.Max(c => c.Length);
            for (var y = 0; y < height; y++)
            {
                line.Clear();
                for (var c = 0; c < cells.Length; c++)
                {
                    var text = y < cells[c].Length ? cells[c][y] : string.Empty;
                    var right = !LeftAlignAll && IsNumeric(row[c]);
                    line.Append("  ").Append(right ? text.PadLeft(widths[c]) : text.PadRight(widths[c]));
                }

                writer.Write(line.Append("  \n").ToString());
            }
        }
    }

    private static string[] Lines(string cell) => cell.Split('\n');

    private static string Center(string text, int width)
    {
        var gap = width - text.Length;
        var left = gap / 2;
        return new string(' ', left) + text + new string(' ', gap - left);
    }

    private static bool IsNumeric(string cell) => NumericPattern().IsMatch(cell);

    [GeneratedRegex(@"^-?(?:\d{1,3}(?:,\d{3})*|\d+)(?:\.\d+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex NumericPattern();
}
