namespace Universe.Cli.Commands.Repo;

internal sealed record RepoListArgs(bool Json);
