using System.Text.Json.Nodes;
using Universe.Cosmos.Marathon;

namespace Universe.Cosmos.Services.Lifecycle;

/// <summary>One classified app version: its revision number, the app as Marathon keeps it, the kind of change, and the Cosmos change record when Cosmos made it.</summary>
public sealed record ClassifiedVersion(int Revision, MarathonApp App, string Change, ChangeRecord? Record)
{
    public string Version => JsonRead.Str(App.Json["version"]) ?? string.Empty;
}
