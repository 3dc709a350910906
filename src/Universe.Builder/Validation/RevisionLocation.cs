namespace Universe.Builder.Validation;

/// <summary>One revision directory of a tree: its absolute <see cref="Directory"/> and the <see cref="DisplayDirectory"/> findings name.</summary>
public sealed record RevisionLocation(string Letter, string Name, long ReleaseVersion, string Directory, string DisplayDirectory)
{
    /// <summary>The display path of <paramref name="file"/> in this revision.</summary>
    public string Display(string file) => $"{DisplayDirectory}/{file}";
}
