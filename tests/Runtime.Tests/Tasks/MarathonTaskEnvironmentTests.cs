using Universe.Runtime.Tasks;

namespace Universe.Runtime.Tests.Tasks;

public sealed class MarathonTaskEnvironmentTests
{
    private static TaskLaunchRequest Request(IReadOnlyDictionary<string, string>? labels = null, IReadOnlyDictionary<string, string>? env = null) =>
        new(
            "web.1234",
            "/prod/web",
            "2026-05-01T10:00:00.000Z",
            "run",
            null,
            env ?? new Dictionary<string, string>(),
            [],
            0.5,
            128,
            0,
            [31000, 31001],
            ["http", null],
            labels ?? new Dictionary<string, string>(),
            [],
            TimeSpan.FromSeconds(3),
            null,
            "agent-1.local");

    [Fact]
    public void Build_TwoPortsOneNamed_SetsMarathonPortVariables()
    {
        var env = MarathonTaskEnvironment.Build(Request(), "/sandbox/web.1234", "/bin");

        Assert.Equal("31000", env["PORT0"]);
        Assert.Equal("31001", env["PORT1"]);
        Assert.Equal("31000", env["PORT"]);
        Assert.Equal("31000,31001", env["PORTS"]);
        Assert.Equal("31000", env["PORT_HTTP"]);
        Assert.Equal("31001", env["PORT_31001"]);
    }

    [Fact]
    public void Build_AnyRequest_SetsTaskAppAndResourceVariables()
    {
        var env = MarathonTaskEnvironment.Build(Request(), "/sandbox/web.1234", "/bin");

        Assert.Equal("agent-1.local", env["HOST"]);
        Assert.Equal("/sandbox/web.1234", env["MESOS_SANDBOX"]);
        Assert.Equal("web.1234", env["MESOS_TASK_ID"]);
        Assert.Equal("/prod/web", env["MARATHON_APP_ID"]);
        Assert.Equal("2026-05-01T10:00:00.000Z", env["MARATHON_APP_VERSION"]);
        Assert.Equal("0.5", env["MARATHON_APP_RESOURCE_CPUS"]);
        Assert.Equal("128.0", env["MARATHON_APP_RESOURCE_MEM"]);
        Assert.Equal("0.0", env["MARATHON_APP_RESOURCE_DISK"]);
        Assert.Equal("0", env["MARATHON_APP_RESOURCE_GPUS"]);
        Assert.Equal("/bin", env["PATH"]);
    }

    [Fact]
    public void Build_AppEnvDefinesMarathonName_AppEnvWins()
    {
        var env = MarathonTaskEnvironment.Build(Request(env: new Dictionary<string, string> { ["PORT0"] = "80", ["FOO"] = "bar" }), "/s", null);

        Assert.Equal("80", env["PORT0"]);
        Assert.Equal("bar", env["FOO"]);
        Assert.Equal(MarathonTaskEnvironment.DefaultPath, env["PATH"]);
    }

    [Fact]
    public void LabelsToEnvironment_NamesWithPunctuation_EscapedAndUppercased()
    {
        var labels = new Dictionary<string, string> { ["DCOS_PACKAGE_NAME"] = "hello", ["com.example/some-label"] = "x", ["a..b"] = "y" };

        var env = MarathonTaskEnvironment.LabelsToEnvironment(labels).ToDictionary();

        Assert.Equal("A_B COM_EXAMPLE_SOME_LABEL DCOS_PACKAGE_NAME", env["MARATHON_APP_LABELS"]);
        Assert.Equal("hello", env["MARATHON_APP_LABEL_DCOS_PACKAGE_NAME"]);
        Assert.Equal("x", env["MARATHON_APP_LABEL_COM_EXAMPLE_SOME_LABEL"]);
        Assert.Equal("y", env["MARATHON_APP_LABEL_A_B"]);
    }

    [Fact]
    public void LabelsToEnvironment_TooLongValueOrName_Skipped()
    {
        var labels = new Dictionary<string, string>
        {
            ["big"] = new string('v', 512),
            [new string('n', 493)] = "v",
            ["ok"] = new string('v', 511),
            [new string('m', 492)] = "v",
        };

        var env = MarathonTaskEnvironment.LabelsToEnvironment(labels).ToDictionary();

        Assert.False(env.ContainsKey("MARATHON_APP_LABEL_BIG"));
        Assert.False(env.ContainsKey("MARATHON_APP_LABEL_" + new string('N', 493)));
        Assert.True(env.ContainsKey("MARATHON_APP_LABEL_OK"));
        Assert.True(env.ContainsKey("MARATHON_APP_LABEL_" + new string('M', 492)));
    }

    [Fact]
    public void LabelsToEnvironment_NoLabels_EmptyLabelList()
    {
        var env = MarathonTaskEnvironment.LabelsToEnvironment(new Dictionary<string, string>());

        Assert.Equal([new KeyValuePair<string, string>("MARATHON_APP_LABELS", string.Empty)], env);
    }

    [Theory]
    [InlineData(1.0, "1.0")]
    [InlineData(0.1, "0.1")]
    [InlineData(128, "128.0")]
    [InlineData(2.5, "2.5")]
    public void ScalaDouble_Value_FormatsLikeScala(double value, string expected)
    {
        Assert.Equal(expected, MarathonTaskEnvironment.ScalaDouble(value));
    }
}
