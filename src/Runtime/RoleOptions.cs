namespace Universe.Runtime;

/// <summary><c>Runtime:Roles:&lt;role&gt;</c>: DRF weight and quota (guarantee and limit as Mesos resource text).</summary>
internal sealed class RoleOptions
{
    public double Weight { get; set; } = 1.0;

    public string? Guarantee { get; set; }

    public string? Limit { get; set; }
}
