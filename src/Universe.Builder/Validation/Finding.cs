using System.Globalization;

namespace Universe.Builder.Validation;

/// <summary>How bad a finding is: errors are upstream CI's rules (a build refuses them), warnings what users hit at install time.</summary>
public enum FindingSeverity
{
    Error,
    Warning,
}

/// <summary>
/// One finding: the file (relative to the validated tree, <c>/</c> separators), the 1-based line when known, a stable
/// <see cref="Code"/> (see <see cref="FindingCodes"/>) and a message.
/// </summary>
public sealed record Finding(FindingSeverity Severity, string Code, string Path, int? Line, string Message)
{
    /// <summary><c>path:line: error|warning: CODE: message</c> (no <c>:line</c> when unknown), on one line.</summary>
    public override string ToString()
    {
        var location = Line is { } line ? $"{Path}:{line.ToString(CultureInfo.InvariantCulture)}" : Path;
        var severity = Severity == FindingSeverity.Error ? "error" : "warning";
        return $"{location}: {severity}: {Code}: {Message.ReplaceLineEndings(" ")}";
    }

    public static Finding Error(string code, string path, string message, int? line = null) => new(FindingSeverity.Error, code, path, line, message);

    public static Finding Warning(string code, string path, string message, int? line = null) => new(FindingSeverity.Warning, code, path, line, message);
}
