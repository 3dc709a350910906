using System.CommandLine;

namespace Universe.Cli.Commands.Cluster;

/// <summary><c>dcos cluster setup &lt;url&gt; [--token t|-] [--marathon-url u]</c>.</summary>
internal static class ClusterSetupCommand
{
    public static Command Create(Func<ClusterSetupArgs, CancellationToken, Task<int>> run)
    {
        var url = new Argument<string?>("url")
        {
            Description = "The Cosmos URL, e.g. http://127.0.0.1:7070 (default: --url or DCOS_URL)",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var token = new Option<string?>("--token") { Description = "A bearer token for Cosmos ('-' reads it from standard input)" };
        var marathonUrl = new Option<string?>("--marathon-url") { Description = "The Marathon URL (default: <url>/marathon)" };
        var setup = new Command("setup", "Configure the cluster this CLI talks to") { url, token, marathonUrl };
        setup.SetAction((parse, ct) => run(
            new ClusterSetupArgs(parse.GetValue(url), parse.GetValue(token), parse.GetValue(marathonUrl)), ct));
        return new Command("cluster", "Configure the cluster") { setup };
    }
}
