namespace Universe.Cosmos.Repositories;

internal sealed partial class RepositoryRegistry
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Repository {Name} added ({Uri}, {Packages} packages)")]
    private partial void LogAdded(string name, string uri, int packages);

    [LoggerMessage(Level = LogLevel.Information, Message = "Repository {NameOrUri} deleted")]
    private partial void LogDeleted(string nameOrUri);

    [LoggerMessage(Level = LogLevel.Information, Message = "First start: registering the default repository Universe at {Uri}")]
    private partial void LogDefault(string uri);

    [LoggerMessage(Level = LogLevel.Warning, Message = "First start: no default repository found (set Cosmos:DefaultRepositoryUri); starting with an empty repository list")]
    private partial void LogNoDefault();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Repository {Name} failed to load: {Reason}")]
    private partial void LogFailed(string name, string? reason);
}
