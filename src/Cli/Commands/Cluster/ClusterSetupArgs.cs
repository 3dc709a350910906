namespace Universe.Cli.Commands.Cluster;

internal sealed record ClusterSetupArgs(string? Url, string? Token, string? MarathonUrl);
