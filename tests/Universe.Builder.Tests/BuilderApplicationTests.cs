namespace Universe.Builder.Tests;

public sealed class BuilderApplicationTests
{
    [Theory]
    [InlineData("--help")]
    [InlineData("build --help")]
    [InlineData("validate --help")]
    [InlineData("serve --help")]
    public async Task Invoke_Help_PrintsUsageAndExits0(string commandLine)
    {
        var (code, output, _) = await InvokeAsync(commandLine);

        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("Usage:", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("bogus")]
    [InlineData("build --repository x")]
    [InlineData("build --out-dir y")]
    [InlineData("build --repository x --out-dir y --dcos-versions 1.x")]
    [InlineData("validate")]
    [InlineData("validate --repository x --format yaml")]
    [InlineData("serve --nope")]
    public async Task Invoke_BadCommandLine_Exits2WithErrorAndHint(string commandLine)
    {
        var (code, _, error) = await InvokeAsync(commandLine);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("Error: ", error, StringComparison.Ordinal);
        Assert.Contains("--help' for usage.", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("build --repository {0} --out-dir {0}/out")]
    [InlineData("validate --repository {0}")]
    [InlineData("serve --repository {0} --urls http://127.0.0.1:0")]
    public async Task Invoke_RepositoryWithoutTree_Exits2(string commandLine)
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-such-universe-" + Guid.NewGuid().ToString("N"));

        var (code, _, error) = await InvokeAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, commandLine, missing));

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("no universe tree", error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void CreateRootCommand_HasTheVerbs()
    {
        var root = BuilderApplication.CreateRootCommand(new BuilderConsole(TextWriter.Null, TextWriter.Null));

        Assert.Equal(["build", "validate", "serve", "mirror", "gc", "export", "import", "certs"], root.Subcommands.Select(c => c.Name));
    }

    internal static async Task<(int Code, string Output, string Error)> InvokeAsync(string commandLine)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var args = commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var code = await BuilderApplication.InvokeAsync(new BuilderConsole(output, error), args, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }
}
