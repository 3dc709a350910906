using Universe.Runtime.Containers.Images;
using Universe.Runtime.Containers.Oci;

namespace Universe.Runtime.Tests.Containers;

/// <summary>The memory part of a task's OCI config: the limit, and on cgroup v2 the OOM kill of the whole group.</summary>
public sealed class OciSpecBuilderTests
{
    [Fact]
    public void Build_OomKillsGroup_SetsMemoryOomGroupAsUnifiedResource()
    {
        var resources = OciSpecBuilder.Build(Spec(memMb: 32, oomKillsGroup: true))["linux"]!["resources"]!;

        Assert.Equal(32L << 20, (long)resources["memory"]!["limit"]!);
        Assert.Equal("1", (string?)resources["unified"]!["memory.oom.group"]);
    }

    [Fact]
    public void Build_CgroupV1_NoUnifiedResources()
    {
        var resources = OciSpecBuilder.Build(Spec(memMb: 32, oomKillsGroup: false))["linux"]!["resources"]!.AsObject();

        Assert.Equal(32L << 20, (long)resources["memory"]!["limit"]!);
        Assert.False(resources.ContainsKey("unified"));
    }

    private static OciProcessSpec Spec(double memMb, bool oomKillsGroup) =>
        new(["/bin/sh"], ["PATH=/bin"], "/", new ContainerUser(0, 0, []), "task", 0.1, memMb, "/universe/task", null, ShareHostNetwork: true, [], oomKillsGroup);
}
