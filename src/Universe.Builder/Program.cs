using Universe.Builder.Build;

namespace Universe.Builder;

/// <summary>
/// <c>Universe.Builder build [--repository DIR] [--out-dir DIR]</c>: validates a universe tree (every revision
/// must decode) and writes its repo JSON. Exit codes: 0 built, 1 invalid packages, 2 usage.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length > 0 && args[0] == "mirror")
        {
            var runner = new Mirroring.MirrorRunner(Console.Out, Console.Error, !Console.IsErrorRedirected, TimeProvider.System);
            return await Mirroring.MirrorCommand.Create(runner.RunAsync).Parse(args[1..]).InvokeAsync();
        }

        if (args.Length > 0 && args[0] is "gc" or "export" or "import")
        {
            var root = new System.CommandLine.RootCommand
            {
                Bundles.GcCommand.Create(new Bundles.GcRunner(Console.Out, Console.Error).RunAsync),
                Transfer.TransferCommands.CreateExport(new Transfer.ExportRunner(Console.Out, Console.Error).RunAsync),
                Transfer.TransferCommands.CreateImport(new Transfer.ImportRunner(Console.Out, Console.Error).RunAsync),
            };
            return await root.Parse(args).InvokeAsync();
        }

        if (args.Length == 0 || args[0] != "build")
        {
            await Console.Error.WriteLineAsync("usage: Universe.Builder build [--repository DIR] [--out-dir DIR]");
            return 2;
        }

        var repository = Option(args, "--repository") ?? "universe";
        var outDir = Option(args, "--out-dir") ?? Path.Combine("target", "repo");
        PackageLoadResultView result;
        try
        {
            result = new(RepositoryBuilder.Load(repository, CancellationToken.None));
        }
        catch (DirectoryNotFoundException e)
        {
            await Console.Error.WriteLineAsync($"Error: {e.Message}");
            return 2;
        }

        foreach (var error in result.Value.Errors)
        {
            await Console.Error.WriteLineAsync($"Error: {error}");
        }

        if (result.Value.Errors.Count > 0)
        {
            return 1;
        }

        var written = await RepositoryBuilder.WriteAsync(result.Value.Packages, outDir, CancellationToken.None);
        Console.WriteLine($"{result.Value.Packages.Count} revisions -> {string.Join(", ", written)}");
        return 0;
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private readonly record struct PackageLoadResultView(Universe.Cosmos.Packages.PackageLoadResult Value);
}
