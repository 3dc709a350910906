using System.Text.Json.Nodes;
using Universe.Cli.Tests.TestSupport;

namespace Universe.Cli.Tests.Commands;

public sealed class MarathonAppTests : StubCosmosTest
{
    private const string Apps = """
        {"apps":[
          {"id":"/web","mem":64,"cpus":0.5,"instances":2,"tasksRunning":2,"tasksHealthy":1,"healthChecks":[{"protocol":"HTTP"}],"cmd":"python3 -m http.server $PORT0 --bind 127.0.0.1","role":"*"},
          {"id":"/a-worker","mem":32,"cpus":0.1,"instances":1,"tasksRunning":0,"args":["run","--fast"],"container":{"type":"DOCKER"},"role":"slave_public"}]}
        """;

    [Fact]
    public async Task AppList_Table_HasTheOriginalColumnsSortedById()
    {
        Server.On("GET", "/marathon/v2/apps", 200, "application/json", Apps);
        Server.On("GET", "/marathon/v2/deployments", 200, "application/json",
            """[{"id":"d1","currentActions":[{"action":"ScaleApplication","app":"/web"}]}]""");
        Server.On("GET", "/marathon/v2/queue", 200, "application/json", """{"queue":[{"app":{"id":"/a-worker"},"delay":{"overdue":true}}]}""");

        var exit = await Cli.RunAsync("marathon", "app", "list");

        Assert.Equal(ExitCodes.Success, exit);
        var lines = Cli.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(@"^\s+ID\s+MEM\s+CPUS\s+TASKS\s+HEALTH\s+DEPLOYMENT\s+WAITING\s+CONTAINER\s+CMD\s+ROLE\s+$", lines[0]);
        Assert.Matches(@"^  /a-worker\s+32\s+0\.1\s+0/1\s+---\s+---\s+true\s+DOCKER\s+\[run, --fast\]\s+slave_public\s+$", lines[1]);
        Assert.Matches(@"^  /web\s+64\s+0\.5\s+2/2\s+1/2\s+scale\s+false\s+MESOS\s+python3 -m http.server \$POR\.\.\.\s+\*\s+$", lines[2]);
    }

    [Fact]
    public async Task AppList_Quiet_PrintsIdsOnly()
    {
        Server.On("GET", "/marathon/v2/apps", 200, "application/json", Apps);

        var exit = await Cli.RunAsync("marathon", "app", "list", "-q");

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Equal("/a-worker\n/web\n", Cli.Stdout);
    }

    [Fact]
    public async Task AppAdd_Stdin_CreatesTheAppAndPrintsTheDeployment()
    {
        Server.On("POST", "/marathon/v2/apps", 201, "application/json", """{"id":"/new","deployments":[{"id":"dep-1"}]}""");

        var exit = await Cli.RunAsync(["marathon", "app", "add"], input: """{"id":"new","cmd":"sleep 100","cpus":0.1,"mem":16}""");

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Equal("Created deployment dep-1\n", Cli.Stdout);
        var posted = Server.Requests.Single(r => r.Method == "POST");
        Assert.Equal("new", JsonNode.Parse(posted.Body)!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task AppAdd_Existing_FailsWithTheOriginalMessage()
    {
        Server.On("GET", "/marathon/v2/apps/web", 200, "application/json", """{"app":{"id":"/web"}}""");

        var exit = await Cli.RunAsync(["marathon", "app", "add"], input: """{"id":"/web"}""");

        Assert.Equal(ExitCodes.Error, exit);
        Assert.Equal("Error: Application '/web' already exists\n", Cli.Stderr);
    }

    [Fact]
    public async Task AppAdd_NoId_Fails()
    {
        var exit = await Cli.RunAsync(["marathon", "app", "add"], input: """{"cmd":"x"}""");

        Assert.Equal(ExitCodes.Error, exit);
        Assert.Equal("Error: application ID must be set\n", Cli.Stderr);
    }

    [Fact]
    public async Task AppRemove_Missing_SaysItDoesNotExist()
    {
        Server.On("DELETE", "/marathon/v2/apps/gone", 404, "application/json", """{"message":"App '/gone' does not exist"}""");

        var exit = await Cli.RunAsync("marathon", "app", "remove", "gone");

        Assert.Equal(ExitCodes.Error, exit);
        Assert.Equal("Error: app '/gone' does not exist\n", Cli.Stderr);
    }

    [Fact]
    public async Task AppRemove_Force_SendsForceAndIsSilent()
    {
        Server.On("DELETE", "/marathon/v2/apps/web", 200, "application/json", """{"deploymentId":"d2","version":"x"}""");

        var exit = await Cli.RunAsync("marathon", "app", "remove", "/web", "--force");

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Equal(string.Empty, Cli.Stdout + Cli.Stderr);
        Assert.Equal("?force=true", Server.Requests.Single().Query);
    }

    [Fact]
    public async Task AppShow_MarathonUrlVariable_IsUsedInsteadOfTheClusterDefault()
    {
        Server.On("GET", "/other/v2/apps/web", 200, "application/json", """{"app":{"id":"/web","instances":1}}""");
        Cli.Environment["DCOS_MARATHON_URL"] = new Uri(Server.BaseAddress, "other").AbsoluteUri;

        var exit = await Cli.RunAsync("marathon", "app", "show", "web");

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Equal("/web", JsonNode.Parse(Cli.Stdout)!["id"]!.GetValue<string>());
    }
}
