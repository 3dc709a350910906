namespace Universe.Runtime.Allocation;

/// <summary>Reservation slots of one agent: role ids and free quantities, deepest role first.</summary>
internal sealed class ReservationSlots(int[] roleIds, double[] free)
{
    public int[] RoleIds { get; } = roleIds;

    public double[] Free { get; } = free;
}
