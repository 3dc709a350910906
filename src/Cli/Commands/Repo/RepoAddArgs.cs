namespace Universe.Cli.Commands.Repo;

internal sealed record RepoAddArgs(string Name, string Uri, int? Index);
