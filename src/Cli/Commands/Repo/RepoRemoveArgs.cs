namespace Universe.Cli.Commands.Repo;

internal sealed record RepoRemoveArgs(IReadOnlyList<string> Names);
