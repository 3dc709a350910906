using Microsoft.Extensions.Logging;

namespace Universe.Registry;

public sealed partial class RegistryClient
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "Registry {Authority} answered {Status}")]
    private partial void LogResponse(string authority, int status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Retrying request to {Authority} (attempt {Attempt}) after {Reason}")]
    private partial void LogRetry(string authority, int attempt, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Mirror {Authority} failed ({Kind}); trying the next registry")]
    private partial void LogMirrorFailed(string authority, RegistryErrorKind kind);
}
