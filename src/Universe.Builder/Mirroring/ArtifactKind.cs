namespace Universe.Builder.Mirroring;

/// <summary>Where in a package an HTTP resource is referenced.</summary>
public enum ArtifactKind
{
    /// <summary><c>resource.assets.uris.*</c></summary>
    Asset,

    /// <summary><c>resource.images.icon-*</c></summary>
    Icon,

    /// <summary><c>resource.images.screenshots[]</c></summary>
    Screenshot,

    /// <summary><c>resource.cli.binaries.&lt;os&gt;.&lt;arch&gt;.url</c></summary>
    Cli,

    /// <summary>A URL line of <c>command.json</c> <c>pip</c></summary>
    Pip,
}
