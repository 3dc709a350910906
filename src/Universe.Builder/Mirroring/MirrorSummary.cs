using System.Globalization;

namespace Universe.Builder.Mirroring;

/// <summary>The final summary of a mirror run: totals, then a table of incomplete packages and every failure.</summary>
public static class MirrorSummary
{
    public static void Write(TextWriter output, MirrorOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(outcome);
        var manifest = outcome.Manifest;
        var seconds = Math.Max(0.001, outcome.Elapsed.TotalSeconds);
        output.WriteLine();
        output.WriteLine($"{"PACKAGES",-10} {"COMPLETE",-10} {"INCOMPLETE",-10} {"FETCHED",-9} {"UNCHANGED",-10} {"FAILED",-7} {"BYTES",-12} {"TIME",-8}");
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{manifest.Packages.Count,-10} {manifest.Packages.Count - outcome.IncompletePackages,-10} {outcome.IncompletePackages,-10} {outcome.Fetched,-9} {outcome.Unchanged,-10} {outcome.Failures.Count,-7} {PlanRenderer.Bytes(outcome.BytesDownloaded),-12} {seconds,-8:0.00}"));
        if (outcome.IncompletePackages == 0)
        {
            return;
        }

        output.WriteLine();
        output.WriteLine("Incomplete packages (kept in the bundle, marked incomplete):");
        output.WriteLine($"  {"PACKAGE",-40} {"CAUSE",-15} ARTIFACT: DETAIL");
        foreach (var package in manifest.Packages.Where(p => !p.Complete))
        {
            foreach (var failure in package.Failures)
            {
                output.WriteLine($"  {package.Name + ":" + package.Version,-40} {failure.Cause,-15} {Redaction.Text(failure.Artifact)}: {Redaction.Text(failure.Detail)}");
            }
        }
    }
}
