using Universe.Cosmos.Packages;

namespace Universe.Builder.Validation;

/// <summary>
/// The findings of one validation run (sorted by path, line, code) and the revisions that decoded (sorted by name, then
/// releaseVersion), which <c>build</c> uses without reading the tree again.
/// </summary>
public sealed record ValidationResult(int Revisions, IReadOnlyList<Finding> Findings, IReadOnlyList<PackageDefinition> Packages, IReadOnlyList<string> SchemasFromTree)
{
    public int Errors => Findings.Count(f => f.Severity == FindingSeverity.Error);
    public int Warnings => Findings.Count(f => f.Severity == FindingSeverity.Warning);

    /// <summary>How many findings each code has, in code order.</summary>
    public IReadOnlyList<KeyValuePair<string, int>> CountsByCode() =>
        [.. Findings.GroupBy(f => f.Code, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => KeyValuePair.Create(g.Key, g.Count()))];
}
