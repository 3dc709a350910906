using System.CommandLine;

namespace Universe.Cli.Commands.Marathon;

/// <summary><c>dcos marathon app list|show|add|remove</c> (parsing only).</summary>
internal static class MarathonAppCommand
{
    public static Command Create(
        Func<AppListArgs, CancellationToken, Task<int>> list,
        Func<AppShowArgs, CancellationToken, Task<int>> show,
        Func<AppAddArgs, CancellationToken, Task<int>> add,
        Func<AppRemoveArgs, CancellationToken, Task<int>> remove) =>
        new("marathon", "Deploy and manage Marathon apps")
        {
            new Command("app", "Manage Marathon apps")
            {
                CreateList(list),
                CreateShow(show),
                CreateAdd(add),
                CreateRemove(remove),
            },
        };

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
