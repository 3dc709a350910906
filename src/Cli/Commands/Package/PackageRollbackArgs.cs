namespace Universe.Cli.Commands.Package;

internal sealed record PackageRollbackArgs(string AppId, int? Revision, bool Yes, bool Wait, TimeSpan WaitTimeout, bool Json);
