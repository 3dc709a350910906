using System.Text.Json.Nodes;
using Universe.Cosmos.Marathon;
using Universe.Cosmos.Services.Lifecycle;

namespace Universe.Cosmos.Tests.Services;

/// <summary>The pure pieces of the service lifecycle: JSON diff, unified diff, change label, version classification.</summary>
public sealed class LifecyclePureTests
{
    [Fact]
    public void JsonDiff_NestedChanges_ReportsLeafPointersWithEscapes()
    {
        var before = JsonNode.Parse("""{"a":{"b":1,"c/d":2,"e~f":[1,2,3]},"gone":true,"same":"x"}""");
        var after = JsonNode.Parse("""{"a":{"b":1,"c/d":3,"e~f":[1,5]},"same":"x","new":{"k":null,"v":1}}""");

        var changes = JsonDiff.Compute(before, after);

        Assert.Equal(
            ["/a/c~1d 2→3", "/a/e~0f/1 2→5", "/a/e~0f/2 3→∅", "/gone true→∅", "/new ∅→{\"k\":null,\"v\":1}"],
            changes.Select(c => $"{c.Path} {c.Old?.ToJsonString() ?? "∅"}→{c.New?.ToJsonString() ?? "∅"}"));
    }

    [Fact]
    public void UnifiedDiff_EqualTexts_IsEmpty() =>
        Assert.Equal(string.Empty, UnifiedDiff.Compute("a\nb\n", "a\nb\n"));

    [Fact]
    public void UnifiedDiff_TwoDistantChanges_TwoHunksWithThreeLinesOfContext()
    {
        var before = string.Join('\n', Enumerable.Range(1, 20).Select(i => $"line {i}"));
        var after = before.Replace("line 2\n", "line two\n", StringComparison.Ordinal).Replace("line 18\n", "", StringComparison.Ordinal);

        var diff = UnifiedDiff.Compute(before, after, "a", "b");

        Assert.Equal(
            "--- a\n+++ b\n@@ -1,5 +1,5 @@\n line 1\n-line 2\n+line two\n line 3\n line 4\n line 5\n"
            + "@@ -15,6 +15,5 @@\n line 15\n line 16\n line 17\n-line 18\n line 19\n line 20\n",
            diff);
    }

    [Fact]
    public void UnifiedDiff_InsertionIntoEmpty_UsesZeroLengthRange() =>
        Assert.Equal("--- current\n+++ proposed\n@@ -0,0 +1,2 @@\n+x\n+y\n", UnifiedDiff.Compute(string.Empty, "x\ny\n"));

    [Theory]
    [InlineData("""{"kind":"update","revision":2}""", "update", 2, null)]
    [InlineData("""{"kind":"rollback","revision":5,"to":1,"failed":4,"reason":"r"}""", "rollback", 5, 1)]
    [InlineData("""{"kind":"scale","revision":2}""", null, 0, null)]
    [InlineData("""{"kind":"update","revision":0}""", null, 0, null)]
    [InlineData("not json", null, 0, null)]
    [InlineData("[]", null, 0, null)]
    public void ChangeRecord_Decode_AcceptsOnlyCosmosChanges(string label, string? kind, int revision, int? to)
    {
        var record = ChangeRecord.Decode(label);

        Assert.Equal(kind, record?.Kind);
        Assert.Equal(revision, record?.Revision ?? 0);
        Assert.Equal(to, record?.To);
        if (record is not null)
        {
            Assert.Equal(record, ChangeRecord.Decode(record.Encode()));
        }
    }

    [Fact]
    public void Classify_OldestKeptVersionIsAScale_NumberedAfterItsLabelAndNotTheCosmosChange()
    {
        MarathonApp[] versions =
        [
            Version("2026-01-01T00:00:03.000Z", "2026-01-01T00:00:01.000Z", """{"kind":"update","revision":4}""", 2),
            Version("2026-01-01T00:00:05.000Z", "2026-01-01T00:00:05.000Z", """{"kind":"update","revision":6}""", 2),
            Version("2026-01-01T00:00:06.000Z", "2026-01-01T00:00:06.000Z", """{"kind":"update","revision":6}""", 2),
        ];

        var classified = HistoryClassifier.Classify(versions);

        Assert.Equal(["scale 5", "update 6", "external 7"], classified.Select(c => $"{c.Change} {c.Revision}"));
        Assert.Null(classified[0].Record);
        Assert.NotNull(classified[1].Record);
    }

    private static MarathonApp Version(string version, string lastConfigChangeAt, string change, int instances) => new(new JsonObject
    {
        ["id"] = "/web",
        ["instances"] = instances,
        ["version"] = version,
        ["versionInfo"] = new JsonObject { ["lastConfigChangeAt"] = lastConfigChangeAt, ["lastScalingAt"] = version },
        ["labels"] = new JsonObject { ["DCOS_PACKAGE_NAME"] = "web-server", [ChangeRecord.Label] = change },
    });
}
