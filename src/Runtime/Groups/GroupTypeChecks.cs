using System.Text.Json;
using System.Text.Json.Nodes;
using Universe.Runtime.Apps;

namespace Universe.Runtime.Groups;

/// <summary>
/// The JSON types of a <c>GroupUpdate</c>'s own fields, checked before anything reads them (play-json's
/// <c>error.expected.*</c>, status 400), recursively for nested groups. Apps are checked by <see cref="AppTypeChecks"/>.
/// </summary>
internal static class GroupTypeChecks
{
    private static readonly (string Field, JsonValueKind Kind, string Error)[] Fields =
    [
        ("id", JsonValueKind.String, "error.expected.jsstring"),
        ("apps", JsonValueKind.Array, "error.expected.jsarray"),
        ("groups", JsonValueKind.Array, "error.expected.jsarray"),
        ("dependencies", JsonValueKind.Array, "error.expected.jsarray"),
        ("enforceRole", JsonValueKind.True, "error.expected.jsboolean"),
        ("scaleBy", JsonValueKind.Number, "error.expected.jsnumber"),
        ("version", JsonValueKind.String, "error.expected.jsstring"),
    ];

    public static void Check(JsonObject group, string path, ValidationErrors errors)
    {
        foreach (var (field, kind, error) in Fields)
        {
            var node = group[field];
            if (node is null)
            {
                continue;
            }

            var actual = node.GetValueKind();
            var matches = kind == JsonValueKind.True ? actual is JsonValueKind.True or JsonValueKind.False : actual == kind;
            if (!matches)
            {
                errors.AddTypeError($"{path}/{field}", error);
            }
        }

        if (group["dependencies"] is JsonArray dependencies)
        {
            for (var i = 0; i < dependencies.Count; i++)
            {
                if (dependencies[i]?.GetValueKind() != JsonValueKind.String)
                {
                    errors.AddTypeError($"{path}/dependencies({i})", "error.expected.jsstring");
                }
            }
        }

        if (group["groups"] is JsonArray groups)
        {
            for (var i = 0; i < groups.Count; i++)
            {
                if (groups[i] is JsonObject child)
                {
                    Check(child, $"{path}/groups({i})", errors);
                }
                else
                {
                    errors.AddTypeError($"{path}/groups({i})", "error.expected.jsobject");
                }
            }
        }
    }
}
