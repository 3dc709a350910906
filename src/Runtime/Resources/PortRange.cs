namespace Universe.Runtime.Resources;

/// <summary>An inclusive range of host ports, Mesos <c>[Begin-End]</c>.</summary>
internal readonly record struct PortRange(int Begin, int End)
{
    /// <summary>How many ports the range holds.</summary>
    public int Count => End - Begin + 1;

    /// <summary>True when <paramref name="port"/> lies in the range.</summary>
    public bool Contains(int port) => port >= Begin && port <= End;

    public override string ToString() => FormattableString.Invariant($"{Begin}-{End}");
}
