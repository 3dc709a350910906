using System.Net;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Universe.Cosmos.Http;

namespace Universe.Cosmos.Errors;

/// <summary>Turns errors into the Cosmos envelope <c>{type, message, data}</c> and writes it with the error media type.</summary>
public static class CosmosErrorWriter
{
    /// <summary>
    /// Response options that leave out <see cref="CosmosError"/>'s own members (Message, Status, Type) even when a
    /// record overrides them; a record that wants <c>status</c> in its data declares a property of its own.
    /// </summary>
    private static readonly JsonSerializerOptions DataOptions = new(CosmosJson.ResponseOptions)
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { RemoveBaseMembers } },
    };

    /// <summary>The envelope of a domain error: <c>data</c> is the record's public properties (camelCase), left out when empty.</summary>
    public static ErrorResponse ToResponse(CosmosError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var data = JsonSerializer.SerializeToElement(error, error.GetType(), DataOptions);
        var hasData = data.ValueKind == JsonValueKind.Object && data.EnumerateObject().Any(p => p.Value.ValueKind != JsonValueKind.Null);
        return new ErrorResponse(error.Type, error.Message, hasData ? data : null);
    }

    private static void RemoveBaseMembers(JsonTypeInfo typeInfo)
    {
        if (!typeof(CosmosError).IsAssignableFrom(typeInfo.Type) || typeInfo.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        for (var i = typeInfo.Properties.Count - 1; i >= 0; i--)
        {
            if (typeInfo.Properties[i].AttributeProvider is PropertyInfo property
                && property.GetMethod?.GetBaseDefinition().DeclaringType == typeof(CosmosError))
            {
                typeInfo.Properties.RemoveAt(i);
            }
        }
    }

    /// <summary>Writes <paramref name="error"/> with its own status.</summary>
    public static Task WriteAsync(HttpContext httpContext, CosmosError error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(error);
        return WriteAsync(httpContext, error.Status, ToResponse(error), cancellationToken);
    }

    /// <summary>Writes an envelope (nulls dropped at every depth) with the error media type.</summary>
    public static async Task WriteAsync(HttpContext httpContext, HttpStatusCode status, ErrorResponse response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var bytes = CosmosJson.SerializeToUtf8Bytes(response);
        httpContext.Response.StatusCode = (int)status;
        httpContext.Response.ContentType = CosmosMediaTypes.Error;
        httpContext.Response.ContentLength = bytes.Length;
        await httpContext.Response.Body.WriteAsync(bytes, cancellationToken);
    }
}
