using System.Text.Json;
using Universe.Cli.Output;
using Universe.Cli.Tests.TestSupport;
using Universe.Cli.Wire;

namespace Universe.Cli.Tests.Output;

public sealed class ServiceDiffWriterTests
{
    private static ServiceDiffResponse Golden() =>
        JsonSerializer.Deserialize(GoldenFiles.Read("service.diff-response.json"), CliJsonContext.Default.ServiceDiffResponse)!;

    [Fact]
    public void Write_Plain_PrintsVersionOptionsAndTheUnifiedDiffWithoutEscapes()
    {
        using var output = new StringWriter { NewLine = "\n" };

        new ServiceDiffWriter(output, color: false).Write(Golden());

        Assert.Equal(
            "Package version: 1.0.0 -> 1.1.0\nOptions:\n  /web/greeting: \"one\" -> \"two\"\n  /web/directory-listing: (none) -> false\nMarathon app:\n"
            + "--- current\n+++ proposed\n@@ -5,7 +5,8 @@\n   \"env\": {\n-    \"GREETING\": \"one\"\n+    \"GREETING\": \"two\",\n+    \"LISTING\": \"false\"\n   },\n",
            output.ToString());
    }

    [Fact]
    public void Write_Colour_MarksRemovalsRedAdditionsGreenHunksCyan()
    {
        using var output = new StringWriter { NewLine = "\n" };

        new ServiceDiffWriter(output, color: true).Write(Golden());

        var text = output.ToString();
        Assert.Contains("\u001b[31m-    \"GREETING\": \"one\"\u001b[0m\n", text, StringComparison.Ordinal);
        Assert.Contains("\u001b[32m+    \"GREETING\": \"two\",\u001b[0m\n", text, StringComparison.Ordinal);
        Assert.Contains("\u001b[36m@@ -5,7 +5,8 @@\u001b[0m\n", text, StringComparison.Ordinal);
        Assert.Contains("\n   \"env\": {\n", text, StringComparison.Ordinal);
    }
}
