using System.CommandLine;

namespace Universe.Cli.Commands.Repo;

/// <summary><c>dcos package repo add|remove|list|import</c> (parsing only).</summary>
internal static class RepoCommand
{
    public static Command Create(
        Func<RepoAddArgs, CancellationToken, Task<int>> add,
        Func<RepoRemoveArgs, CancellationToken, Task<int>> remove,
        Func<RepoListArgs, CancellationToken, Task<int>> list,
        Func<RepoImportArgs, CancellationToken, Task<int>> import) =>
        new("repo", "Manage the package repositories")
        {
            CreateAdd(add),
            CreateRemove(remove),
            CreateList(list),
            CreateImport(import),
        };

    private static Command CreateAdd(Func<RepoAddArgs, CancellationToken, Task<int>> run)
    {
        var name = new Argument<string>("repo-name") { Description = "The repository name" };
        var uri = new Argument<string>("repo-url") { Description = "The repository URI" };
        var index = new Option<int?>("--index") { Description = "Position in the list (0 = highest priority; default: last)" };
        var command = new Command("add", "Add a repository") { name, uri, index };
        command.SetAction((parse, ct) => run(new RepoAddArgs(parse.GetValue(name)!, parse.GetValue(uri)!, parse.GetValue(index)), ct));
        return command;
    }

    private static Command CreateRemove(Func<RepoRemoveArgs, CancellationToken, Task<int>> run)
    {
        var names = new Argument<string[]>("repo-names") { Description = "The repositories to remove", Arity = ArgumentArity.OneOrMore };
        var command = new Command("remove", "Remove repositories (in order; stops at the first error)") { names };
        command.SetAction((parse, ct) => run(new RepoRemoveArgs(parse.GetValue(names) ?? []), ct));
        return command;
    }

    private static Command CreateList(Func<RepoListArgs, CancellationToken, Task<int>> run)
    {
        var json = new Option<bool>("--json") { Description = "Print JSON" };
        var command = new Command("list", "List the repositories in priority order") { json };
        command.SetAction((parse, ct) => run(new RepoListArgs(parse.GetValue(json)), ct));
        return command;
    }

    private static Command CreateImport(Func<RepoImportArgs, CancellationToken, Task<int>> run)
    {
        var file = new Argument<string>("repo-file") { Description = "A file shaped like `repo list --json`" };
        var command = new Command("import", "Add the repositories of a file, each at its index") { file };
        command.SetAction((parse, ct) => run(new RepoImportArgs(parse.GetValue(file)!), ct));
        return command;
    }
}
