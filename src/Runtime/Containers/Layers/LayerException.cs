namespace Universe.Runtime.Containers.Layers;

/// <summary>A layer that is refused: an unsafe entry (escaping path, link or device node), bad compression or a digest mismatch.</summary>
internal sealed class LayerException(string message) : Exception(message);
