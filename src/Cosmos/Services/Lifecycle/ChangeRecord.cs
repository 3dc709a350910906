using System.Text.Json;
using System.Text.Json.Nodes;

namespace Universe.Cosmos.Services.Lifecycle;

/// <summary>
/// What Cosmos did to a service, stored in the app's <c>DCOS_PACKAGE_CHANGE</c> label as compact JSON
/// (<c>{"kind":"update","revision":2}</c>; a rollback adds <c>to</c>, an automatic rollback also <c>failed</c> and
/// <c>reason</c>). Every Marathon version of the app carries the label of the last Cosmos change, so the version
/// where it first appears is that change. Pure.
/// </summary>
public sealed record ChangeRecord(string Kind, int Revision, int? To = null, int? Failed = null, string? Reason = null)
{
    public const string Label = "DCOS_PACKAGE_CHANGE";
    public const string Install = "install";
    public const string Update = "update";
    public const string Rollback = "rollback";
    public const string Scale = "scale";
    public const string External = "external";

    private const int MaxReasonLength = 1000;

    /// <summary>The label value: compact JSON, absent members left out.</summary>
    public string Encode()
    {
        var json = new JsonObject { ["kind"] = Kind, ["revision"] = Revision };
        if (To is { } to)
        {
            json["to"] = to;
        }

        if (Failed is { } failed)
        {
            json["failed"] = failed;
        }

        if (Reason is { } reason)
        {
            json["reason"] = reason.Length > MaxReasonLength ? reason[..MaxReasonLength] + "…" : reason;
        }

        return json.ToJsonString();
    }

    /// <summary>The record in a label value, or null when absent or not one of ours.</summary>
    public static ChangeRecord? Decode(string? label)
    {
        if (string.IsNullOrEmpty(label))
        {
            return null;
        }

        try
        {
            if (JsonNode.Parse(label) is not JsonObject json
                || json["kind"] is not JsonValue kindValue || !kindValue.TryGetValue(out string? kind)
                || kind is not (Install or Update or Rollback)
                || json["revision"] is not JsonValue revisionValue || !revisionValue.TryGetValue(out int revision) || revision < 1)
            {
                return null;
            }

            return new ChangeRecord(kind, revision, JsonRead.Int(json["to"]), JsonRead.Int(json["failed"]), JsonRead.Str(json["reason"]));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Writes this record into the labels of <paramref name="app"/> (in place) and returns it.</summary>
    public JsonObject ApplyTo(JsonObject app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app["labels"] is not JsonObject labels)
        {
            labels = [];
            app["labels"] = labels;
        }

        labels[Label] = Encode();
        return app;
    }
}
