using Universe.Cli.Configuration;
using Universe.Cli.Hosting;
using Universe.Cli.Tests.TestSupport;

namespace Universe.Cli.Tests.Configuration;

public sealed class CliConfigStoreTests
{
    [Fact]
    public void Default_XdgConfigHome_IsUsed()
    {
        var store = CliConfigStore.Default(name => name == "XDG_CONFIG_HOME" ? "/x/config" : "/home/u");

        Assert.Equal("/x/config/universe/dcos.json", store.Path);
    }

    [Fact]
    public void Default_NoXdgConfigHome_UsesDotConfigUnderHome()
    {
        var store = CliConfigStore.Default(name => name == "HOME" ? "/home/u" : null);

        Assert.Equal("/home/u/.config/universe/dcos.json", store.Path);
    }

    [Fact]
    public void Save_ThenLoad_RoundTripsWithMode600AndNoTempFileLeft()
    {
        using var dir = new TempDirectory();
        var store = new CliConfigStore(Path.Combine(dir.Path, "universe", "dcos.json"));

        store.Save(new CliConfig("http://127.0.0.1:7070/", "s3cret", null));
        var loaded = store.Load();

        Assert.Equal(new CliConfig("http://127.0.0.1:7070/", "s3cret", null), loaded);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(store.Path));
        }

        Assert.Single(Directory.GetFiles(Path.Combine(dir.Path, "universe")));
    }

    [Fact]
    public void Load_MissingFile_IsEmpty()
    {
        Assert.Equal(new CliConfig(), new CliConfigStore("/nonexistent/dcos.json").Load());
    }

    [Fact]
    public void Resolve_Precedence_FlagThenEnvironmentThenFile()
    {
        var config = new CliConfig("http://file:1/", "file-token", null);
        var environment = new Dictionary<string, string?> { ["DCOS_URL"] = "http://env:2", ["DCOS_TOKEN"] = "env-token" };

        var fromFlag = ClusterSettings.Resolve("http://flag:3", environment.GetValueOrDefault, config);
        var fromEnvironment = ClusterSettings.Resolve(null, environment.GetValueOrDefault, config);
        var fromFile = ClusterSettings.Resolve(null, _ => null, config);

        Assert.Equal("http://flag:3/", fromFlag.CosmosUrl.AbsoluteUri);
        Assert.Equal("http://env:2/", fromEnvironment.CosmosUrl.AbsoluteUri);
        Assert.Equal("env-token", fromEnvironment.Token);
        Assert.Equal("http://file:1/", fromFile.CosmosUrl.AbsoluteUri);
        Assert.Equal("file-token", fromFile.Token);
        Assert.Equal("http://file:1/marathon/", fromFile.MarathonUrl.AbsoluteUri);
    }

    [Fact]
    public void Resolve_NothingConfigured_SaysHowToSetUp()
    {
        var error = Assert.Throws<CliException>(() => ClusterSettings.Resolve(null, _ => null, new CliConfig()));

        Assert.Contains("dcos cluster setup", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ftp://x")]
    [InlineData("not a url")]
    public void ParseBaseUrl_NotHttp_Fails(string text)
    {
        Assert.Throws<CliException>(() => ClusterSettings.ParseBaseUrl(text));
    }
}
