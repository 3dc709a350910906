using System.Net;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using System.Text.Json.Nodes;
using Universe.Runtime.Tests.TestSupport;
using Universe.Testing.Registry;

namespace Universe.Runtime.Tests.Containers;

/// <summary>
/// The Runtime's side of pulling: progress in the task's status message and in <c>/v2/queue</c>, <c>forcePullImage</c>
/// against a moved tag and a stopped registry, Basic and token auth with credentials from <c>Runtime:Registries</c>,
/// wrong credentials, and a multi-arch index resolved to the host platform. Real docker-registry, real runc.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class ImagePullTests(ContainerRegistryFixture registry) : IClassFixture<ContainerRegistryFixture>
{
    private const string WhichImage = "if test -f /www/index.html; then echo image=web; else echo image=hello; fi; exec sleep 600";

    [ContainerFact]
    public async Task SlowRegistry_PullProgressInTaskMessageAndQueue_GoneOnceRunning()
    {
        // A registry front that serves the hello image's blobs in 16 KiB chunks 60 ms apart (about 4 s for busybox).
        await using var slow = await FaultyHttpServer.StartAsync();
        ServeImage(slow, registry.Images, TestImages.Hello, "library/slow", new FaultBehavior { ChunkDelay = TimeSpan.FromMilliseconds(60) });
        var image = slow.Host + "/library/slow:latest";

        await RunAsync(new Dictionary<string, string?>(), async host =>
        {
            var app = new JsonObject
            {
                ["id"] = "/slow",
                ["cpus"] = 0.1,
                ["mem"] = 32,
                ["cmd"] = "exec sleep 600",
                ["container"] = new JsonObject { ["type"] = "DOCKER", ["docker"] = new JsonObject { ["image"] = image } },
            };
            (await host.PostJsonAsync("v2/apps", app.ToJsonString())).Dispose();

            var queueBytes = new HashSet<long>();
            var taskMessages = new HashSet<string>();
            var total = 0L;
            await RuntimeTestHost.WaitUntilAsync(async () =>
            {
                var queue = (await host.GetJsonAsync("v2/queue"))["queue"]!.AsArray();
                var entry = queue.SingleOrDefault(e => (string?)e!["app"]!["id"] == "/slow");
                if (entry?["imagePulls"]?[0] is { } pull && (long)pull["bytesTotal"]! > 0)
                {
                    Assert.Equal(1, (int)entry["count"]!);
                    Assert.True(entry["delay"]!["timeLeftSeconds"] is not null && entry["delay"]!["overdue"] is not null);
                    Assert.Equal(image, (string?)pull["image"]);
                    Assert.StartsWith("Pulling image " + image + ": ", (string?)pull["message"], StringComparison.Ordinal);
                    total = (long)pull["bytesTotal"]!;
                    if ((long)pull["bytesDone"]! < total)
                    {
                        queueBytes.Add((long)pull["bytesDone"]!);
                    }
                }

                var task = (await host.GetJsonAsync("v2/apps/slow/tasks"))["tasks"]!.AsArray().SingleOrDefault();
                if ((string?)task?["message"] is { } message && message.StartsWith("Pulling image", StringComparison.Ordinal))
                {
                    Assert.NotEqual("TASK_RUNNING", (string?)task["state"]);
                    taskMessages.Add(message);
                }

                await Task.Delay(100);
                return queueBytes.Count >= 2 && taskMessages.Any(m => m.Contains(" MB, ", StringComparison.Ordinal));
            }, "pull progress in /v2/queue and the task's message", TimeSpan.FromSeconds(60));

            var totalMb = (total / 1_000_000.0).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture);
            Assert.Contains(taskMessages, m => m.StartsWith("Pulling image " + image + ": ", StringComparison.Ordinal) && m.Contains("/" + totalMb + " MB, ", StringComparison.Ordinal));

            await host.WaitForRunningAsync("slow", 1, TimeSpan.FromSeconds(60));
            Assert.Empty((await host.GetJsonAsync("v2/queue"))["queue"]!.AsArray());
            var running = (await host.GetJsonAsync("v2/apps/slow/tasks"))["tasks"]![0]!;
            Assert.Equal("TASK_RUNNING", (string?)running["state"]);
            Assert.Null(running["message"]);
            await ContainerRuntimeHost.DeleteAppAsync(host.Client, "/slow");
        });
    }

    [ContainerFact]
    public async Task ForcePullImage_TrueFollowsAMovedTag_FalseUsesTheCacheEvenWithTheRegistryStopped()
    {
        var own = await RegistryServer.StartAsync();
        var stopped = false;
        try
        {
            await registry.Images.PushAsync(own, TestImages.Hello, "library/moving", "latest");
            var image = own.Host + "/library/moving:latest";
            await RunAsync(new Dictionary<string, string?>(), async host =>
            {
                Assert.Equal("image=hello", await RunOnceAsync(host, "/first", image, forcePull: false));

                // The tag moves to another image: the cache keeps what the tag meant, a forced pull re-resolves it.
                await registry.Images.PushAsync(own, TestImages.Web, "library/moving", "latest");
                Assert.Equal("image=hello", await RunOnceAsync(host, "/cached", image, forcePull: false));
                Assert.Equal("image=web", await RunOnceAsync(host, "/forced", image, forcePull: true));

                await own.DisposeAsync();
                stopped = true;
                Assert.Equal("image=web", await RunOnceAsync(host, "/offline", image, forcePull: false));

                // With the registry gone, forcing a pull must fail: it does ask the registry.
                (await host.PostJsonAsync("v2/apps", AppJson("/offline-forced", image, true).ToJsonString())).Dispose();
                var failure = await WaitForFailureAsync(host, "offline-forced");
                Assert.StartsWith("Failed to pull image " + image, failure, StringComparison.Ordinal);
                await ContainerRuntimeHost.DeleteAppAsync(host.Client, "/offline-forced");
            });
        }
        finally
        {
            if (!stopped)
            {
                await own.DisposeAsync();
            }
        }
    }

    [ContainerTheory]
    [InlineData(RegistryAuthMode.Basic)]
    [InlineData(RegistryAuthMode.Token)]
    public async Task PrivateRegistry_CredentialsFromConfiguration_RunsAndWrongPasswordFailsWithoutTheSecret(RegistryAuthMode mode)
    {
        await using var secured = await RegistryServer.StartAsync(mode);
        await registry.Images.PushAsync(secured, TestImages.Web, "private/web", "latest");
        await registry.Images.PushAsync(secured, TestImages.Hello, "private/other", "latest");
        var image = secured.Host + "/private/web:latest";
        var wrongPassword = "wrong-" + Guid.NewGuid().ToString("N")[..10];
        var passwordFile = secured.WritePasswordFile();
        var settings = new Dictionary<string, string?>
        {
            ["Runtime:Registries:" + secured.Host + ":Username"] = secured.Username,
            ["Runtime:Registries:" + secured.Host + ":PasswordFile"] = passwordFile,
        };

        await RunAsync(settings, async host =>
        {
            Assert.Equal("image=web", await RunOnceAsync(host, "/private", image, forcePull: false));

            // The password file is read at each use: with a wrong password, the next pull (another repository, so no
            // cached token helps) fails with a reason that names the registry's refusal and carries no secret.
            await File.WriteAllTextAsync(passwordFile, wrongPassword + "\n");
            var other = secured.Host + "/private/other:latest";
            (await host.PostJsonAsync("v2/apps", AppJson("/denied", other, forcePull: false).ToJsonString())).Dispose();
            var failure = await WaitForFailureAsync(host, "denied");
            Assert.True(failure.StartsWith("Failed to pull image " + other + ": ", StringComparison.Ordinal), failure);
            Assert.True(failure.Contains("refused the credentials of user " + secured.Username, StringComparison.Ordinal), failure);
            Assert.DoesNotContain(wrongPassword, failure, StringComparison.Ordinal);
            Assert.DoesNotContain(secured.Password, failure, StringComparison.Ordinal);
            await ContainerRuntimeHost.DeleteAppAsync(host.Client, "/denied");
        });
    }

    [ContainerFact]
    public async Task MultiArchIndex_ResolvedToTheHostPlatform()
    {
        await registry.Images.PushAsync(registry.Registry, TestImages.Multi, "library/multi", "latest");
        await RunAsync(new Dictionary<string, string?>(), async host =>
        {
            Assert.Equal("image=web", await RunOnceAsync(host, "/multi", "multi", forcePull: false));

            // Only the host's manifest and config were fetched into the store; the other platform's were not.
            var (hostTag, otherTag) = RuntimeInformation.OSArchitecture == Architecture.Arm64 ? (TestImages.WebArm64, TestImages.Web) : (TestImages.Web, TestImages.WebArm64);
            var blobs = Path.Combine(host.DataDirectory, "containers", "blobs", "sha256");
            Assert.True(File.Exists(Path.Combine(blobs, registry.Images.Digests[TestImages.Multi][7..])), "the index is stored");
            Assert.True(File.Exists(Path.Combine(blobs, registry.Images.Digests[hostTag][7..])), "the host's manifest is stored");
            Assert.False(File.Exists(Path.Combine(blobs, registry.Images.Digests[otherTag][7..])), "the other platform's manifest is not");
            Assert.True(File.Exists(Path.Combine(blobs, ConfigDigest(registry.Images, hostTag)[7..])), "the host's config is stored");
            Assert.False(File.Exists(Path.Combine(blobs, ConfigDigest(registry.Images, otherTag)[7..])), "the other platform's config is not");
        });
    }

    /// <summary>Serves <paramref name="tag"/> of the test layout as a registry repository on <paramref name="server"/>; blobs with <paramref name="blobBehavior"/>.</summary>
    internal static void ServeImage(FaultyHttpServer server, TestImages images, string tag, string repository, FaultBehavior blobBehavior)
    {
        var manifestDigest = images.Digests[tag];
        var manifest = File.ReadAllBytes(Blob(images, manifestDigest));
        server.Serve("/v2/" + repository + "/manifests/latest", manifest, new FaultBehavior
        {
            ContentType = "application/vnd.oci.image.manifest.v1+json",
            Headers = new Dictionary<string, string> { ["Docker-Content-Digest"] = manifestDigest },
        });
        var parsed = JsonNode.Parse(manifest)!;
        foreach (var digest in parsed["layers"]!.AsArray().Select(l => (string)l!["digest"]!).Append((string)parsed["config"]!["digest"]!))
        {
            server.Serve("/v2/" + repository + "/blobs/" + digest, File.ReadAllBytes(Blob(images, digest)), blobBehavior);
        }
    }

    private static string Blob(TestImages images, string digest) => Path.Combine(images.LayoutDirectory, "blobs", "sha256", digest[7..]);

    private static string ConfigDigest(TestImages images, string tag) =>
        (string)JsonNode.Parse(File.ReadAllBytes(Blob(images, images.Digests[tag])))!["config"]!["digest"]!;

    private static JsonObject AppJson(string id, string image, bool forcePull) => new()
    {
        ["id"] = id,
        ["cpus"] = 0.1,
        ["mem"] = 32,
        ["cmd"] = WhichImage,
        ["backoffSeconds"] = 60,
        ["container"] = new JsonObject
        {
            ["type"] = "DOCKER",
            ["docker"] = new JsonObject { ["image"] = image, ["forcePullImage"] = forcePull },
        },
    };

    /// <summary>Runs an app that prints which image it got, returns that line, and deletes the app.</summary>
    private static async Task<string> RunOnceAsync(RuntimeTestHost host, string id, string image, bool forcePull)
    {
        using (var response = await host.PostJsonAsync("v2/apps", AppJson(id, image, forcePull).ToJsonString()))
        {
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }

        var line = string.Empty;
        await RuntimeTestHost.WaitUntilAsync(async () =>
        {
            var app = await host.GetAppAsync(id);
            Assert.True(app["lastTaskFailure"] is null, "unexpected failure: " + app["lastTaskFailure"]?.ToJsonString());
            var task = (await host.GetJsonAsync("v2/apps" + id + "/tasks"))["tasks"]!.AsArray().SingleOrDefault();
            if ((string?)task?["state"] != "TASK_RUNNING")
            {
                return false;
            }

            line = (await host.Client.GetStringAsync("v2/tasks/" + (string)task!["id"]! + "/files/stdout")).Trim();
            return line.StartsWith("image=", StringComparison.Ordinal);
        }, id + " prints its image", TimeSpan.FromSeconds(60));
        await ContainerRuntimeHost.DeleteAppAsync(host.Client, id);
        return line;
    }

    private static async Task<string> WaitForFailureAsync(RuntimeTestHost host, string id)
    {
        JsonNode? failure = null;
        await RuntimeTestHost.WaitUntilAsync(async () => (failure = (await host.GetAppAsync(id))["lastTaskFailure"]) is not null, id + " failed", TimeSpan.FromSeconds(60));
        Assert.Equal("TASK_FAILED", (string?)failure!["state"]);
        return (string)failure["message"]!;
    }

    private async Task RunAsync(Dictionary<string, string?> extra, Func<RuntimeTestHost, Task> test)
    {
        var settings = ContainerRuntimeHost.Settings(registry.MirrorUrl, ContainerRuntimeHost.NewDataDirectory());
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

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
}
