namespace Universe.Cosmos.Gui;

/// <summary>One static file of the web GUI, held in memory with its gzip form and a strong ETag.</summary>
internal sealed record GuiAsset(string Path, string ContentType, byte[] Content, byte[] Gzip, string ETag);
