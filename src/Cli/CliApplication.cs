using System.CommandLine;
using Universe.Cli.Commands.Cluster;
using Universe.Cli.Commands.Completion;
using Universe.Cli.Commands.Marathon;
using Universe.Cli.Commands.Package;
using Universe.Cli.Commands.Plugins;
using Universe.Cli.Commands.Repo;
using Universe.Cli.Hosting;

namespace Universe.Cli;

/// <summary>Wires the commands to their runners and runs one invocation.</summary>
public static class CliApplication
{
    /// <summary>Parses and runs <paramref name="args"/>; usage errors print <c>Error: …</c> and return 2.</summary>
    public static async Task<int> InvokeAsync(CliHost host, IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        var (root, globals) = CreateRootCommand(host);
        if (IsPluginCandidate(root, args))
        {
            var plugin = FindPlugin(host, args[0]);
            if (plugin is not null)
            {
                return await host.RunAsync(() => new PluginLauncher(host.Console, PluginEnvironment(host)).RunAsync(plugin, [.. args.Skip(1)], cancellationToken));
            }
        }

        var parse = root.Parse(args);
        host.Globals = new GlobalArgs(parse.GetValue(globals.Url), parse.GetValue(globals.Verbose));
        var configuration = new InvocationConfiguration { Output = host.Console.Out, Error = host.Console.Error };
        if (parse.Errors.Count > 0)
        {
            var command = parse.CommandResult.Command;
            if (command.Action is null && command.Subcommands.Count > 0 && parse.UnmatchedTokens.Count == 0)
            {
                return await root.Parse([.. args, "--help"]).InvokeAsync(configuration, cancellationToken);
            }

            var errors = parse.UnmatchedTokens.Count > 0 && parse.Errors.Count > 1
                ? parse.Errors.Where(e => !e.Message.StartsWith("Required command", StringComparison.Ordinal))
                : parse.Errors;
            foreach (var error in errors)
            {
                host.Console.Error.WriteLine($"Error: {UsageMessage(error.Message, parse.UnmatchedTokens)}");
            }

            host.Console.Error.WriteLine($"Run '{CommandPath(command)} --help' for usage.");
            return ExitCodes.InvalidArguments;
        }

        return await parse.InvokeAsync(configuration, cancellationToken);
    }

    /// <summary>The whole command tree, each command's action running its runner through <paramref name="host"/>.</summary>
    internal static (RootCommand Root, GlobalOptions Globals) CreateRootCommand(CliHost host)
    {
        var globals = new GlobalOptions();
        var root = new RootCommand("dcos: manage packages and apps of a Universe (DC/OS Cosmos compatible) cluster")
        {
            globals.Url,
            globals.Verbose,
        };

        root.Add(ClusterSetupCommand.Create(Run<ClusterSetupArgs>(host, (a, ct) =>
            new ClusterSetupRunner(host.ConfigStore, host.Console, host.Environment, host.Globals.Url).RunAsync(a, ct))));
        root.Add(CreatePackageCommand(host));
        root.Add(MarathonAppCommand.Create(
            Run<AppListArgs>(host, (a, ct) => new MarathonAppRunner(host.CreateMarathonClient(), host.Console).ListAsync(a, ct)),
            Run<AppShowArgs>(host, (a, ct) => new MarathonAppRunner(host.CreateMarathonClient(), host.Console).ShowAsync(a, ct)),
            Run<AppAddArgs>(host, (a, ct) => new MarathonAppRunner(host.CreateMarathonClient(), host.Console).AddAsync(a, ct)),
            Run<AppRemoveArgs>(host, (a, ct) => new MarathonAppRunner(host.CreateMarathonClient(), host.Console).RemoveAsync(a, ct)),
            new MarathonAppLifecycleActions(
                Run<AppStartArgs>(host, (a, ct) => AppLifecycle(host).StartAsync(a, ct)),
                Run<AppStopArgs>(host, (a, ct) => AppLifecycle(host).StopAsync(a, ct)),
                Run<AppRestartArgs>(host, (a, ct) => AppLifecycle(host).RestartAsync(a, ct)),
                Run<AppUpdateArgs>(host, (a, ct) => AppLifecycle(host).UpdateAsync(a, ct)),
                Run<AppKillArgs>(host, (a, ct) => AppLifecycle(host).KillAsync(a, ct)))));
        root.Add(CompletionCommand.Create(Run<CompletionArgs>(host, (a, ct) => new CompletionRunner(root, host.Console, () => PluginCommands(host)).RunAsync(a, ct))));
        return (root, globals);
    }

    private static Command CreatePackageCommand(CliHost host) => new("package", "Install and manage packages")
    {
        PackageSearchCommand.Create(Run<PackageSearchArgs>(host, (a, ct) =>
            new PackageSearchRunner(host.CreateCosmosClient(), host.Console).RunAsync(a, ct))),
        PackageDescribeCommand.Create(Run<PackageDescribeArgs>(host, (a, ct) =>
            new PackageDescribeRunner(host.CreateCosmosClient(), host.Console).RunAsync(a, ct))),
        PackageInstallCommand.Create(Run<PackageInstallArgs>(host, (a, ct) =>
            new PackageInstallRunner(host.CreateCosmosClient(), host.CreateMarathonClient, Plugins(host), host.Console, host.Time).RunAsync(a, ct))),
        PackageUninstallCommand.Create(Run<PackageUninstallArgs>(host, (a, ct) =>
            new PackageUninstallRunner(host.CreateCosmosClient, Plugins(host), host.Console).RunAsync(a, ct))),
        PackageListCommand.Create(Run<PackageListArgs>(host, (a, ct) =>
            new PackageListRunner(host.CreateCosmosClient, Plugins(host), host.Console).RunAsync(a, ct))),
        PackageRenderCommand.Create(Run<PackageRenderArgs>(host, (a, ct) =>
            new PackageRenderRunner(host.CreateCosmosClient(), host.Console).RunAsync(a, ct))),
        PackageUpdateCommand.Create(Run<PackageUpdateArgs>(host, (a, ct) =>
            new PackageUpdateRunner(host.CreateCosmosClient(), host.CreateMarathonClient, host.Console, host.Time).RunAsync(a, ct))),
        PackageHistoryCommand.Create(Run<PackageHistoryArgs>(host, (a, ct) =>
            new PackageHistoryRunner(host.CreateCosmosClient(), host.Console).RunAsync(a, ct))),
        PackageRollbackCommand.Create(Run<PackageRollbackArgs>(host, (a, ct) =>
            new PackageRollbackRunner(host.CreateCosmosClient(), host.CreateMarathonClient, host.Console, host.Time).RunAsync(a, ct))),
        RepoCommand.Create(
            Run<RepoAddArgs>(host, (a, ct) => Repo(host).AddAsync(a, ct)),
            Run<RepoRemoveArgs>(host, (a, ct) => Repo(host).RemoveAsync(a, ct)),
            Run<RepoListArgs>(host, (a, ct) => Repo(host).ListAsync(a, ct)),
            Run<RepoImportArgs>(host, (a, ct) => Repo(host).ImportAsync(a, ct))),
    };

    /// <summary>An unknown first word may be an installed subcommand (<c>dcos &lt;command&gt; args…</c>).</summary>
    private static bool IsPluginCandidate(RootCommand root, IReadOnlyList<string> args) =>
        args.Count > 0
        && !args[0].StartsWith('-')
        && !root.Subcommands.Any(c => c.Name == args[0] || c.Aliases.Contains(args[0]));

    private static InstalledPlugin? FindPlugin(CliHost host, string command)
    {
        try
        {
            return Plugins(host).FindCommand(command);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The installed plugin commands (for completion); none when the plugin directory cannot be read.</summary>
    private static IReadOnlyList<string> PluginCommands(CliHost host)
    {
        try
        {
            return [.. Plugins(host).List().Select(p => p.Command).Distinct(StringComparer.Ordinal)];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    /// <summary>
    /// What a plugin finds in its environment, as the original core CLI sets it: <c>DCOS_URL</c> (the cluster),
    /// <c>DCOS_ACS_TOKEN</c> and <c>DCOS_TOKEN</c> (the token, when there is one), <c>DCOS_MARATHON_URL</c> and
    /// <c>DCOS_CLI_EXECUTABLE_PATH</c>. Without a configured cluster only the executable path.
    /// </summary>
    private static Dictionary<string, string> PluginEnvironment(CliHost host)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Environment.ProcessPath is { } executable)
        {
            environment["DCOS_CLI_EXECUTABLE_PATH"] = executable;
        }

        try
        {
            var cluster = host.ResolveCluster();
            environment["DCOS_URL"] = cluster.CosmosUrl.AbsoluteUri.TrimEnd('/');
            environment["DCOS_MARATHON_URL"] = cluster.MarathonUrl.AbsoluteUri.TrimEnd('/');
            if (!string.IsNullOrEmpty(cluster.Token))
            {
                environment["DCOS_ACS_TOKEN"] = cluster.Token;
                environment["DCOS_TOKEN"] = cluster.Token;
            }
        }
        catch (CliException)
        {
            // No cluster configured: the plugin may not need one.
        }

        return environment;
    }

    private static PluginStore Plugins(CliHost host) => PluginStore.ForConfigFile(host.ConfigStore.Path);

    private static MarathonAppLifecycleRunner AppLifecycle(CliHost host) => new(host.CreateMarathonClient(), host.Console);

    private static RepoRunner Repo(CliHost host) => new(host.CreateCosmosClient(), host.Console, host.Globals.Verbose);

    private static Func<TArgs, CancellationToken, Task<int>> Run<TArgs>(CliHost host, Func<TArgs, CancellationToken, Task<int>> body) =>
        (args, cancellationToken) => host.RunAsync(() => body(args, cancellationToken));

    private static string UsageMessage(string message, IReadOnlyList<string> unmatched) =>
        unmatched.Count > 0 && message.StartsWith("Unrecognized command or argument", StringComparison.Ordinal)
            ? $"unknown command or argument {unmatched[0]}"
            : message;

    private static string CommandPath(Command command)
    {
        var names = new List<string>();
        for (Command? c = command; c is not null and not RootCommand; c = c.Parents.OfType<Command>().FirstOrDefault())
        {
            names.Insert(0, c.Name);
        }

        return string.Join(' ', ["dcos", .. names]);
    }
}
