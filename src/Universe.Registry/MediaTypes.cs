namespace Universe.Registry;

/// <summary>The manifest, config and layer media types of Docker schema 2 and OCI images.</summary>
public static class MediaTypes
{
    public const string DockerManifest = "application/vnd.docker.distribution.manifest.v2+json";
    public const string DockerManifestList = "application/vnd.docker.distribution.manifest.list.v2+json";
    public const string DockerConfig = "application/vnd.docker.container.image.v1+json";
    public const string DockerLayer = "application/vnd.docker.image.rootfs.diff.tar.gzip";
    public const string DockerForeignLayer = "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip";
    public const string OciManifest = "application/vnd.oci.image.manifest.v1+json";
    public const string OciIndex = "application/vnd.oci.image.index.v1+json";
    public const string OciConfig = "application/vnd.oci.image.config.v1+json";
    public const string OciLayer = "application/vnd.oci.image.layer.v1.tar";
    public const string OciLayerGzip = "application/vnd.oci.image.layer.v1.tar+gzip";
    public const string OciLayerZstd = "application/vnd.oci.image.layer.v1.tar+zstd";

    /// <summary>The <c>Accept</c> list sent for manifests: every type this library understands (registry 2.8 refuses OCI otherwise).</summary>
    public static IReadOnlyList<string> ManifestAccept { get; } = [OciIndex, DockerManifestList, OciManifest, DockerManifest];

    /// <summary>True for a manifest list or an OCI index.</summary>
    public static bool IsIndex(string? mediaType) => mediaType is DockerManifestList or OciIndex;

    /// <summary>True for a single-image manifest (Docker schema 2 or OCI).</summary>
    public static bool IsManifest(string? mediaType) => mediaType is DockerManifest or OciManifest;

    /// <summary>True for a layer type this library can store and that the Runtime can unpack.</summary>
    public static bool IsLayer(string? mediaType) =>
        mediaType is DockerLayer or DockerForeignLayer or OciLayer or OciLayerGzip or OciLayerZstd
            or "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip"
            or "application/vnd.oci.image.layer.nondistributable.v1.tar";
}
