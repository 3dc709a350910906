using System.Runtime.CompilerServices;
using System.Text;
using Stubble.Core.Builders;
using Stubble.Core.Classes;
using Stubble.Core.Imported;
using Stubble.Core.Parser;
using Stubble.Core.Tokens;
using Universe.Cosmos.Errors;
using Universe.Cosmos.Rendering.Errors;

namespace Universe.Cosmos.Rendering.Mustache;

/// <summary>
/// A template parsed by Stubble's parser and flattened into nodes with pre-split names, rendered by a tight walker
/// with the lookup rules of Stubble's <c>Context</c> as <see cref="MustacheRenderer"/> configures them (innermost scope
/// first; a dotted name is resolved from the first scope holding its first segment). Compiled once per template
/// string instance (packages keep theirs), so a render does no parsing and no per-tag string work.
/// </summary>
internal sealed class CompiledTemplate
{
    private static readonly ConditionalWeakTable<string, CompiledTemplate> Cache = [];
    private static readonly Tags DefaultTags = new("{{", "}}");
    private static readonly ParserPipeline Pipeline = new ParserPipelineBuilder().Build();

    [ThreadStatic]
    private static StringBuilder? _cachedBuilder;

    private readonly Node[] _nodes;

    private CompiledTemplate(Node[] nodes) => _nodes = nodes;

    public static CompiledTemplate For(string template) => Cache.GetValue(template, static t => Compile(t, DefaultTags));

    public string Render(MustacheMap scope)
    {
        var builder = _cachedBuilder ?? new StringBuilder(16 * 1024);
        _cachedBuilder = null;
        builder.Clear();
        var stack = new List<object>(8) { scope };
        Write(_nodes, stack, builder);
        var result = builder.ToString();
        if (builder.Capacity <= 256 * 1024)
        {
            _cachedBuilder = builder;
        }

        return result;
    }

    private static CompiledTemplate Compile(string template, Tags tags) =>
        new(Flatten(new InstanceMustacheParser().Parse(template, tags, 0, Pipeline).Children));

    private static Node[] Flatten(IEnumerable<MustacheToken>? tokens)
    {
        var nodes = new List<Node>();
        foreach (var token in tokens ?? [])
        {
            switch (token)
            {
                case LiteralToken literal:
                    var text = new StringBuilder();
                    foreach (var slice in literal.Content)
                    {
                        if (literal.Indent > 0 && !IsWhitespace(slice))
                        {
                            text.Append(' ', literal.Indent);
                        }

                        text.Append(slice.Text, slice.Start, slice.Length);
                    }

                    nodes.Add(new Node(NodeKind.Text, text.ToString(), [], 0, [], string.Empty, DefaultTags));
                    break;
                case InterpolationToken interpolation:
                    nodes.Add(new Node(NodeKind.Variable, null, Path(interpolation.Content.ToString()), interpolation.Indent, [], string.Empty, DefaultTags));
                    break;
                case SectionToken section:
                    nodes.Add(new Node(NodeKind.Section, null, Path(section.SectionName), 0, Flatten(section.Children), section.SectionContent.ToString(), section.Tags));
                    break;
                case InvertedSectionToken inverted:
                    nodes.Add(new Node(NodeKind.Inverted, null, Path(inverted.SectionName), 0, Flatten(inverted.Children), string.Empty, DefaultTags));
                    break;
                case PartialToken partial:
                    throw new CosmosException(new MustachePartialNotAllowed(partial.Content.ToString().Trim()));
                default:
                    // Comments and delimiter changes write nothing.
                    break;
            }
        }

        return [.. nodes];
    }

    private static bool IsWhitespace(StringSlice slice)
    {
        for (var i = slice.Start; i <= slice.End; i++)
        {
            if (!char.IsWhiteSpace(slice.Text[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>"." is the current scope (empty path); a name with a dot after its first character is split.</summary>
    private static string[] Path(string name) =>
        name == "." ? [] : name.IndexOf('.', StringComparison.Ordinal) > 0 ? name.Split('.') : [name];

    private static void Write(Node[] nodes, List<object> stack, StringBuilder output)
    {
        foreach (var node in nodes)
        {
            switch (node.Kind)
            {
                case NodeKind.Text:
                    output.Append(node.Text);
                    break;
                case NodeKind.Variable:
                    var value = Lookup(stack, node.Path);
                    if (node.Indent > 0)
                    {
                        output.Append(' ', node.Indent);
                    }

                    if (value is not null)
                    {
                        output.Append(value as string ?? value.ToString());
                    }

                    break;
                case NodeKind.Section:
                    WriteSection(node, Lookup(stack, node.Path), stack, output);
                    break;
                case NodeKind.Inverted:
                    if (!IsTruthy(Lookup(stack, node.Path)))
                    {
                        Write(node.Children, stack, output);
                    }

                    break;
            }
        }
    }

    private static void WriteSection(Node node, object? value, List<object> stack, StringBuilder output)
    {
        if (!IsTruthy(value))
        {
            return;
        }

        switch (value)
        {
            case MustacheList list:
                foreach (var item in list)
                {
                    stack.Add(item);
                    Write(node.Children, stack, output);
                    stack.RemoveAt(stack.Count - 1);
                }

                break;
            case Func<string, object> lambda:
                var produced = lambda(node.SectionContent).ToString() ?? string.Empty;
                Write(Compile(produced, node.Tags)._nodes, stack, output);
                break;
            default:
                stack.Add(value!);
                Write(node.Children, stack, output);
                stack.RemoveAt(stack.Count - 1);
                break;
        }
    }

    private static object? Lookup(List<object> stack, string[] path)
    {
        if (path.Length == 0)
        {
            return stack[^1];
        }

        for (var i = stack.Count - 1; i >= 0; i--)
        {
            var value = Get(stack[i], path[0]);
            if (value is null)
            {
                continue;
            }

            for (var j = 1; j < path.Length; j++)
            {
                value = Get(value, path[j]);
                if (value is null)
                {
                    return null;
                }
            }

            return value;
        }

        return null;
    }

    private static object? Get(object scope, string key) => scope switch
    {
        MustacheMap map => map.TryGetValue(key, out var found) ? found : null,
        MustacheList list => int.TryParse(key, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index) && index < list.Count ? list[index] : null,
        _ => null,
    };

    /// <summary>mustache.java truthiness (cosmos-api.md §4.4).</summary>
    internal static bool IsTruthy(object? value) => value switch
    {
        null or MustacheNull => false,
        string s => s.Length > 0,
        MustacheScalar scalar => scalar.IsTruthy,
        MustacheList list => list.Count > 0,
        _ => true,
    };

    private enum NodeKind
    {
        Text,
        Variable,
        Section,
        Inverted,
    }

    private sealed record Node(NodeKind Kind, string? Text, string[] Path, int Indent, Node[] Children, string SectionContent, Tags Tags);
}
