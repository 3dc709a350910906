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

    private static readonly string[] Methods = ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "FUZZ"];

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
    internal static IReadOnlyList<Target> Targets(IServiceProvider services)
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
        return [.. found.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new Target(p.Key, [.. p.Value]))];
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

    /// <summary>A route pattern and the methods mapped on it (each pattern is picked equally often).</summary>
    internal sealed record Target(string Path, IReadOnlyList<string> Methods);

    /// <summary>One generated request. <see cref="Next"/> is the generator; the same seed gives the same cases.</summary>
    internal sealed record FuzzCase(string Method, string Path, string? ContentType, string? Accept, byte[]? Body)
    {
        // NUL (%00) in the path is a protocol rejection: Kestrel answers 400 before any middleware, and the test
        // server throws before the app sees the request, so it stays out of paths (NUL goes in queries and bodies).
        private static readonly string[] PathValues =
        [
            "fuzz", "fuzz/app", "fuzz/app/tasks", "fuzz/app/versions", "fuzz/app/restart", "%2500", "a%01b", "..", "../..",
            "%2e%2e/%2e%2e/etc/passwd", "UPPER", "-bad-", "a..b", "%F0%9F%92%A9", "%C3%28", "%ED%A0%80", "x y",
            new string('a', 300), new string('b', 9000), "a/" + new string('c', 200) + "/d", "", "/", "//", "*", "$", "x:y",
        ];

        private static readonly string[] QueryValues =
        [
            "", "?force=true", "?force=maybe", "?embed=apps.tasks&embed=%00", "?event_type=%ff", "?partialUpdate=x",
            "?version=%00", "?scale=-1", "?" + new string('q', 3000) + "=1", "?wipe=true&force=true",
        ];

        private static readonly string[] StringValues =
        [
            "", "fuzz", "/fuzz/app", "\u0000", "a\u0000b", "\ud800", "../../etc/passwd", "UPPER", "hello-world", "0.1.0",
            "file:///nonexistent/repo.json", "not a uri", "http://", "{{#x}}", "<script>alert(1)</script>",
            new string('z', 9000), new string('y', 100_000),
        ];

        private static readonly string[] Packages = ["hello-cli", "kv-store", "web-server", "ticker", "echo-cluster", "nope"];

        private static readonly string[] Fields =
        [
            "id", "cmd", "args", "instances", "cpus", "mem", "disk", "env", "labels", "apps", "groups", "dependencies",
            "scaleBy", "enforceRole", "version", "container", "portDefinitions", "healthChecks", "constraints",
            "upgradeStrategy", "packageName", "packageVersion", "appId", "options", "name", "uri", "index", "query",
            "includePackageVersions", "all", "replace", "packageVersions", "ids", "fetch", "secrets", "networks",
        ];

        public static FuzzCase Next(Random random, IReadOnlyList<Target> targets)
        {
            var target = targets[random.Next(targets.Count)];
            var method = random.Next(8) == 0 ? Methods[random.Next(Methods.Length)] : target.Methods[random.Next(target.Methods.Count)];
            var path = FillPath(random, target.Path) + (random.Next(4) == 0 ? QueryValues[random.Next(QueryValues.Length)] : string.Empty);
            if (random.Next(20) == 0)
            {
                path += random.Next(3) switch { 0 => "/", 1 => "/extra/segment", _ => "//" };
            }

            var rpc = path.StartsWith("/package/", StringComparison.Ordinal) || path.StartsWith("/service/", StringComparison.Ordinal);
            var kind = rpc ? RpcKind(path) : null;
            var contentType = PickContentType(random, kind);
            var accept = PickAccept(random, kind);
            var body = method is "GET" or "DELETE" or "OPTIONS" && random.Next(4) != 0 ? null : PickBody(random);
            return new FuzzCase(method, path, contentType, accept, body);
        }

        public HttpRequestMessage ToRequest()
        {
            var request = new HttpRequestMessage(new HttpMethod(Method), new Uri("http://localhost" + Path));
            if (Accept is not null)
            {
                request.Headers.TryAddWithoutValidation("Accept", Accept);
            }

            if (Body is not null || ContentType is not null)
            {
                request.Content = new ByteArrayContent(Body ?? []);
                if (ContentType is not null)
                {
                    request.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
                }
            }

            return request;
        }

        public override string ToString()
        {
            var body = Body is null ? "-" : Encoding.UTF8.GetString(Body);
            body = body.Length > 120 ? body[..120] + $"…({Body!.Length} bytes)" : body;
            var path = Path.Length > 160 ? Path[..160] + "…" : Path;
            return $"{Method} {path} [Content-Type: {ContentType ?? "-"}] [Accept: {Accept ?? "-"}] {body}";
        }

        private static string FillPath(Random random, string pattern)
        {
            var builder = new StringBuilder();
            foreach (var segment in pattern.Split('/'))
            {
                if (builder.Length > 0 || segment.Length > 0)
                {
                    builder.Append('/');
                }

                builder.Append(segment.StartsWith('{') ? PathValues[random.Next(PathValues.Length)] : segment);
            }

            var path = builder.ToString();
            return path.Length == 0 ? "/" : path;
        }

        /// <summary><c>/package/repository/add</c> → <c>package.repository.add</c>.</summary>
        private static string RpcKind(string path) => path.Split('?')[0].Trim('/').Replace('/', '.');

        private static string? PickContentType(Random random, string? kind) => random.Next(10) switch
        {
            0 => null,
            1 => "application/json",
            2 => "text/plain",
            3 => "application/vnd.dcos.package.nope-request+json;charset=utf-8;version=v1",
            4 => "garbage;;;=",
            5 when kind is not null => $"application/vnd.dcos.{kind}-request+json;charset=utf-8;version=v9",
            6 => "application/json; charset=latin1",
            _ when kind is not null => $"application/vnd.dcos.{kind}-request+json;charset=utf-8;version=v1",
            _ => "application/json",
        };

        private static string? PickAccept(Random random, string? kind) => random.Next(8) switch
        {
            0 => null,
            1 => "*/*",
            2 => "text/html",
            3 => "application/vnd.dcos.package.error+json;version=v1, */*;q=0.1",
            4 => "application/json;q=x",
            _ when kind is not null => $"application/vnd.dcos.{kind}-response+json;charset=utf-8;version=v{random.Next(1, 4)}",
            _ => "application/json",
        };

        private static byte[] PickBody(Random random)
        {
            switch (random.Next(12))
            {
                case 0:
                    return [];
                case 1:
                    var valid = Encoding.UTF8.GetBytes(ValidObject(random).ToJsonString());
                    return valid[..random.Next(valid.Length)]; // truncated
                case 2:
                    var depth = random.Next(2) == 0 ? 10_000 : 70;
                    return Encoding.UTF8.GetBytes(new string('[', depth) + new string(']', depth));
                case 3:
                    return Encoding.UTF8.GetBytes("{" + string.Concat(Enumerable.Repeat("\"a\":{", 5000)) + "1" + new string('}', 5001));
                case 4:
                    return [.. "{\"id\":\""u8.ToArray(), 0xC3, 0x28, 0xFF, .. "\"}"u8.ToArray()]; // invalid UTF-8
                case 5:
                    var field = Fields[random.Next(Fields.Length)];
                    return Encoding.UTF8.GetBytes($"{{\"{field}\":\"a\",\"{field}\":\"b\"}}"); // duplicate keys
                case 6:
                    return Encoding.UTF8.GetBytes(random.Next(4) switch { 0 => "null", 1 => "[]", 2 => "42", _ => "\"text\"" });
                case 7:
                    return Encoding.UTF8.GetBytes("{\"id\":\"\\ud800\",\"packageName\":\"\\udc00x\",\"appId\":\"\\u0000\"}");
                case 8:
                    return Encoding.UTF8.GetBytes("not json at all \u0000");
                default:
                    var obj = ValidObject(random);
                    var objects = new List<JsonObject>();
                    Collect(obj, objects);
                    for (var n = random.Next(1, 4); n > 0; n--)
                    {
                        // A wrong value at any depth: top-level fields, container.docker, portDefinitions[0], options…
                        objects[random.Next(objects.Count)][Fields[random.Next(Fields.Length)]] = WrongValue(random);
                    }

                    return Encoding.UTF8.GetBytes(obj.ToJsonString());
            }
        }

        private static void Collect(JsonNode? node, List<JsonObject> objects)
        {
            if (node is JsonObject obj)
            {
                objects.Add(obj);
                foreach (var (_, child) in obj)
                {
                    Collect(child, objects);
                }
            }
            else if (node is JsonArray array)
            {
                foreach (var child in array)
                {
                    Collect(child, objects);
                }
            }
        }

        private static JsonObject ValidObject(Random random) => random.Next(4) switch
        {
            0 => new JsonObject
            {
                ["id"] = "/fuzz/app" + random.Next(5),
                ["cmd"] = "sleep 1000",
                ["instances"] = 1,
                ["cpus"] = 0.01,
                ["mem"] = 8,
                ["container"] = new JsonObject { ["type"] = "DOCKER", ["docker"] = new JsonObject { ["image"] = "busybox" } },
                ["portDefinitions"] = new JsonArray(new JsonObject { ["port"] = 0, ["name"] = "http" }),
                ["healthChecks"] = new JsonArray(new JsonObject { ["protocol"] = "COMMAND", ["command"] = new JsonObject { ["value"] = "true" } }),
                ["upgradeStrategy"] = new JsonObject { ["minimumHealthCapacity"] = 1, ["maximumOverCapacity"] = 1 },
                ["env"] = new JsonObject { ["A"] = "b" },
                ["labels"] = new JsonObject { ["l"] = "v" },
            },
            1 => new JsonObject { ["packageName"] = Packages[random.Next(Packages.Length)], ["appId"] = "/fuzz/svc" + random.Next(3), ["options"] = new JsonObject() },
            2 => new JsonObject
            {
                ["packageName"] = Packages[random.Next(Packages.Length)],
                ["packageVersion"] = "0.1.0",
                ["appId"] = "/fuzz/svc" + random.Next(3),
                ["options"] = new JsonObject { ["service"] = new JsonObject { ["name"] = "fuzz", ["cpus"] = 0.1 } },
                ["name"] = "fuzz-repo",
                ["uri"] = "file:///nonexistent/repo.json",
                ["index"] = 0,
            },
            _ => new JsonObject { ["id"] = "/fuzz", ["apps"] = new JsonArray(new JsonObject { ["id"] = "/fuzz/g", ["cmd"] = "sleep 1" }) },
        };

        private static JsonNode? WrongValue(Random random) => random.Next(9) switch
        {
            0 => null,
            1 => random.Next(-5, 100_000),
            2 => true,
            3 => new JsonArray(1, "x", null),
            4 => new JsonObject { ["nested"] = new JsonObject { ["x"] = 1 } },
            5 => double.MaxValue,
            6 => -0.5,
            _ => StringValues[random.Next(StringValues.Length)],
        };
    }
}
