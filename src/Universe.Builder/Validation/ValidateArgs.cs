namespace Universe.Builder.Validation;

/// <summary>Output formats of <c>universe validate</c>.</summary>
public enum FindingFormat
{
    Text,
    Json,
}

/// <summary>Arguments of <c>universe validate</c>.</summary>
public sealed record ValidateArgs(string Repository, FindingFormat Format, bool WarningsAsErrors);
