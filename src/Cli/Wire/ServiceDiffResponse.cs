namespace Universe.Cli.Wire;

/// <summary><c>POST /service/diff</c> response.</summary>
public sealed record ServiceDiffResponse(
    string AppId,
    PackageVersionChange PackageVersion,
    IReadOnlyList<ValueChange> Options,
    IReadOnlyList<ValueChange> UserOptions,
    IReadOnlyList<ValueChange> App,
    string AppUnifiedDiff);
