using Universe.Cli.Output;

namespace Universe.Cli.Tests.Output;

public sealed class TableWriterTests
{
    [Fact]
    public void Write_SearchRows_MatchesTheOriginalLayout()
    {
        var table = new TableWriter(["NAME", "VERSION", "CERTIFIED", "FRAMEWORK", "DESCRIPTION"])
            .AddRow("package-1", "1", "false", "false", TextCut.SearchDescription("Lorem ipsum dolor sit amet, consectetur adipiscing elit. Maecenas cursus nec diam non fringilla."))
            .AddRow("package-3", "3", "false", "true", TextCut.SearchDescription("Lorem ipsum dolor sit amet, \nconsectetur adipiscing elit. \nMaecenas cursus nec diam non fringilla."))
            .AddRow("package-2", "2", "true", "false", "XYZ");
        var output = new StringWriter();

        table.Write(output);

        Assert.Equal(
            "    NAME     VERSION  CERTIFIED  FRAMEWORK                                    DESCRIPTION                                    \n"
            + "  package-1        1  false      false      Lorem ipsum dolor sit amet, consectetur adipiscing elit. Maecenas cursus nec...  \n"
            + "  package-3        3  false      true       Lorem ipsum dolor sit amet,                                                      \n"
            + "                                            consectetur adipiscing elit.                                                     \n"
            + "                                            Maecenas cursus n...                                                             \n"
            + "  package-2        2  true       false      XYZ                                                                              \n",
            output.ToString());
    }

    [Fact]
    public void Write_NoRows_PrintsTheHeaderOnly()
    {
        var output = new StringWriter();

        new TableWriter(["NAME", "VERSION", "CERTIFIED", "FRAMEWORK", "DESCRIPTION"]).Write(output);

        Assert.Equal("  NAME  VERSION  CERTIFIED  FRAMEWORK  DESCRIPTION  \n", output.ToString());
    }

    [Fact]
    public void Write_ListRowsWithSeveralApps_SpansLinesAndRightAlignsNumbers()
    {
        var table = new TableWriter(["NAME", "VERSION", "CERTIFIED", "APP", "COMMAND", "DESCRIPTION"])
            .AddRow("package-1", "0.0.0.1", "false", "a\nb", "---", TextCut.ListDescription("Lorem ipsum dolor sit amet, consectetur adipiscing elit. Maecenas cursus nec diam non fringilla."))
            .AddRow("package-3", "0.1", "false", "---", "---", TextCut.ListDescription("Lorem ipsum dolor sit amet, \nconsectetur adipiscing elit."));
        var output = new StringWriter();

        table.Write(output);

        Assert.Equal(
            "    NAME     VERSION  CERTIFIED  APP  COMMAND                               DESCRIPTION                               \n"
            + "  package-1  0.0.0.1  false      a    ---      Lorem ipsum dolor sit amet, consectetur adipiscing elit. Maecenas ...  \n"
            + "                                 b                                                                                    \n"
            + "  package-3      0.1  false      ---  ---      Lorem ipsum dolor sit amet, ...                                        \n",
            output.ToString());
    }

    [Fact]
    public void Write_LeftAlignAll_DoesNotRightAlignNumbers()
    {
        var output = new StringWriter();

        new TableWriter(["ID", "MEM"]) { LeftAlignAll = true }.AddRow("/a", "1").Write(output);

        Assert.Equal("  ID  MEM  \n  /a  1    \n", output.ToString());
    }
}
