using System.CommandLine;

namespace Universe.Cli.Commands.Marathon;

/// <summary><c>dcos marathon app list|show|add|remove|start|stop|restart|update|kill</c> (parsing only).</summary>
internal static class MarathonAppCommand
{
    public static Command Create(
        Func<AppListArgs, CancellationToken, Task<int>> list,
        Func<AppShowArgs, CancellationToken, Task<int>> show,
        Func<AppAddArgs, CancellationToken, Task<int>> add,
        Func<AppRemoveArgs, CancellationToken, Task<int>> remove,
        MarathonAppLifecycleActions lifecycle) =>
        new("marathon", "Deploy and manage Marathon apps")
        {
            new Command("app", "Manage Marathon apps")
            {
                CreateList(list),
                CreateShow(show),
                CreateAdd(add),
                CreateRemove(remove),
                CreateStart(lifecycle.Start),
                CreateStop(lifecycle.Stop),
                CreateRestart(lifecycle.Restart),
                CreateUpdate(lifecycle.Update),
                CreateKill(lifecycle.Kill),
            },
        };

    private static Command CreateStart(Func<AppStartArgs, CancellationToken, Task<int>> run)
    {
        var appId = new Argument<string>("app-id") { Description = "The app id" };
        var instances = new Argument<int>("instances") { Description = "Number of instances to start", Arity = ArgumentArity.ZeroOrOne, DefaultValueFactory = _ => 1 };
        var force = Force();
        var command = new Command("start", "Start an app (scale a stopped app up)") { appId, instances, force };
        command.SetAction((parse, ct) => run(new AppStartArgs(parse.GetValue(appId)!, parse.GetValue(instances), parse.GetValue(force)), ct));
        return command;
    }

    private static Command CreateStop(Func<AppStopArgs, CancellationToken, Task<int>> run)
    {
        var appId = new Argument<string>("app-id") { Description = "The app id" };
        var force = Force();
        var command = new Command("stop", "Stop an app (scale it to 0 instances)") { appId, force };
        command.SetAction((parse, ct) => run(new AppStopArgs(parse.GetValue(appId)!, parse.GetValue(force)), ct));
        return command;
    }

    private static Command CreateRestart(Func<AppRestartArgs, CancellationToken, Task<int>> run)
    {
        var appId = new Argument<string>("app-id") { Description = "The app id" };
        var force = Force();
        var command = new Command("restart", "Restart every task of an app") { appId, force };
        command.SetAction((parse, ct) => run(new AppRestartArgs(parse.GetValue(appId)!, parse.GetValue(force)), ct));
        return command;
    }

    private static Command CreateUpdate(Func<AppUpdateArgs, CancellationToken, Task<int>> run)
    {
        var appId = new Argument<string>("app-id") { Description = "The app id" };
        var properties = new Argument<string[]>("properties")
        {
            Description = "Properties as <key>=<value> (JSON values allowed, e.g. cpus=2.0 env='{\"A\":\"b\"}'); default: a JSON object on standard input",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var force = Force();
        var command = new Command("update", "Update an app's properties") { appId, properties, force };
        command.SetAction((parse, ct) => run(new AppUpdateArgs(parse.GetValue(appId)!, parse.GetValue(properties) ?? [], parse.GetValue(force)), ct));
        return command;
    }

    private static Command CreateKill(Func<AppKillArgs, CancellationToken, Task<int>> run)
    {
        var appId = new Argument<string>("app-id") { Description = "The app id" };
        var scale = new Option<bool>("--scale") { Description = "Scale the app down by the number of tasks killed" };
        var host = new Option<string?>("--host") { Description = "Kill only the tasks on this host" };
        var command = new Command("kill", "Kill the tasks of an app") { appId, scale, host };
        command.SetAction((parse, ct) => run(new AppKillArgs(parse.GetValue(appId)!, parse.GetValue(scale), parse.GetValue(host)), ct));
        return command;
    }

    private static Option<bool> Force() => new("--force") { Description = "Override a running deployment" };

    private static Command CreateList(Func<AppListArgs, CancellationToken, Task<int>> run)
    {
        var json = new Option<bool>("--json") { Description = "Print the apps as JSON" };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Print only the app ids" };
        var command = new Command("list", "List the apps") { json, quiet };
        command.SetAction((parse, ct) => run(new AppListArgs(parse.GetValue(json), parse.GetValue(quiet)), ct));
        return command;
    }

    private static Command CreateShow(Func<AppShowArgs, CancellationToken, Task<int>> run)
    {
        var appId = new Argument<string>("app-id") { Description = "The app id" };
        var command = new Command("show", "Show an app") { appId };
        command.SetAction((parse, ct) => run(new AppShowArgs(parse.GetValue(appId)!), ct));
        return command;
    }

    private static Command CreateAdd(Func<AppAddArgs, CancellationToken, Task<int>> run)
    {
        var resource = new Argument<string?>("app-resource")
        {
            Description = "A JSON file with the app definition (default: standard input)",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var command = new Command("add", "Add an app") { resource };
        command.SetAction((parse, ct) => run(new AppAddArgs(parse.GetValue(resource)), ct));
        return command;
    }

    private static Command CreateRemove(Func<AppRemoveArgs, CancellationToken, Task<int>> run)
    {
        var appId = new Argument<string>("app-id") { Description = "The app id" };
        var force = new Option<bool>("--force") { Description = "Override a running deployment" };
        var command = new Command("remove", "Remove an app") { appId, force };
        command.SetAction((parse, ct) => run(new AppRemoveArgs(parse.GetValue(appId)!, parse.GetValue(force)), ct));
        return command;
    }
}
