using System.Text;

namespace Universe.Cosmos.Schemas;

/// <summary>The path to the instance value being validated; a JSON Pointer is only built for an error.</summary>
internal sealed class InstancePath
{
    private readonly List<string> _segments = [];

    public void Push(string segment) => _segments.Add(segment);

    public void Pop() => _segments.RemoveAt(_segments.Count - 1);

    public string Pointer
    {
        get
        {
            var builder = new StringBuilder();
            foreach (var segment in _segments)
            {
                builder.Append('/').Append(segment.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal));
            }

            return builder.ToString();
        }
    }
}
