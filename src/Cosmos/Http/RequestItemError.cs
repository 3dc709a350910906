namespace Universe.Cosmos.Http;

/// <summary>
/// One failed request item in Finch's spelling: <c>not_present</c>, <c>not_valid</c> or <c>not_parsed</c>,
/// with messages such as <c>Item header 'Accept' not present but required</c>.
/// </summary>
internal sealed record RequestItemError(string Type, string Message)
{
    public static RequestItemError HeaderNotPresent(string header) => new("not_present", $"Item header '{header}' not present but required");

    public static RequestItemError HeaderNotValid(string header, string rule) => new("not_valid", $"Item header '{header}' deemed invalid by rule: {rule}");

    public static RequestItemError HeaderNotParsed(string header, string reason) => new("not_parsed", $"Item header '{header}' unable to be parsed: {reason}");

    public static RequestItemError BodyNotPresent() => new("not_present", "Item body not present but required");

    public static RequestItemError BodyNotParsed(string reason) => new("not_parsed", $"Item 'body' unable to be parsed: {reason}");
}
