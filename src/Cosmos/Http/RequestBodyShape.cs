using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Universe.Cosmos.Http;

/// <summary>
/// The JSON names of a request type's required fields, in declaration order: constructor parameters without a
/// default that are neither nullable nor <c>Nullable&lt;T&gt;</c> (Cosmos's non-Option fields), plus
/// <c>required</c>/<c>[JsonRequired]</c> properties.
/// </summary>
internal static class RequestBodyShape<TRequest>
{
    public static IReadOnlyList<string> RequiredFields { get; } = Find();

    private static string[] Find()
    {
        var type = typeof(TRequest);
        var nullability = new NullabilityInfoContext();
        var names = new List<string>();
        var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault();
        foreach (var parameter in constructor?.GetParameters() ?? [])
        {
            if (parameter.HasDefaultValue || parameter.Name is null)
            {
                continue;
            }

            var optional = parameter.ParameterType.IsValueType
                ? Nullable.GetUnderlyingType(parameter.ParameterType) is not null
                : nullability.Create(parameter).WriteState != NullabilityState.NotNull;
            if (!optional)
            {
                names.Add(JsonName(type.GetProperty(parameter.Name, BindingFlags.Public | BindingFlags.Instance), parameter.Name));
            }
        }

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var required = property.GetCustomAttribute<JsonRequiredAttribute>() is not null
                || property.GetCustomAttributes().Any(a => a.GetType().Name == "RequiredMemberAttribute");
            var name = JsonName(property, property.Name);
            if (required && !names.Contains(name))
            {
                names.Add(name);
            }
        }

        return [.. names];
    }

    private static string JsonName(PropertyInfo? property, string fallback) =>
        property?.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name
        ?? JsonNamingPolicy.CamelCase.ConvertName(property?.Name ?? fallback);
}
