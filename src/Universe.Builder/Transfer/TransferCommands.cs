using System.CommandLine;
using Universe.Builder.Mirroring;

namespace Universe.Builder.Transfer;

/// <summary>The <c>export</c> and <c>import</c> verbs (parsing only).</summary>
public static class TransferCommands
{
    public static Command CreateExport(Func<ExportArgs, CancellationToken, Task<int>> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var bundle = new Argument<string>("bundle") { Description = "Bundle directory" };
        var output = new Option<string>("--output", "-o") { Description = "Export file (with --split-size: FILE.000, FILE.001, …)", Required = true };
        var split = new Option<string?>("--split-size") { Description = "Largest part, e.g. 700M or 4G; a part is never over 4 GiB - 1 byte (FAT32's largest file), so 4G and more mean 4294967295 bytes" };
        var sign = new Option<string?>("--sign-key") { Description = "PEM ECDSA private key to sign the manifest with" };
        var since = new Option<string?>("--since") { Description = "The other side's bundle.json: export only the blobs it lacks" };
        var command = new Command("export", "Write a bundle into one uncompressed tar for removable media") { bundle, output, split, sign, since };
        command.SetAction(async (parse, ct) =>
        {
            long? size = null;
            if (parse.GetValue(split) is { } text)
            {
                if (!ByteSize.TryParse(text, out size) || size < 1024 * 1024)
                {
                    await parse.InvocationConfiguration.Error.WriteLineAsync($"Error: --split-size '{text}' is not a size of at least 1M (e.g. 4G, 700M)");
                    return ExitCodes.Usage;
                }
            }

            size = size is { } requested ? Math.Min(requested, SplitFileStream.MaxPartSize) : null;
            return await run(new ExportArgs(parse.GetValue(bundle)!, parse.GetValue(output)!, size, parse.GetValue(sign), parse.GetValue(since)), ct);
        });
        return command;
    }

    public static Command CreateImport(Func<ImportArgs, CancellationToken, Task<int>> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var file = new Argument<string>("file") { Description = "Export file (or its first part, FILE.000)" };
        var output = new Option<string>("--out", "-o") { Description = "Bundle directory (created, or merged into)", Required = true };
        var trust = new Option<string?>("--trust-key") { Description = "PEM public key (or certificate) the export must be signed with" };
        var command = new Command("import", "Verify and read an export into a bundle directory (resumes, merges)") { file, output, trust };
        command.SetAction((parse, ct) => run(new ImportArgs(parse.GetValue(file)!, parse.GetValue(output)!, parse.GetValue(trust)), ct));
        return command;
    }
}
