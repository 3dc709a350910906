using Universe.Cli.Hosting;

namespace Universe.Cli;

/// <summary>The <c>dcos</c> entry point.</summary>
public static class Program
{
    public static Task<int> Main(string[] args) =>
        CliApplication.InvokeAsync(CliHost.CreateDefault(), args, CancellationToken.None);
}
