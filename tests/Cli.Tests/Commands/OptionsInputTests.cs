using System.Text.Json.Nodes;
using Universe.Cli.Commands.Package;
using Universe.Cli.Hosting;
using Universe.Cli.Tests.TestSupport;

namespace Universe.Cli.Tests.Commands;

public sealed class OptionsInputTests
{
    [Theory]
    [InlineData("8080", "8080")]
    [InlineData("true", "true")]
    [InlineData("1.5", "1.5")]
    [InlineData("null", "null")]
    [InlineData("\"quoted\"", "\"quoted\"")]
    [InlineData("[1,2]", "[1,2]")]
    [InlineData("{\"a\":1}", "{\"a\":1}")]
    [InlineData("hello", "\"hello\"")]
    [InlineData("", "\"\"")]
    [InlineData("1.2.3", "\"1.2.3\"")]
    [InlineData("a=b", "\"a=b\"")]
    public void Apply_Value_IsJsonWhenValidElseString(string value, string expectedJson)
    {
        var options = new JsonObject();

        OptionsInput.Apply(options, "key=" + value);

        Assert.Equal($"{{\"key\":{expectedJson}}}", options.ToJsonString());
    }

    [Fact]
    public void Load_FileThenOverrides_MergesNestedPaths()
    {
        using var dir = new TempDirectory();
        var file = dir.File("options.json", """{"service":{"name":"a","cpus":1},"port":80}""");

        var options = OptionsInput.Load(file, ["service.cpus=2", "service.user.name=nobody", "port=8080"]);

        Assert.Equal("""{"service":{"name":"a","cpus":2,"user":{"name":"nobody"}},"port":8080}""", options!.ToJsonString());
    }

    [Fact]
    public void Load_NoFileNoOverrides_IsNull()
    {
        Assert.Null(OptionsInput.Load(null, []));
    }

    [Fact]
    public void Load_MissingFile_FailsWithTheOriginalMessage()
    {
        var error = Assert.Throws<CliException>(() => OptionsInput.Load("/nonexistent/options.json", []));

        Assert.Equal("couldn't find options file '/nonexistent/options.json'", error.Message);
    }

    [Fact]
    public void Load_FileWithAnArray_Fails()
    {
        using var dir = new TempDirectory();
        var file = dir.File("options.json", "[1]");

        var error = Assert.Throws<CliException>(() => OptionsInput.Load(file, []));

        Assert.Contains("must contain a JSON object", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("novalue")]
    [InlineData("=x")]
    [InlineData("a..b=1")]
    public void Apply_MalformedAssignment_IsAUsageError(string assignment)
    {
        var error = Assert.Throws<CliException>(() => OptionsInput.Apply([], assignment));

        Assert.Equal(ExitCodes.InvalidArguments, error.ExitCode);
    }
}
