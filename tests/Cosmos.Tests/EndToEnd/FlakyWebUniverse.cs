namespace Universe.Cosmos.Tests.EndToEnd;

/// <summary>
/// A one-package universe tree in a temporary directory: <c>flaky-web</c> 1.0.0, a python web server whose HTTP
/// health check path is an option (<c>web.health_path</c>), so an update can make it fail its health check.
/// </summary>
internal static class FlakyWebUniverse
{
    /// <summary>Writes the tree and returns its root (the caller deletes it).</summary>
    public static string Create()
    {
        var root = Path.Combine(Path.GetTempPath(), "flaky-web-universe-" + Guid.NewGuid().ToString("N"));
        var revision = Path.Combine(root, "repo", "packages", "F", "flaky-web", "0");
        Directory.CreateDirectory(revision);
        File.WriteAllText(Path.Combine(revision, "package.json"), """
            {"packagingVersion":"4.0","name":"flaky-web","version":"1.0.0","maintainer":"tests@example.org",
             "description":"A web server whose health check path is an option","tags":["test"],"upgradesFrom":[],"downgradesTo":[]}
            """);
        File.WriteAllText(Path.Combine(revision, "config.json"), """
            {"type":"object","properties":{
              "service":{"type":"object","properties":{"name":{"type":"string","default":"flaky-web"}}},
              "web":{"type":"object","properties":{
                "greeting":{"type":"string","default":"hello"},
                "health_path":{"type":"string","default":"/"}}}}}
            """);
        File.WriteAllText(Path.Combine(revision, "marathon.json.mustache"), """
            {
              "id": "/{{service.name}}",
              "instances": 1,
              "cpus": 0.1,
              "mem": 32,
              "cmd": "mkdir -p site && printf '%s\\n' \"$GREETING\" > site/index.html && exec python3 -m http.server \"$PORT0\" --bind 127.0.0.1 --directory site",
              "env": {"GREETING": "{{web.greeting}}"},
              "portDefinitions": [{"port": 0, "protocol": "tcp", "name": "http"}],
              "healthChecks": [{"protocol": "HTTP", "path": "{{web.health_path}}", "portIndex": 0, "gracePeriodSeconds": 6, "intervalSeconds": 1, "timeoutSeconds": 1, "maxConsecutiveFailures": 3}]
            }
            """);
        return root;
    }
}
