using Microsoft.Extensions.Options;

namespace Universe.Cosmos.Repositories;

/// <summary>
/// The repository registered on first start, named <c>Universe</c>: <c>Cosmos:DefaultRepositoryUri</c>, or else the
/// bundled <c>universe/</c> tree found by walking up from the app's base directory and its content root to a directory
/// holding <c>universe/repo/packages</c>; null when neither exists.
/// </summary>
internal sealed class DefaultRepositoryLocator(IOptions<CosmosOptions> options, IHostEnvironment environment)
{
    public const string DefaultName = "Universe";

    public PackageRepository? Find()
    {
        if (!string.IsNullOrWhiteSpace(options.Value.DefaultRepositoryUri))
        {
            return new PackageRepository(DefaultName, options.Value.DefaultRepositoryUri.Trim());
        }

        foreach (var start in new[] { AppContext.BaseDirectory, environment.ContentRootPath })
        {
            for (var dir = string.IsNullOrEmpty(start) ? null : new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var universe = Path.Combine(dir.FullName, "universe");
                if (Directory.Exists(Path.Combine(universe, "repo", "packages")))
                {
                    return new PackageRepository(DefaultName, new Uri(universe).AbsoluteUri);
                }
            }
        }

        return null;
    }
}
