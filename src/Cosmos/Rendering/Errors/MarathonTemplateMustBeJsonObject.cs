using System.Text.Json.Serialization;
using Universe.Cosmos.Errors;

namespace Universe.Cosmos.Rendering.Errors;

/// <summary>The rendered template is JSON but not an object. Wire type <c>MarathonTemplateMustBeJsonObject$</c> (a Scala case object).</summary>
public sealed record MarathonTemplateMustBeJsonObject() : CosmosError("Rendered Marathon JSON must be a JSON object")
{
    [JsonIgnore] public override string Type => "MarathonTemplateMustBeJsonObject$";
}
