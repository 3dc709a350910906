namespace Universe.Builder.Tests.TestSupport;

/// <summary>Paths in the checkout: the bundled <c>universe/</c>.</summary>
internal static class Paths
{
    public static string BundledUniverse { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "universe", "repo", "packages");
            if (Directory.Exists(candidate))
            {
                return Path.Combine(dir.FullName, "universe");
            }
        }

        throw new DirectoryNotFoundException("The bundled universe/ was not found above the test binaries.");
    }
}
