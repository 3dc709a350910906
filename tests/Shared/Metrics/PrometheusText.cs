using System.Globalization;
using System.Text.RegularExpressions;

namespace Universe.Tests.Metrics;

/// <summary>One sample line of the Prometheus text format: <c>name{label="value",…} value [timestamp]</c>.</summary>
public sealed record PrometheusSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

/// <summary>
/// A strict reader of the Prometheus text exposition format 0.0.4 (and OpenMetrics' <c># EOF</c>): every sample line
/// must parse, and every sample must belong to a family announced by <c># HELP</c> or <c># TYPE</c> before it.
/// </summary>
public static partial class PrometheusText
{
    public static IReadOnlyList<PrometheusSample> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var families = new HashSet<string>(StringComparer.Ordinal);
        var samples = new List<PrometheusSample>();
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0 || line == "# EOF")
            {
                continue;
            }

            if (line.StartsWith('#'))
            {
                var comment = CommentLine().Match(line);
                if (!comment.Success)
                {
                    throw new FormatException("Bad comment line: " + line);
                }

                families.Add(comment.Groups["name"].Value);
                continue;
            }

            var sample = SampleLine().Match(line);
            if (!sample.Success)
            {
                throw new FormatException("Bad sample line: " + line);
            }

            var name = sample.Groups["name"].Value;
            if (!families.Any(f => name == f || (name.StartsWith(f, StringComparison.Ordinal) && name[f.Length..] is "_bucket" or "_sum" or "_count" or "_total" or "_created")))
            {
                throw new FormatException("Sample without # HELP/# TYPE: " + line);
            }

            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (Match label in LabelPair().Matches(sample.Groups["labels"].Value))
            {
                labels[label.Groups["key"].Value] = label.Groups["value"].Value;
            }

            samples.Add(new PrometheusSample(name, labels, ParseValue(sample.Groups["value"].Value)));
        }

        return samples;
    }

    /// <summary>The sum of the samples named <paramref name="name"/> whose labels include <paramref name="labels"/>.</summary>
    public static double Sum(IReadOnlyList<PrometheusSample> samples, string name, params (string Key, string Value)[] labels)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(labels);
        return samples.Where(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Key, out var v) && v == l.Value)).Sum(s => s.Value);
    }

    /// <summary><see cref="Sum(IReadOnlyList{PrometheusSample}, string, ValueTuple{string, string}[])"/> over the parsed <paramref name="text"/>.</summary>
    public static double Sum(string text, string name, params (string Key, string Value)[] labels) => Sum(Parse(text), name, labels);

    private static double ParseValue(string value) => value switch
    {
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        "NaN" => double.NaN,
        _ => double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture),
    };

    [GeneratedRegex("""^# (HELP|TYPE|UNIT) (?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)( .*)?$""")]
    private static partial Regex CommentLine();

    [GeneratedRegex("""^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>([a-zA-Z_][a-zA-Z0-9_]*="([^"\\]|\\.)*",?)*)\})? (?<value>[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?|[-+]?Inf|NaN)( -?\d+)?$""")]
    private static partial Regex SampleLine();

    [GeneratedRegex("""(?<key>[a-zA-Z_][a-zA-Z0-9_]*)="(?<value>([^"\\]|\\.)*)"?""")]
    private static partial Regex LabelPair();
}
