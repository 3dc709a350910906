namespace Universe.Cli.Tests.TestSupport;

/// <summary>The shared golden wire files of <c>tests/Golden</c> (copied next to the test assembly).</summary>
internal static class GoldenFiles
{
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "Golden");

    public static string Read(string name) => File.ReadAllText(Path.Combine(Directory, name));
}
