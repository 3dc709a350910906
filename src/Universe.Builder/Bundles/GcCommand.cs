using System.CommandLine;

namespace Universe.Builder.Bundles;

/// <summary><c>universe gc &lt;bundle&gt; [--dry-run]</c>: removes blobs the bundle manifest no longer references.</summary>
public static class GcCommand
{
    public static Command Create(Func<GcArgs, CancellationToken, Task<int>> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var bundle = new Argument<string>("bundle") { Description = "Bundle directory" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Only print what would be removed" };
        var command = new Command("gc", "Remove blobs no longer referenced by the bundle manifest (and stale partial downloads)") { bundle, dryRun };
        command.SetAction((parse, ct) => run(new GcArgs(parse.GetValue(bundle)!, parse.GetValue(dryRun)), ct));
        return command;
    }
}

public sealed record GcArgs(string Bundle, bool DryRun);
