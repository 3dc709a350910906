using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
using System.Text.RegularExpressions;
using Universe.IO;

namespace Universe.Cosmos.Http;

/// <summary>Reads and decodes an RPC body: <c>not_present</c> when empty, <c>not_parsed</c> when not JSON or not the request type.</summary>
internal static partial class RequestBodyDecoder
{
    public static async Task<(TRequest? Value, RequestItemError? Error)> ReadAsync<TRequest>(PipeReader reader, CancellationToken cancellationToken)
    {
        while (true)
        {
            var read = await reader.ReadAsync(cancellationToken);
            if (read.IsCompleted || read.IsCanceled)
            {
                try
                {
                    return Decode<TRequest>(read.Buffer);
                }
                finally
                {
                    reader.AdvanceTo(read.Buffer.End);
                }
            }

            reader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
        }
    }

    internal static (TRequest? Value, RequestItemError? Error) Decode<TRequest>(ReadOnlySequence<byte> body)
    {
        if (body.IsEmpty)
        {
            return (default, RequestItemError.BodyNotPresent());
        }

        if (StrictJson.Check(body) is { } problem)
        {
            return (default, RequestItemError.BodyNotParsed(problem));
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException exception)
        {
            return (default, RequestItemError.BodyNotParsed(exception.Message));
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (default, RequestItemError.BodyNotParsed($"Attempt to decode value on failed cursor: expected a JSON object, got {root.ValueKind}"));
            }

            foreach (var field in RequestBodyShape<TRequest>.RequiredFields)
            {
                if (!root.TryGetProperty(field, out _))
                {
                    return (default, RequestItemError.BodyNotParsed($"Attempt to decode value on failed cursor: DownField({field})"));
                }
            }

            try
            {
                var value = root.Deserialize<TRequest>(CosmosJson.RequestOptions);
                return value is null ? (default, RequestItemError.BodyNotParsed("null")) : (value, null);
            }
            catch (JsonException exception)
            {
                return (default, RequestItemError.BodyNotParsed(DecodingFailure(exception)));
            }
        }
    }

    /// <summary>circe's shape: <c>String: DownField(packageName)</c> (cursor history, innermost first).</summary>
    private static string DecodingFailure(JsonException exception)
    {
        var typeMatch = TargetType().Match(exception.Message);
        var type = typeMatch.Success ? typeMatch.Groups[1].Value.Split('.')[^1] : "Json";
        var operations = new List<string>();
        foreach (Match segment in PathSegment().Matches(exception.Path ?? string.Empty))
        {
            operations.Add(segment.Value.StartsWith('[') ? "DownArray" : $"DownField({segment.Value.TrimStart('.')})");
        }

        operations.Reverse();
        return operations.Count == 0 ? type : $"{type}: {string.Join(",", operations)}";
    }

    [GeneratedRegex(@"converted to ([\w.`\[\]]+?)\.?\s")]
    private static partial Regex TargetType();

    [GeneratedRegex(@"\.[^.\[]+|\[\d+\]")]
    private static partial Regex PathSegment();
}
