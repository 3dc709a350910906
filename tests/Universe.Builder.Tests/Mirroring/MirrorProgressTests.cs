using Microsoft.Extensions.Time.Testing;
using Universe.Builder.Bundles;
using Universe.Builder.Mirroring;
using Universe.Builder.Tests.TestSupport;

namespace Universe.Builder.Tests.Mirroring;

/// <summary>The progress display: a live status line on a terminal, plain lines otherwise, on a fake clock.</summary>
public sealed class MirrorProgressTests
{
    private static readonly ArtifactFailure Broken = new("http://up.example/fail.bin", FailureCause.HttpStatus, "HTTP 500 Internal Server Error");

    [Fact]
    public void Live_StatusLineRedrawnOnTheClockWithCountsBytesRateAndFailures()
    {
        var clock = new FakeTimeProvider();
        var output = new StringWriter();
        using var progress = new MirrorProgress(output, live: true, clock, TimeSpan.FromMilliseconds(250));
        progress.Start(3);

        progress.AddBytes(1024 * 1024);
        Assert.Equal(string.Empty, output.ToString());
        clock.Advance(TimeSpan.FromMilliseconds(250));
        var first = output.ToString();

        Assert.Equal(MirrorProgress.EraseLine + "  0/3 artifacts  1.0 MiB  4.0 MiB/s  0 failed", first);

        progress.Finished("http://up.example/a.bin", downloaded: true, 1024 * 1024, null);
        Assert.Equal(first, output.ToString()); // a success only shows in the next redraw
        progress.Finished(Broken.Artifact, downloaded: false, 0, Broken);
        var afterFailure = output.ToString()[first.Length..];

        // The failure is printed at once, above the status line, which is drawn again under it.
        Assert.Equal(
            MirrorProgress.EraseLine + "FAILED http://up.example/fail.bin: HttpStatus: HTTP 500 Internal Server Error" + Environment.NewLine
            + MirrorProgress.EraseLine + "  2/3 artifacts  1.0 MiB  4.0 MiB/s  1 failed",
            afterFailure);

        progress.AddBytes(512 * 1024);
        clock.Advance(TimeSpan.FromMilliseconds(250));
        Assert.EndsWith(MirrorProgress.EraseLine + "  2/3 artifacts  1.5 MiB  2.0 MiB/s  1 failed", output.ToString(), StringComparison.Ordinal);

        progress.Dispose();
        // The final state stays, with the average rate: 1.5 MiB in 0.5 s.
        Assert.EndsWith(MirrorProgress.EraseLine + "  2/3 artifacts  1.5 MiB  3.0 MiB/s  1 failed" + Environment.NewLine, output.ToString(), StringComparison.Ordinal);
        var length = output.ToString().Length;
        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(length, output.ToString().Length); // no redraw after the end
    }

    [Fact]
    public void NotATerminal_PlainLinePerArtifactWithoutControlCharacters()
    {
        var clock = new FakeTimeProvider();
        var output = new StringWriter();
        using var progress = new MirrorProgress(output, live: false, clock);
        progress.Start(3);

        progress.AddBytes(2048);
        clock.Advance(TimeSpan.FromSeconds(10));
        progress.Finished("http://up.example/a.bin", downloaded: true, 2048, null);
        progress.Finished("http://up.example/b.bin", downloaded: false, 10, null);
        progress.Finished(Broken.Artifact, downloaded: false, 0, Broken);
        progress.Dispose();

        Assert.Equal(
            [
                "[1/3] http://up.example/a.bin fetched 2.0 KiB",
                "[2/3] http://up.example/b.bin unchanged",
                "[3/3] http://up.example/fail.bin FAILED HttpStatus: HTTP 500 Internal Server Error",
            ],
            output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain(output.ToString(), c => char.IsControl(c) && c is not '\n' and not '\r');
        Assert.Equal(TimeSpan.FromSeconds(10), progress.Elapsed);
    }

    [Fact]
    public async Task MirrorOnATerminal_FailureShownLiveOnStderrAndInTheFinalSummaryTable()
    {
        using var harness = new MirrorHarness();
        await using var upstream = await UpstreamServer.StartAsync();
        upstream.Add("ok.bin", "fine"u8.ToArray());
        harness.AddPackage("half", "1.0", 0, MirrorRunnerTests.Resource(assets: [upstream.Url("ok.bin"), upstream.Url("fail/ok.bin")]));

        var exit = await harness.MirrorAsync(harness.Args(policy: MirrorHarness.FastPolicy with { MaxRetries = 0 }), terminal: true);
        var live = harness.Error.ToString();
        var summary = harness.Output.ToString();

        Assert.Equal(ExitCodes.Findings, exit);
        Assert.Contains(MirrorProgress.EraseLine + $"FAILED {upstream.Url("fail/ok.bin")}: HttpStatus: HTTP 500", live, StringComparison.Ordinal);
        Assert.Matches(@"\x1b\[K  2/2 artifacts  4 B  \S+ \S+/s  1 failed\r?\n$", live);
        Assert.DoesNotContain("[1/2]", summary, StringComparison.Ordinal); // no plain lines on a terminal
        Assert.Matches(@"\n1\s+0\s+1\s+1\s+0\s+1\s+", summary);
        Assert.Contains("Incomplete packages", summary, StringComparison.Ordinal);
        Assert.Matches(@"half:1\.0\s+HttpStatus\s+http://127\.0\.0\.1:\d+/fail/ok\.bin: HTTP 500", summary);
        Assert.DoesNotContain('\u001b', summary);
    }
}
