using System.Text.Json.Nodes;
using Universe.Runtime.Deployments;

namespace Universe.Runtime.Apps;

/// <summary>The outcome of an app write: what happened, the deployment, validation errors or the created app.</summary>
/// <remarks>
/// <see cref="CreatedJson"/>: the new app as Marathon answers a create (counts and deployments), rendered under the same lock as the
/// write, so the reconcile loop cannot launch or finish anything in between (tasksRunning 0, the new deployment listed).
/// </remarks>
internal sealed record AppWriteResult(
    AppWriteStatus Status, ChangeResult? Change = null, ValidationErrors? Errors = null, AppDefinition? App = null, JsonObject? CreatedJson = null);

/// <summary>What an app write did or why it was refused.</summary>
internal enum AppWriteStatus
{
    Created,
    Updated,
    NotFound,
    AlreadyExists,
    Invalid,
    Refused,
    GroupClash,
}
