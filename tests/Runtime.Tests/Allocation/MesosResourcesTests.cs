using Universe.Runtime.Resources;

namespace Universe.Runtime.Tests.Allocation;

public sealed class MesosResourcesTests
{
    [Theory]
    [InlineData("cpus:9;mem:18432;disk:100000;ports:[31000-32000]", 9, 18432, 100000, 0, 1001)]
    [InlineData("cpus:2", 2, 0, 0, 0, 0)]
    [InlineData(" cpus : 1.5 ; mem:512 ; ", 1.5, 512, 0, 0, 0)]
    [InlineData("cpus:1;cpus:2", 3, 0, 0, 0, 0)]
    [InlineData("gpus:2;mem:1", 0, 1, 0, 2, 0)]
    [InlineData("cpus(*):4;mem(*):1024", 4, 1024, 0, 0, 0)]
    [InlineData("ports:[1-10, 20-29]", 0, 0, 0, 0, 20)]
    [InlineData("ports:[10-20,21-30]", 0, 0, 0, 0, 21)]
    [InlineData("ports:[8080]", 0, 0, 0, 0, 1)]
    [InlineData("", 0, 0, 0, 0, 0)]
    [InlineData("cpus:1;foo:3;bar:{a,b}", 1, 0, 0, 0, 0)]
    public void Parse_ValidText_ReturnsUnreservedQuantitiesAndPorts(string text, double cpus, double mem, double disk, double gpus, int portCount)
    {
        var resources = MesosResources.Parse(text);

        Assert.Equal(new ResourceQuantities(cpus, mem, disk, gpus), resources.Unreserved);
        Assert.Equal(portCount, resources.Ports.Sum(r => r.Count));
    }

    [Theory]
    [InlineData("cpus(ads):2;cpus:4;mem(ads):1024", "ads", 2, 1024)]
    [InlineData("cpus(eng/web):1.5", "eng/web", 1.5, 0)]
    [InlineData("mem(a):10;mem(a):5", "a", 0, 15)]
    public void Parse_Reservation_KeepsItPerRole(string text, string role, double cpus, double mem)
    {
        var resources = MesosResources.Parse(text);

        Assert.Equal(new ResourceQuantities(cpus, mem), resources.Reserved[role]);
    }

    [Theory]
    [InlineData("cpus")]
    [InlineData("cpus:")]
    [InlineData(":4")]
    [InlineData("cpus:abc")]
    [InlineData("cpus:-1")]
    [InlineData("cpus:NaN")]
    [InlineData("cpus(:1")]
    [InlineData("cpus(a b):1")]
    [InlineData("cpus(/a):1")]
    [InlineData("cpus(a//b):1")]
    [InlineData("cpus(-a):1")]
    [InlineData("cpus(..):1")]
    [InlineData("ports:[31000-32000")]
    [InlineData("ports:[32000-31000]")]
    [InlineData("ports:[1-70000]")]
    [InlineData("ports:[1-10,5-20]")]
    [InlineData("ports:[a-b]")]
    [InlineData("bar:{a,b")]
    public void TryParse_InvalidText_ReturnsFalseWithReason(string text)
    {
        var ok = MesosResources.TryParse(text, out var result, out var error);

        Assert.False(ok);
        Assert.Null(result);
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public void Parse_InvalidText_ThrowsFormatException()
    {
        Assert.Throws<FormatException>(() => MesosResources.Parse("cpus:x"));
    }

    [Fact]
    public void Parse_ReservedPorts_AreKeptApartFromUnreservedPorts()
    {
        var resources = MesosResources.Parse("ports:[31000-31009];ports(web):[80-80]");

        Assert.Equal([new PortRange(31000, 31009)], resources.Ports);
        Assert.Equal([new PortRange(80, 80)], resources.ReservedPorts["web"]);
    }

    [Fact]
    public void Total_WithReservations_AddsThemToUnreserved()
    {
        var resources = MesosResources.Parse("cpus:4;mem:100;cpus(a):2;mem(b):50");

        Assert.Equal(new ResourceQuantities(6, 150), resources.Total);
    }

    [Fact]
    public void ToLimit_UnmentionedDimensions_AreUnlimited()
    {
        var limit = MesosResources.Parse("cpus:4").ToLimit();

        Assert.Equal(4, limit.Cpus);
        Assert.True(double.IsPositiveInfinity(limit.MemMb));
        Assert.True(double.IsPositiveInfinity(limit.DiskMb));
        Assert.True(double.IsPositiveInfinity(limit.Gpus));
    }

    [Theory]
    [InlineData("cpus:0.01|mem:32", 2)]
    [InlineData("cpus:1;mem:64|disk:10|gpus:1", 3)]
    [InlineData("", 0)]
    public void ParseAlternatives_BarSeparated_ReturnsEachAlternative(string text, int count)
    {
        var alternatives = MesosResources.ParseAlternatives(text);

        Assert.Equal(count, alternatives.Count);
    }

    [Theory]
    [InlineData("*", true)]
    [InlineData("a", true)]
    [InlineData("eng/frontend/web", true)]
    [InlineData("slave_public", true)]
    [InlineData("", false)]
    [InlineData("/a", false)]
    [InlineData("a/", false)]
    [InlineData("a//b", false)]
    [InlineData("a/*", false)]
    [InlineData("a/./b", false)]
    [InlineData("-a", false)]
    [InlineData("a b", false)]
    public void IsValid_RoleName_FollowsMesosRules(string role, bool valid)
    {
        Assert.Equal(valid, RoleNames.IsValid(role));
    }

    [Theory]
    [InlineData("eng", "eng", true)]
    [InlineData("eng", "eng/web", true)]
    [InlineData("eng", "engineering", false)]
    [InlineData("eng/web", "eng", false)]
    public void IsSelfOrAncestor_ReservationRole_MatchesMesosAllocatableTo(string reservation, string role, bool expected)
    {
        Assert.Equal(expected, RoleNames.IsSelfOrAncestor(reservation, role));
    }
}
