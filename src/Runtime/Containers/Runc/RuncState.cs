using System.Text.Json.Serialization;

namespace Universe.Runtime.Containers.Runc;

/// <summary>One container as <c>runc state</c> / <c>runc list --format json</c> print it.</summary>
internal sealed record RuncState(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("pid")] int Pid,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("bundle")] string? Bundle)
{
    public bool IsRunning => Status is "running" or "created" or "paused";
}
