using System.Net;
using Universe.Cosmos.Repositories;

namespace Universe.Cosmos.Tests.Repositories;

public sealed class RepositoryEndpointsTests
{
    [Fact]
    public async Task List_FirstStart_HasDefaultRepositoryLoaded()
    {
        var host = await RepositoryTestHost.StartAsync();
        try
        {
            var (status, body) = await RepositoryRpc.PostAsync(host.Client, "list", new { });

            Assert.Equal(HttpStatusCode.OK, status);
            var entry = Assert.Single(body["repositories"]!.AsArray())!;
            Assert.Equal("Universe", entry["name"]!.GetValue<string>());
            Assert.Equal(host.DefaultTree, entry["uri"]!.GetValue<string>());
            Assert.Equal("ok", entry["status"]!["state"]!.GetValue<string>());
            Assert.Equal(3, entry["status"]!["packages"]!.GetValue<int>());
        }
        finally
        {
            await host.DisposeAllAsync();
        }
    }

    [Fact]
    public async Task Add_WithIndex_InsertsAtThatPriority()
    {
        var host = await RepositoryTestHost.StartAsync();
        try
        {
            var first = host.Tree("first", ("gamma", 0));
            var last = host.Tree("last", ("delta", 0));
            var middle = host.Tree("middle", ("epsilon", 0));

            var (addStatus, _) = await RepositoryRpc.PostAsync(host.Client, "add", new { name = "First", uri = first, index = 0 });
            await RepositoryRpc.PostAsync(host.Client, "add", new { name = "Last", uri = last });
            var (_, body) = await RepositoryRpc.PostAsync(host.Client, "add", new { name = "Middle", uri = middle, index = 2 });

            Assert.Equal(HttpStatusCode.OK, addStatus);
            Assert.Equal(["First", "Universe", "Middle", "Last"], RepositoryRpc.Names(body));
            var snapshot = await host.Registry.GetAsync(CancellationToken.None);
            Assert.Equal(["gamma"], snapshot.Repositories[0].Packages.Select(p => p.Name));
            Assert.Equal([0, 1, 2, 3], snapshot.Repositories.Select(r => r.Index));
        }
        finally
        {
            await host.DisposeAllAsync();
        }
    }

    [Fact]
    public async Task Delete_ByName_ReturnsRemainingList()
    {
        var host = await RepositoryTestHost.StartAsync();
        try
        {
            await RepositoryRpc.PostAsync(host.Client, "add", new { name = "Other", uri = host.Tree("other", ("gamma", 0)) });

            var (status, body) = await RepositoryRpc.PostAsync(host.Client, "delete", new { name = "Universe" });

            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal(["Other"], RepositoryRpc.Names(body));
            Assert.Equal(["gamma"], host.Registry.Current.Repositories.Single().Packages.Select(p => p.Name));
        }
        finally
        {
            await host.DisposeAllAsync();
        }
    }

    [Fact]
    public async Task Restart_AfterChanges_KeepsTheSavedList()
    {
        var host = await RepositoryTestHost.StartAsync();
        var temp = host.Temp;
        try
        {
            await RepositoryRpc.PostAsync(host.Client, "add", new { name = "Other", uri = host.Tree("other", ("gamma", 0)), index = 0 });
            await RepositoryRpc.PostAsync(host.Client, "delete", new { name = "Universe" });
            await host.DisposeAsync();

            host = await RepositoryTestHost.StartAsync(temp: temp);
            var (_, body) = await RepositoryRpc.PostAsync(host.Client, "list", new { });

            Assert.Equal(["Other"], RepositoryRpc.Names(body));
            Assert.Equal(["gamma"], host.Registry.Current.Repositories.Single().Packages.Select(p => p.Name));
            Assert.Empty(Directory.GetFiles(host.DataDirectory, "*.tmp"));
        }
        finally
        {
            await host.DisposeAllAsync();
        }
    }

    [Fact]
    public async Task Add_DuplicateName_Answers400RepositoryAlreadyPresent()
    {
        var host = await RepositoryTestHost.StartAsync();
        try
        {
            var (status, body) = await RepositoryRpc.PostAsync(host.Client, "add", new { name = "Universe", uri = host.Tree("other", ("gamma", 0)) });

            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.Equal("RepositoryAlreadyPresent", body["type"]!.GetValue<string>());
            Assert.Equal("Repository name [Universe] is already present in the list", body["message"]!.GetValue<string>());
            Assert.Equal("""{"name":"Universe"}""", body["data"]!.ToJsonString());
        }
        finally
        {
            await host.DisposeAllAsync();
        }
    }

    [Fact]
    public async Task Add_LocalPathWhenLocalRepositoriesDisallowed_Answers400UnsupportedRepositoryUri()
    {
        var host = await RepositoryTestHost.StartAsync(new() { ["Cosmos:AllowLocalRepositories"] = "false" });
        try
        {
            var uri = host.Tree("other", ("gamma", 0));

            var (status, body) = await RepositoryRpc.PostAsync(host.Client, "add", new { name = "Other", uri });

            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.Equal("UnsupportedRepositoryUri", body["type"]!.GetValue<string>());
            Assert.Equal($"Repository URI [{uri}] uses an unsupported scheme. Only http and https are supported", body["message"]!.GetValue<string>());
            Assert.Equal(["Universe"], host.Registry.Current.Repositories.Select(r => r.Name));
            Assert.Equal(RepositoryStatus.Ok, (await host.Registry.ListAsync(CancellationToken.None)).Single().Status.State);
        }
        finally
        {
            await host.DisposeAllAsync();
        }
    }

    [Fact]
    public async Task AddAndDelete_WithoutTheConfiguredToken_Answer401AndChangeNothing()
    {
        var host = await RepositoryTestHost.StartAsync(new() { ["Cosmos:Auth:Token"] = "s3cret" });
        try
        {
            var (addStatus, _) = await RepositoryRpc.PostAsync(host.Client, "add", new { name = "Other", uri = host.Tree("other", ("gamma", 0)) });
            var (deleteStatus, _) = await RepositoryRpc.PostAsync(host.Client, "delete", new { name = "Universe" });
            var (anonymousListStatus, _) = await RepositoryRpc.PostAsync(host.Client, "list", new { });
            host.Client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "token=s3cret");
            var (listStatus, body) = await RepositoryRpc.PostAsync(host.Client, "list", new { });

            Assert.Equal(HttpStatusCode.Unauthorized, addStatus);
            Assert.Equal(HttpStatusCode.Unauthorized, deleteStatus);
            Assert.Equal(HttpStatusCode.Unauthorized, anonymousListStatus);
            Assert.Equal(HttpStatusCode.OK, listStatus);
            Assert.Equal(["Universe"], RepositoryRpc.Names(body));
        }
        finally
        {
            await host.DisposeAllAsync();
        }
    }
}
