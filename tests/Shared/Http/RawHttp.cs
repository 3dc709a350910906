using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Universe.Testing.Http;

/// <summary>An HTTP/1.1 response read off a raw socket: status, headers (last value wins) and the decoded body.</summary>
internal sealed record RawHttpResponse(int Status, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string? ContentType => Headers.GetValueOrDefault("Content-Type");
}

/// <summary>
/// Sends hand-written HTTP/1.1 requests over a plain socket, for what <see cref="HttpClient"/> would refuse or rewrite
/// (over-long request lines, hundreds of headers). Every request asks for <c>Connection: close</c> and the response is
/// read until the server closes.
/// </summary>
internal static class RawHttp
{
    /// <summary><c>GET target</c> to <paramref name="server"/> with <paramref name="headers"/> (name, value) after Host.</summary>
    public static Task<RawHttpResponse> GetAsync(Uri server, string target, params (string Name, string Value)[] headers)
    {
        var head = new StringBuilder();
        head.Append("GET ").Append(target).Append(" HTTP/1.1\r\n");
        head.Append("Host: ").Append(server.Authority).Append("\r\n");
        foreach (var (name, value) in headers)
        {
            head.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        head.Append("Connection: close\r\n\r\n");
        return SendAsync(server, Encoding.Latin1.GetBytes(head.ToString()));
    }

    /// <summary>Writes <paramref name="request"/> as is and reads the response until the server closes the connection.</summary>
    public static async Task<RawHttpResponse> SendAsync(Uri server, byte[] request)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var client = new TcpClient();
        await client.ConnectAsync(server.Host, server.Port, timeout.Token);
        var stream = client.GetStream();
        try
        {
            await stream.WriteAsync(request, timeout.Token);
        }
        catch (IOException)
        {
            // The server may answer and close before it has read everything; the answer is still there to read.
        }

        using var received = new MemoryStream();
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, timeout.Token)) > 0)
            {
                received.Write(buffer, 0, read);
            }
        }
        catch (IOException) when (received.Length > 0)
        {
        }

        return Parse(received.ToArray());
    }

    private static RawHttpResponse Parse(byte[] bytes)
    {
        var text = Encoding.Latin1.GetString(bytes);
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (end < 0)
        {
            throw new InvalidDataException($"No complete HTTP response head in {bytes.Length} bytes: {text}");
        }

        var lines = text[..end].Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1], CultureInfo.InvariantCulture);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            headers[line[..colon]] = line[(colon + 1)..].Trim();
        }

        var body = bytes.AsSpan(Encoding.Latin1.GetByteCount(text[..end]) + 4);
        var decoded = headers.TryGetValue("Transfer-Encoding", out var encoding) && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase)
            ? Dechunk(body)
            : body.ToArray();
        return new RawHttpResponse(status, headers, Encoding.UTF8.GetString(decoded));
    }

    private static byte[] Dechunk(ReadOnlySpan<byte> body)
    {
        var output = new MemoryStream();
        while (true)
        {
            var lineEnd = body.IndexOf("\r\n"u8);
            var size = int.Parse(Encoding.ASCII.GetString(body[..lineEnd]).Split(';')[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (size == 0)
            {
                return output.ToArray();
            }

            output.Write(body.Slice(lineEnd + 2, size));
            body = body[(lineEnd + 2 + size + 2)..];
        }
    }
}
