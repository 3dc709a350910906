using System.Text;
using System.Text.Json.Nodes;

namespace Universe.Cosmos.Tests.Http;

/// <summary>One generated request. <see cref="Next"/> is the generator; the same seed gives the same cases.</summary>
internal sealed record FuzzCase(string Method, string Path, string? ContentType, string? Accept, byte[]? Body)
{
    private static readonly string[] Methods = ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "FUZZ"];

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

    public static FuzzCase Next(Random random, IReadOnlyList<FuzzTarget> targets)
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
