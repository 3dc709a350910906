namespace Universe.Cli.Commands.Repo;

internal sealed record RepoImportArgs(string File);
