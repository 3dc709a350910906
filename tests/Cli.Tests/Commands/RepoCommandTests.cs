using System.Text.Json.Nodes;
using Universe.Cli.Tests.TestSupport;

namespace Universe.Cli.Tests.Commands;

public sealed class RepoCommandTests : StubCosmosTest
{
    [Fact]
    public async Task RepoList_Table_PrintsNameColonUri()
    {
        Server.OnCosmos("/package/repository/list", "package.repository.add-response.json", "package.repository.list-response");

        var exit = await Cli.RunAsync("package", "repo", "list");

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Equal("local: http://127.0.0.1:8085/repo.json\nUniverse: https://universe.mesosphere.com/repo\n", Cli.Stdout);
        Assert.Equal("{}", Server.Single("/package/repository/list").Body);
    }

    [Fact]
    public async Task RepoAdd_Index_SendsItAndPrintsNothing()
    {
        Server.OnCosmos("/package/repository/add", "package.repository.add-response.json", "package.repository.add-response");

        var exit = await Cli.RunAsync("package", "repo", "add", "local", "http://127.0.0.1:8085/repo.json", "--index", "0");

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Equal(string.Empty, Cli.Stdout + Cli.Stderr);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(GoldenFiles.Read("package.repository.add-request.json")), JsonNode.Parse(Server.Single("/package/repository/add").Body)));
    }

    [Fact]
    public async Task RepoRemove_SeveralNames_RemovesInOrder()
    {
        Server.OnCosmos("/package/repository/delete", "package.repository.delete-response.json", "package.repository.delete-response");

        var exit = await Cli.RunAsync("package", "repo", "remove", "a", "b");

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Equal(["""{"name":"a"}""", """{"name":"b"}"""], Server.Requests.Select(r => r.Body));
    }

    [Fact]
    public async Task RepoImport_File_AddsEachAtItsIndexAndSkipsIncompleteEntries()
    {
        Server.OnCosmos("/package/repository/add", "package.repository.add-response.json", "package.repository.add-response");
        using var dir = new TempDirectory();
        var file = dir.File("repos.json", """{"repositories":[{"name":"a","uri":"http://127.0.0.1:1/a"},{"name":"b"},{"name":"c","uri":"http://127.0.0.1:1/c"}]}""");

        var exit = await Cli.RunAsync("package", "repo", "import", file);

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Equal(
            "Added repo 'a' (http://127.0.0.1:1/a) at index 0\nRepo at index 1 is missing a name or uri, skipped\nAdded repo 'c' (http://127.0.0.1:1/c) at index 2\n",
            Cli.Stderr);
        Assert.Equal(["""{"name":"a","uri":"http://127.0.0.1:1/a","index":0}""", """{"name":"c","uri":"http://127.0.0.1:1/c","index":2}"""], Server.Requests.Select(r => r.Body));
    }

    [Fact]
    public async Task RepoImport_EmptyFile_Fails()
    {
        using var dir = new TempDirectory();
        var file = dir.File("repos.json", string.Empty);

        var exit = await Cli.RunAsync("package", "repo", "import", file);

        Assert.Equal(ExitCodes.Error, exit);
        Assert.Equal("Error: no repositories found to import\n", Cli.Stderr);
    }
}
