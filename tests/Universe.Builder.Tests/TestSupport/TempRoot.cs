namespace Universe.Builder.Tests.TestSupport;

/// <summary>A temp directory a test class owns, removed at its end.</summary>
public sealed class TempRoot(string prefix) : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory(prefix).FullName;

    public string In(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
