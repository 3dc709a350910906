using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace Universe.Runtime.Tests.TestSupport;

/// <summary>An SSE client of <c>/v2/events</c>; <see cref="OpenAsync"/> returns once subscribed (headers, and <c>event_stream_attached</c> when asked for).</summary>
public sealed class EventClient : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly CancellationTokenSource _cancel = new();
    private readonly Channel<(string Type, JsonNode Data)> _events = Channel.CreateUnbounded<(string, JsonNode)>();
    private readonly Task _reader;

    private EventClient(HttpResponseMessage response)
    {
        _response = response;
        _reader = ReadAsync();
    }

    public static Task<EventClient> OpenAsync(RuntimeTestHost host, params string[] eventTypes) => OpenAsync(host.Client, eventTypes);

    public static async Task<EventClient> OpenAsync(HttpClient client, params string[] eventTypes)
    {
        var query = string.Join('&', eventTypes.Select(t => "event_type=" + t));
        using var request = new HttpRequestMessage(HttpMethod.Get, "v2/events" + (query.Length > 0 ? "?" + query : string.Empty));
        request.Headers.Accept.ParseAdd("text/event-stream");
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        var stream = new EventClient(response);
        if (eventTypes.Length == 0 || eventTypes.Contains("event_stream_attached"))
        {
            await stream.NextAsync("event_stream_attached");
        }

        return stream;
    }

    /// <summary>The next event (of any type: events of other types before it are returned as well, so filter with the stream).</summary>
    public async Task<(string Type, JsonNode Data)> NextAnyAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        try
        {
            return await _events.Reader.ReadAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException("Timed out waiting for the next SSE event");
        }
    }

    /// <summary>Skips events until one of <paramref name="type"/> arrives.</summary>
    public async Task<JsonNode> NextAsync(string type, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException($"Timed out waiting for SSE event {type}");
            }

            var (eventType, data) = await NextAnyAsync(left);
            if (eventType == type)
            {
                return data;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _cancel.CancelAsync();
        _response.Dispose();
        try
        {
            await _reader;
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException or HttpRequestException)
        {
        }

        _cancel.Dispose();
    }

    private async Task ReadAsync()
    {
        using var reader = new StreamReader(await _response.Content.ReadAsStreamAsync(_cancel.Token));
        string? type = null;
        while (await reader.ReadLineAsync(_cancel.Token) is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                type = line["event: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal) && type is not null)
            {
                await _events.Writer.WriteAsync((type, JsonNode.Parse(line["data: ".Length..])!), _cancel.Token);
                type = null;
            }
        }
    }
}
