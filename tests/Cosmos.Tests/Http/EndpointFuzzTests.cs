using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Universe.Cosmos.Tests.Services;
using Xunit.Abstractions;

namespace Universe.Cosmos.Tests.Http;

/// <summary>
/// A seeded, bounded fuzz run over every endpoint: Cosmos's RPCs and the bundled Runtime under <c>/marathon</c>, one
/// host. The endpoints come from the app's <see cref="EndpointDataSource"/> (new endpoints are covered without
/// touching this file) plus the known RPC list. Every answer must be below 500, every 4xx must carry a body in the
/// error model of its path, and the server must still answer afterwards. The run is deterministic: a failure names
/// the case number, and <see cref="FuzzCase"/> rebuilds it.
/// </summary>
public sealed class EndpointFuzzTests(ITestOutputHelper output)
{
    public const int Seed = 20261206;
    public const int Cases = 5000;

    private static readonly string[] KnownRpcs =
    [
        "/package/search", "/package/describe", "/package/list-versions", "/package/install", "/package/uninstall",
        "/package/list", "/package/render", "/package/repository/list", "/package/repository/add",
        "/package/repository/delete", "/service/describe", "/service/update", "/service/history", "/service/diff",
        "/service/rollback",
    ];

    [Fact]
    public async Task EveryEndpoint_UnderSeededFuzz_AnswersBelow500WithBodyInItsErrorModel()
    {
        await using var host = new ServicesHost();
        var targets = Targets(host.Services);
        Assert.Contains(targets, t => t.Path.StartsWith("/marathon/v2/apps", StringComparison.Ordinal));
        Assert.Contains(targets, t => t.Path == "/package/install" && t.Methods.Contains("POST"));

        // UNIVERSE_FUZZ_SEED / UNIVERSE_FUZZ_CASES explore further by hand; CI runs the fixed seed.
        var seed = int.TryParse(Environment.GetEnvironmentVariable("UNIVERSE_FUZZ_SEED"), out var s) ? s : Seed;
        var cases = int.TryParse(Environment.GetEnvironmentVariable("UNIVERSE_FUZZ_CASES"), out var c) ? c : Cases;
        var random = new Random(seed);
        var failures = new List<string>();
        var statuses = new SortedDictionary<int, int>();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < cases; i++)
        {
            var fuzz = FuzzCase.Next(random, targets);
            var (status, failure) = await SendAsync(host.Client, fuzz);
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            if (failure is not null)
            {
                failures.Add($"#{i} {fuzz}: {failure}");
            }
        }

        output.WriteLine($"{cases} cases over {targets.Count} endpoints, seed {seed}, {clock.Elapsed.TotalSeconds:F1} s; statuses: "
            + string.Join(", ", statuses.Select(p => $"{p.Key}×{p.Value}")));
        await CleanUpAsync(host);
        await AssertLiveAsync(host.Client);
        Assert.True(failures.Count == 0, $"{failures.Count} bad answers:\n" + string.Join('\n', failures.Take(40)));

        // The generator reaches handlers, not only the router: successes and several kinds of refusal.
        Assert.True(statuses.Where(p => p.Key is >= 200 and < 300).Sum(p => p.Value) > cases / 50, "too few successes");
        Assert.True(statuses.Keys.Count(k => k is >= 400 and < 500) >= 4, "too few kinds of 4xx");
    }

    /// <summary>With a token configured and none sent, every refusal (401 included) has its body, and nothing is created.</summary>
    [Fact]
    public async Task EveryEndpoint_TokenConfiguredButNotSent_AnswersBelow500WithBodyAndCreatesNothing()
    {
        const string Token = "fuzz-token";
        await using var host = new ServicesHost(settings: new Dictionary<string, string?> { ["Cosmos:Auth:Token"] = Token });
        var targets = Targets(host.Services);
        var random = new Random(Seed + 1);
        var failures = new List<string>();
        var unauthorized = 0;
        for (var i = 0; i < Cases / 5; i++)
        {
            var fuzz = FuzzCase.Next(random, targets);
            var (status, failure) = await SendAsync(host.Client, fuzz);
            unauthorized += status == 401 ? 1 : 0;
            if (failure is not null)
            {
                failures.Add($"#{i} {fuzz}: {failure}");
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} bad answers:\n" + string.Join('\n', failures.Take(40)));
        Assert.True(unauthorized > Cases / 10, $"only {unauthorized} answers were 401");
        using var apps = new HttpRequestMessage(HttpMethod.Get, "/marathon/v2/apps");
        apps.Headers.TryAddWithoutValidation("Authorization", "Bearer " + Token);
        using var answer = await host.Client.SendAsync(apps);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Empty(JsonNode.Parse(await answer.Content.ReadAsStringAsync())!["apps"]!.AsArray());
    }

    /// <summary>
    /// The malformed kinds issue 14 lists, pinned as single cases (the seeded run found no 5xx or empty body on top
    /// of them; add any case it finds here with its fix).
    /// </summary>
    [Theory]
    [MemberData(nameof(Pinned))]
    public async Task PinnedMalformedCase_AnswersBelow500WithBodyInItsErrorModel(string method, string path, string? contentType, string? accept, string? body)
    {
        await using var host = new ServicesHost();
        var fuzz = new FuzzCase(method, path, contentType, accept, body is null ? null : Encoding.UTF8.GetBytes(body));

        var (status, failure) = await SendAsync(host.Client, fuzz);

        Assert.Null(failure);
        Assert.InRange(status, 400, 499);
    }

    public static TheoryData<string, string, string?, string?, string?> Pinned()
    {
        const string Json = "application/json";
        var uninstall = RpcRequests.Vendor("package.uninstall-request", "v1");
        var uninstallAccept = RpcRequests.Vendor("package.uninstall-response", "v1");
        var describe = RpcRequests.Vendor("service.describe-request", "v1");
        var describeAccept = RpcRequests.Vendor("service.describe-response", "v1");
        return new()
        {
            { "POST", "/marathon/v2/groups", Json, Json, "{\"id\":1}" },
            { "POST", "/marathon/v2/groups", Json, Json, "{\"id\":\"/g\",\"enforceRole\":\"x\"}" },
            { "PUT", "/marathon/v2/groups/g", Json, Json, "{\"scaleBy\":\"x\"}" },
            { "POST", "/marathon/v2/apps", Json, Json, "{\"id\":\"/a\",\"cmd\":\"x\"" },
            { "POST", "/marathon/v2/apps", Json, Json, new string('[', 10_000) + new string(']', 10_000) },
            { "POST", "/package/uninstall", uninstall, uninstallAccept, "{\"packageName\":\"kv-store\",\"appId\":\"\\u0000\"}" },
            { "POST", "/package/uninstall", uninstall, uninstallAccept, "{\"packageName\":\"kv-store\",\"appId\":\"" + new string('a', 8200) + "\"}" },
            { "POST", "/service/describe", describe, describeAccept, "{\"appId\":\"/x\",\"appId\":\"/y\"}" },
            { "POST", "/package/uninstall", Json, uninstallAccept, "{\"packageName\":\"kv-store\"}" },
            { "GET", "/package/install", null, null, null },
        };
    }

    /// <summary>Every route pattern with its methods (the RPCs are POST; GET for /capabilities).</summary>
    internal static IReadOnlyList<FuzzTarget> Targets(IServiceProvider services)
    {
        var found = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        void Add(string pattern, IEnumerable<string> methods)
        {
            if (!found.TryGetValue(pattern, out var set))
            {
                found[pattern] = set = new SortedSet<string>(StringComparer.Ordinal);
            }

            set.UnionWith(methods);
        }

        foreach (var endpoint in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            Add("/" + (endpoint.RoutePattern.RawText ?? string.Empty).TrimStart('/'), endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"]);
        }

        foreach (var rpc in KnownRpcs)
        {
            Add(rpc, ["POST"]);
        }

        Add("/capabilities", ["GET"]);
        return [.. found.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new FuzzTarget(p.Key, [.. p.Value]))];
    }

    /// <summary>Sends one case; returns why the answer is wrong, or null.</summary>
    private static async Task<(int Status, string? Failure)> SendAsync(HttpClient client, FuzzCase fuzz)
    {
        using var request = fuzz.ToRequest();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        }
        catch (OperationCanceledException)
        {
            return (0, "no answer within 20 s");
        }
        catch (Exception e) when (e is InvalidOperationException or HttpRequestException)
        {
            // The test server surfaces an unhandled exception in the app as a thrown exception: that is a 5xx.
            return (500, "server threw " + e);
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            if (status >= 500)
            {
                return (status, $"{status}: {Truncate(await response.Content.ReadAsStringAsync(timeout.Token))}");
            }

            if (status < 400 || fuzz.Method == "HEAD")
            {
                return (status, null); // success (streams such as /v2/events are left unread and closed)
            }

            var text = await response.Content.ReadAsStringAsync(timeout.Token);
            return (status, ErrorModelProblem(fuzz.Path, status, text));
        }
    }

    /// <summary>Cosmos <c>{type,message}</c> under Cosmos paths, Marathon <c>{message}</c> under /marathon.</summary>
    internal static string? ErrorModelProblem(string path, int status, string text)
    {
        if (text.Length == 0)
        {
            return $"{status} with an empty body";
        }

        JsonObject? body;
        try
        {
            body = JsonNode.Parse(text) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            body = null;
        }

        if (body is null)
        {
            return $"{status} with a body that is not a JSON object: {Truncate(text)}";
        }

        var marathon = path.StartsWith("/marathon/", StringComparison.Ordinal) || path == "/marathon";
        if (body["message"] is not JsonValue message || message.GetValueKind() != System.Text.Json.JsonValueKind.String)
        {
            return $"{status} without a string message: {Truncate(text)}";
        }

        if (!marathon && (body["type"] is not JsonValue type || type.GetValueKind() != System.Text.Json.JsonValueKind.String))
        {
            return $"{status} without a Cosmos error type: {Truncate(text)}";
        }

        return null;
    }

    private static async Task CleanUpAsync(ServicesHost host)
    {
        // Valid apps the fuzz created (simulated agent: no processes) are removed, and their tasks waited out.
        using var deleteRoot = new HttpRequestMessage(HttpMethod.Delete, "/marathon/v2/groups?force=true");
        using var deleted = await host.Client.SendAsync(deleteRoot);
        Assert.True(deleted.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound, $"deleting the root group answered {deleted.StatusCode}");

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var (status, tasks) = await host.MarathonGetAsync("v2/tasks");
            Assert.Equal(HttpStatusCode.OK, status);
            var (_, apps) = await host.MarathonGetAsync("v2/apps");
            if (tasks?["tasks"]?.AsArray().Count == 0 && apps?["apps"]?.AsArray().Count == 0)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, "tasks or apps left after deleting the root group: " + tasks?.ToJsonString() + apps?.ToJsonString());
            await Task.Delay(100);
        }
    }

    private static async Task AssertLiveAsync(HttpClient client)
    {
        using var ping = await client.GetAsync("/marathon/ping");
        Assert.Equal(HttpStatusCode.OK, ping.StatusCode);
        using var capabilities = new HttpRequestMessage(HttpMethod.Get, "/capabilities");
        capabilities.Headers.TryAddWithoutValidation("Accept", "application/vnd.dcos.capabilities+json;charset=utf-8;version=v1");
        using var answer = await client.SendAsync(capabilities);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
    }

    private static string Truncate(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
