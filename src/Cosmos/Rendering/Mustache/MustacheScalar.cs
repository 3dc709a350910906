namespace Universe.Cosmos.Rendering.Mustache;

/// <summary>
/// A JSON boolean or number in the mustache scope, pre-printed as Java would (<c>true</c>, BigInteger digits,
/// <c>Double.toString</c>). Numbers are always truthy (0 too); booleans are their value.
/// </summary>
internal sealed class MustacheScalar
{
    public static readonly MustacheScalar True = new("true", true);
    public static readonly MustacheScalar False = new("false", false);

    private readonly string _text;

    public MustacheScalar(string text, bool truthy)
    {
        _text = text;
        IsTruthy = truthy;
    }

    public bool IsTruthy { get; }

    public override string ToString() => _text;
}
