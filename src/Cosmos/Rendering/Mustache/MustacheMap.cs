using System.Text;

namespace Universe.Cosmos.Rendering.Mustache;

/// <summary>A JSON object in the mustache scope; prints like Java's <c>AbstractMap.toString</c> (<c>{k=v, …}</c>). Always truthy.</summary>
internal sealed class MustacheMap(int capacity) : Dictionary<string, object>(capacity, StringComparer.Ordinal)
{
    public override string ToString()
    {
        var builder = new StringBuilder().Append('{');
        var first = true;
        foreach (var (key, value) in this)
        {
            if (!first)
            {
                builder.Append(", ");
            }

            first = false;
            builder.Append(key).Append('=').Append(MustacheNull.Print(value));
        }

        return builder.Append('}').ToString();
    }
}
