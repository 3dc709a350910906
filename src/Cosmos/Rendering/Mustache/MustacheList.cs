using System.Text;

namespace Universe.Cosmos.Rendering.Mustache;

/// <summary>
/// A JSON array in the mustache scope: sections iterate it; printed like Java's <c>List.toString</c>
/// (<c>[1, 2]</c>, <c>["a", "b"]</c>), which is JSON for lists of scalars and lists. Falsey when empty.
/// </summary>
internal sealed class MustacheList(int capacity) : List<object>(capacity)
{
    public override string ToString()
    {
        var builder = new StringBuilder().Append('[');
        for (var i = 0; i < Count; i++)
        {
            if (i > 0)
            {
                builder.Append(", ");
            }

            builder.Append(MustacheNull.Print(this[i]));
        }

        return builder.Append(']').ToString();
    }
}
