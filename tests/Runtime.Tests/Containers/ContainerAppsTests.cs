using System.Net;
using System.Runtime.Versioning;
using System.Text.Json.Nodes;
using Universe.Runtime.Containers.Runc;
using Universe.Runtime.Tests.TestSupport;
using Universe.Testing.Registry;

namespace Universe.Runtime.Tests.Containers;

/// <summary>DOCKER and MESOS image apps through the Marathon API on a real local agent: registry pull, runc, CNI.</summary>
[SupportedOSPlatform("linux")]
public sealed class ContainerAppsTests(ContainerRegistryFixture registry) : IClassFixture<ContainerRegistryFixture>
{
    [ContainerFact]
    public async Task DockerApp_PortMappingsAndHttpHealthCheck_TwoInstancesHealthyAndServingOnTheirHostPorts()
    {
        await RunAsync(async host =>
        {
            using var response = await host.PostJsonAsync("v2/apps", """
                {"id":"/web","instances":2,"cpus":0.1,"mem":64,
                 "container":{"type":"DOCKER","docker":{"image":"web","network":"BRIDGE","portMappings":[{"containerPort":80,"hostPort":0,"protocol":"tcp"}]}},
                 "healthChecks":[{"protocol":"HTTP","path":"/","portIndex":0,"gracePeriodSeconds":30,"intervalSeconds":1,"timeoutSeconds":2}]}
                """);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);

            await RuntimeTestHost.WaitUntilAsync(async () => (int)(await host.GetAppAsync("web"))["tasksHealthy"]! == 2, "two healthy web tasks", TimeSpan.FromSeconds(180));

            var tasks = (await host.GetJsonAsync("v2/apps/web/tasks"))["tasks"]!.AsArray();
            using var http = new HttpClient();
            foreach (var task in tasks)
            {
                Assert.Equal(TestImages.WebIndexHtml, await http.GetStringAsync("http://127.0.0.1:" + (int)task!["ports"]![0]! + "/"));
            }

            Assert.NotEqual((int)tasks[0]!["ports"]![0]!, (int)tasks[1]!["ports"]![0]!);
            Assert.Equal(2, (await Runc(host).ListAsync(default)).Count(s => s.Status == "running"));
            await ContainerRuntimeHost.DeleteAppAsync(host.Client, "/web");
            Assert.Empty(await Runc(host).ListAsync(default));
        });
    }

    [ContainerFact]
    public async Task MesosApp_ImageEnvUserAndWorkdir_MergedWithMarathonEnvAndReadOnlyHostPathCannotBeWritten()
    {
        var readOnly = Directory.CreateTempSubdirectory("ro-volume-").FullName;
        try
        {
            await RunAsync(async host =>
            {
                var app = new JsonObject
                {
                    ["id"] = "/hello",
                    ["cpus"] = 0.1,
                    ["mem"] = 32,
                    ["cmd"] = "id -u; echo $HELLO; pwd; echo $MARATHON_APP_ID $MARATHON_APP_DOCKER_IMAGE; echo port=$PORT0; cat /etc/hello.txt; touch /ro/x 2>/dev/null || echo ro-refused; exec sleep 600",
                    ["container"] = new JsonObject
                    {
                        ["type"] = "MESOS",
                        ["docker"] = new JsonObject { ["image"] = "hello" },
                        ["volumes"] = new JsonArray(new JsonObject { ["containerPath"] = "/ro", ["hostPath"] = readOnly, ["mode"] = "RO" }),
                    },
                };
                (await host.PostJsonAsync("v2/apps", app.ToJsonString())).Dispose();
                await host.WaitForRunningAsync("hello", 1, TimeSpan.FromSeconds(60));
                var task = (await host.GetJsonAsync("v2/apps/hello/tasks"))["tasks"]![0]!;

                var stdout = await WaitForStdoutAsync(host, (string)task["id"]!, "ro-refused");

                Assert.Equal(
                    "1000\nworld\n/tmp\n/hello hello\nport=" + (int)task["ports"]![0]! + "\n" + TestImages.HelloText + "ro-refused\n",
                    stdout);
                Assert.Empty(Directory.EnumerateFileSystemEntries(readOnly));
                await ContainerRuntimeHost.DeleteAppAsync(host.Client, "/hello");
            });
        }
        finally
        {
            Directory.Delete(readOnly, recursive: true);
        }
    }

    [ContainerFact]
    public async Task DockerApp_MemoryLimitExceeded_TaskFailedWithReason()
    {
        await RunAsync(async host =>
        {
            (await host.PostJsonAsync("v2/apps", """
                {"id":"/hog","cpus":0.1,"mem":32,"backoffSeconds":60,"cmd":"exec dd if=/dev/zero of=/dev/null bs=200M count=1",
                 "container":{"type":"DOCKER","docker":{"image":"hello"}}}
                """)).Dispose();

            await RuntimeTestHost.WaitUntilAsync(async () => (await host.GetAppAsync("hog"))["lastTaskFailure"] is not null, "hog failed", TimeSpan.FromSeconds(60));

            var failure = (await host.GetAppAsync("hog"))["lastTaskFailure"]!;
            Assert.Equal("TASK_FAILED", (string?)failure["state"]);
            Assert.StartsWith("Memory limit exceeded", (string?)failure["message"], StringComparison.Ordinal);
            await ContainerRuntimeHost.DeleteAppAsync(host.Client, "/hog");
        });
    }

    [ContainerFact]
    public async Task DockerApp_ChildProcessExceedsMemoryLimit_WholeContainerEndsTaskFailedWithReason()
    {
        await RunAsync(async host =>
        {
            // pid 1 is the shell: only its child dd is OOM-killed by the kernel, and the shell would sleep on.
            (await host.PostJsonAsync("v2/apps", """
                {"id":"/childhog","cpus":0.1,"mem":32,"backoffSeconds":60,"cmd":"dd if=/dev/zero of=/dev/null bs=200M count=1; echo survived; exec sleep 600",
                 "container":{"type":"DOCKER","docker":{"image":"hello"}}}
                """)).Dispose();

            await RuntimeTestHost.WaitUntilAsync(async () => (await host.GetAppAsync("childhog"))["lastTaskFailure"] is not null, "childhog failed", TimeSpan.FromSeconds(60));

            var failure = (await host.GetAppAsync("childhog"))["lastTaskFailure"]!;
            Assert.Equal("TASK_FAILED", (string?)failure["state"]);
            Assert.StartsWith("Memory limit exceeded", (string?)failure["message"], StringComparison.Ordinal);
            Assert.DoesNotContain(await Runc(host).ListAsync(default), s => s.Id == (string?)failure["taskId"]);
            await ContainerRuntimeHost.DeleteAppAsync(host.Client, "/childhog");
        });
    }

    [ContainerFact]
    public async Task DockerApp_CommandHealthCheck_RunsInsideTheContainer()
    {
        Assert.False(File.Exists("/etc/hello.txt"));
        await RunAsync(async host =>
        {
            (await host.PostJsonAsync("v2/apps", """
                {"id":"/cmdcheck","cpus":0.1,"mem":32,"cmd":"exec sleep 600","container":{"type":"DOCKER","docker":{"image":"hello"}},
                 "healthChecks":[{"protocol":"COMMAND","command":{"value":"test -f /etc/hello.txt && test $(id -u) = 1000 && test -n \"$MESOS_TASK_ID\""},
                   "gracePeriodSeconds":30,"intervalSeconds":1,"timeoutSeconds":5}]}
                """)).Dispose();

            await RuntimeTestHost.WaitUntilAsync(async () => (int)(await host.GetAppAsync("cmdcheck"))["tasksHealthy"]! == 1, "healthy by COMMAND inside", TimeSpan.FromSeconds(60));

            await ContainerRuntimeHost.DeleteAppAsync(host.Client, "/cmdcheck");
        });
    }

    [ContainerFact]
    public async Task DockerApp_PersistentVolume_KeepsAFileAcrossARestart()
    {
        await RunAsync(async host =>
        {
            (await host.PostJsonAsync("v2/apps", """
                {"id":"/keeper","cpus":0.1,"mem":32,"cmd":"cat $MESOS_SANDBOX/data/note 2>/dev/null; echo written-by-$MESOS_TASK_ID >> $MESOS_SANDBOX/data/note; echo done; exec sleep 600",
                 "container":{"type":"DOCKER","docker":{"image":"hello"},"volumes":[{"containerPath":"data","mode":"RW","persistent":{"size":16}}]},
                 "upgradeStrategy":{"minimumHealthCapacity":0,"maximumOverCapacity":0}}
                """)).Dispose();
            await host.WaitForRunningAsync("keeper", 1, TimeSpan.FromSeconds(60));
            var first = (string)(await host.GetJsonAsync("v2/apps/keeper/tasks"))["tasks"]![0]!["id"]!;
            Assert.Equal("done\n", await WaitForStdoutAsync(host, first, "done"));

            (await host.PostJsonAsync("v2/apps/keeper/restart", "{}")).Dispose();
            await RuntimeTestHost.WaitUntilAsync(async () =>
            {
                var tasks = (await host.GetJsonAsync("v2/apps/keeper/tasks"))["tasks"]!.AsArray();
                return tasks.Count == 1 && (string)tasks[0]!["id"]! != first && (string?)tasks[0]!["state"] == "TASK_RUNNING";
            }, "restarted", TimeSpan.FromSeconds(60));
            var second = (string)(await host.GetJsonAsync("v2/apps/keeper/tasks"))["tasks"]![0]!["id"]!;

            Assert.Equal("written-by-" + first + "\ndone\n", await WaitForStdoutAsync(host, second, "done"));
            await ContainerRuntimeHost.DeleteAppAsync(host.Client, "/keeper");
        });
    }

    [ContainerFact]
    public async Task HostStopped_ThenTheContainerExits_ItsBundleIsLeftForTheNextStart()
    {
        var settings = ContainerRuntimeHost.Settings(registry.MirrorUrl, ContainerRuntimeHost.NewDataDirectory());
        var host = await RuntimeTestHost.StartAsync(settings, dataDirectory: settings["Runtime:DataDirectory"]);
        try
        {
            (await host.PostJsonAsync("v2/apps", """{"id":"/brief","cpus":0.1,"mem":32,"cmd":"exec sleep 4","container":{"type":"MESOS","docker":{"image":"hello"}}}""")).Dispose();
            await host.WaitForRunningAsync("brief", 1, TimeSpan.FromSeconds(60));
            var taskId = (string)(await host.GetJsonAsync("v2/apps/brief/tasks"))["tasks"]![0]!["id"]!;
            var bundle = Path.Combine(host.DataDirectory, "containers", "bundles", taskId);

            await host.StopAsync();
            await RuntimeTestHost.WaitUntilAsync(
                async () => !(await Runc(host).ListAsync(default)).Any(s => s.Id == taskId && s.Status == "running"),
                "the container of " + taskId + " ended after the host stopped", TimeSpan.FromSeconds(30));
            await Task.Delay(TimeSpan.FromSeconds(1)); // what a still-active watcher would do (runc delete, bundle removal) takes milliseconds

            Assert.True(File.Exists(Path.Combine(bundle, "exit")), "the stopped Runtime cleaned up the bundle of " + taskId + " after it stopped");
            Assert.Contains(await Runc(host).ListAsync(default), s => s.Id == taskId && s.Status == "stopped");
        }
        finally
        {
            await ContainerRuntimeHost.CleanupAsync(settings);
            await host.DisposeAsync();
        }
    }

    private async Task RunAsync(Func<RuntimeTestHost, Task> test)
    {
        var settings = ContainerRuntimeHost.Settings(registry.MirrorUrl, ContainerRuntimeHost.NewDataDirectory());
        try
        {
            await using var host = await RuntimeTestHost.StartAsync(settings, dataDirectory: settings["Runtime:DataDirectory"]);
            await test(host);
        }
        finally
        {
            await ContainerRuntimeHost.CleanupAsync(settings);
        }
    }

    private static RuncClient Runc(RuntimeTestHost host) =>
        new(File.Exists("/usr/sbin/runc") ? "/usr/sbin/runc" : "/usr/bin/runc", Path.Combine(host.DataDirectory, "containers", "runc"));

    private static async Task<string> WaitForStdoutAsync(RuntimeTestHost host, string taskId, string last)
    {
        var text = string.Empty;
        await RuntimeTestHost.WaitUntilAsync(async () =>
        {
            text = await host.Client.GetStringAsync("v2/tasks/" + taskId + "/files/stdout");
            return text.Contains(last, StringComparison.Ordinal);
        }, "stdout of " + taskId, TimeSpan.FromSeconds(30));
        return text;
    }
}
