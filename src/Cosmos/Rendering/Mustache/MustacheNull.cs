namespace Universe.Cosmos.Rendering.Mustache;

/// <summary>
/// JSON null in the mustache scope: renders empty and is falsey, but (unlike a missing key) stops the lookup
/// at the scope holding it. Inside a printed list or map it reads <c>null</c>, as in Java.
/// </summary>
internal sealed class MustacheNull
{
    public static readonly MustacheNull Instance = new();

    private MustacheNull()
    {
    }

    public override string ToString() => string.Empty;

    /// <summary>How a value prints inside Java's collection <c>toString</c>.</summary>
    public static string Print(object value) => value is MustacheNull ? "null" : value.ToString() ?? string.Empty;
}
