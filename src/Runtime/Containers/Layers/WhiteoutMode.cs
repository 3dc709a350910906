namespace Universe.Runtime.Containers.Layers;

/// <summary>How a layer's whiteouts are written.</summary>
internal enum WhiteoutMode
{
    /// <summary>Each layer in its own directory, whiteouts as overlayfs wants them (a 0:0 device, an opaque xattr). Needs root.</summary>
    Overlay,

    /// <summary>Layers applied in order onto one rootfs: whiteouts delete what lower layers wrote.</summary>
    Apply,
}
