using Universe.Runtime.Deployments;

namespace Universe.Runtime.Apps;

/// <summary>The outcome of an app write: what happened, the deployment, validation errors or the created app.</summary>
internal sealed record AppWriteResult(AppWriteStatus Status, ChangeResult? Change = null, ValidationErrors? Errors = null, AppDefinition? App = null);

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
