using System.CommandLine;
using Universe.Builder.Build;
using Universe.Builder.Bundles;
using Universe.Builder.Certificates;
using Universe.Builder.Mirroring;
using Universe.Builder.Serving;
using Universe.Builder.Transfer;
using Universe.Builder.Validation;

namespace Universe.Builder;

/// <summary>Wires the verbs to their runners and runs one invocation (usage errors exit 2).</summary>
public static class BuilderApplication
{
    /// <summary>Parses and runs <paramref name="args"/>.</summary>
    public static async Task<int> InvokeAsync(BuilderConsole console, IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(console);
        var root = CreateRootCommand(console);
        var parse = root.Parse(args);
        var configuration = new InvocationConfiguration { Output = console.Out, Error = console.Error };
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await console.Error.WriteLineAsync($"Error: {error.Message}");
            }

            await console.Error.WriteLineAsync($"Run '{CommandPath(parse.CommandResult.Command)} --help' for usage.");
            return ExitCodes.Usage;
        }

        return await parse.InvokeAsync(configuration, cancellationToken);
    }

    /// <summary>The command tree. One line per verb: add yours here.</summary>
    public static RootCommand CreateRootCommand(BuilderConsole console)
    {
        var root = new RootCommand("universe: validate, build and serve DC/OS Universe package trees");
        root.Add(BuildCommand.Create((a, ct) => new BuildRunner(console).RunAsync(a, ct)));
        root.Add(ValidateCommand.Create((a, ct) => new ValidateRunner(console).RunAsync(a, ct)));
        root.Add(ServeCommand.Create((a, ct) => new ServeRunner(console).RunAsync(a, ct)));
        root.Add(MirrorCommand.Create((a, ct) => new MirrorRunner(console.Out, console.Error, !Console.IsErrorRedirected && ReferenceEquals(console, BuilderConsole.System), TimeProvider.System).RunAsync(a, ct)));
        root.Add(GcCommand.Create((a, ct) => new GcRunner(console.Out, console.Error).RunAsync(a, ct)));
        root.Add(TransferCommands.CreateExport((a, ct) => new ExportRunner(console.Out, console.Error).RunAsync(a, ct)));
        root.Add(TransferCommands.CreateImport((a, ct) => new ImportRunner(console.Out, console.Error).RunAsync(a, ct)));
        root.Add(CertsCommand.Create(console, TimeProvider.System));
        return root;
    }

    private static string CommandPath(Command command)
    {
        var names = new List<string>();
        for (Symbol? symbol = command; symbol is Command c; symbol = c.Parents.FirstOrDefault())
        {
            names.Insert(0, c is RootCommand ? "universe" : c.Name);
        }

        return string.Join(' ', names);
    }
}
