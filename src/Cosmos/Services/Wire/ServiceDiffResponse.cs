namespace Universe.Cosmos.Services.Wire;

/// <summary>
/// <c>service.diff-response</c> v1: what <c>service/update</c> would change, computed without applying anything.
/// <see cref="Options"/> over the resolved options, <see cref="UserOptions"/> over the user's, <see cref="App"/> over
/// the rendered Marathon app (the <c>DCOS_PACKAGE_CHANGE</c> label left out), <see cref="AppUnifiedDiff"/> the same
/// as a unified diff of the pretty-printed apps (empty when equal).
/// </summary>
public sealed record ServiceDiffResponse(
    string AppId,
    PackageVersionChange PackageVersion,
    IReadOnlyList<ValueChange> Options,
    IReadOnlyList<ValueChange> UserOptions,
    IReadOnlyList<ValueChange> App,
    string AppUnifiedDiff);
