namespace Universe.Runtime.Resources;

/// <summary>
/// The scalar resources the allocator works with: <c>cpus</c>, <c>mem</c> (MB), <c>disk</c> (MB) and <c>gpus</c>.
/// A value type with component-wise arithmetic; used for per-task demands, agent totals, reservations, quota
/// guarantees and limits (a limit uses <see cref="double.PositiveInfinity"/> for "unlimited").
/// </summary>
internal readonly record struct ResourceQuantities(double Cpus, double MemMb, double DiskMb = 0, double Gpus = 0)
{
    /// <summary>The number of dimensions (cpus, mem, disk, gpus), in this index order.</summary>
    public const int Dimensions = 4;

    /// <summary>Nothing.</summary>
    public static ResourceQuantities Zero => default;

    /// <summary>No limit in any dimension.</summary>
    public static ResourceQuantities Unlimited => new(double.PositiveInfinity, double.PositiveInfinity, double.PositiveInfinity, double.PositiveInfinity);

    /// <summary>The Mesos names of the dimensions, in index order.</summary>
    public static IReadOnlyList<string> Names { get; } = ["cpus", "mem", "disk", "gpus"];

    /// <summary>The value of dimension <paramref name="index"/> (0 cpus, 1 mem, 2 disk, 3 gpus).</summary>
    public double this[int index] => index switch
    {
        0 => Cpus,
        1 => MemMb,
        2 => DiskMb,
        3 => Gpus,
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };

    /// <summary>True when every dimension is zero.</summary>
    public bool IsZero => Cpus == 0 && MemMb == 0 && DiskMb == 0 && Gpus == 0;

    /// <summary>True when every dimension of this is ≤ the same dimension of <paramref name="other"/>.</summary>
    public bool FitsIn(ResourceQuantities other) =>
        Cpus <= other.Cpus && MemMb <= other.MemMb && DiskMb <= other.DiskMb && Gpus <= other.Gpus;

    public static ResourceQuantities operator +(ResourceQuantities a, ResourceQuantities b) =>
        new(a.Cpus + b.Cpus, a.MemMb + b.MemMb, a.DiskMb + b.DiskMb, a.Gpus + b.Gpus);

    public static ResourceQuantities operator -(ResourceQuantities a, ResourceQuantities b) =>
        new(a.Cpus - b.Cpus, a.MemMb - b.MemMb, a.DiskMb - b.DiskMb, a.Gpus - b.Gpus);

    public static ResourceQuantities operator *(ResourceQuantities a, double factor) =>
        new(a.Cpus * factor, a.MemMb * factor, a.DiskMb * factor, a.Gpus * factor);

    public static ResourceQuantities Add(ResourceQuantities left, ResourceQuantities right) => left + right;

    public static ResourceQuantities Subtract(ResourceQuantities left, ResourceQuantities right) => left - right;

    public static ResourceQuantities Multiply(ResourceQuantities left, double factor) => left * factor;

    /// <summary>Component-wise minimum.</summary>
    public static ResourceQuantities Min(ResourceQuantities a, ResourceQuantities b) =>
        new(Math.Min(a.Cpus, b.Cpus), Math.Min(a.MemMb, b.MemMb), Math.Min(a.DiskMb, b.DiskMb), Math.Min(a.Gpus, b.Gpus));

    /// <summary>Component-wise maximum.</summary>
    public static ResourceQuantities Max(ResourceQuantities a, ResourceQuantities b) =>
        new(Math.Max(a.Cpus, b.Cpus), Math.Max(a.MemMb, b.MemMb), Math.Max(a.DiskMb, b.DiskMb), Math.Max(a.Gpus, b.Gpus));

    /// <summary>Mesos text form of the non-zero dimensions, e.g. <c>cpus:1;mem:128</c>.</summary>
    public override string ToString()
    {
        var parts = new List<string>(Dimensions);
        for (var i = 0; i < Dimensions; i++)
        {
            if (this[i] != 0)
            {
                parts.Add(FormattableString.Invariant($"{Names[i]}:{this[i]}"));
            }
        }

        return string.Join(';', parts);
    }
}
