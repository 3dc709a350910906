using Universe.Runtime.Allocation;
using Universe.Runtime.Resources;

namespace Universe.Runtime.Bench;

/// <summary>Snapshots for the allocator benchmarks, after Mesos's hierarchical allocator benchmarks (drf.md §9).</summary>
internal static class AllocatorScenarios
{
    /// <summary>
    /// Mesos <c>DeclineOffers</c> agents (<c>cpus:24;mem:4096;disk:4096;ports:[31000-32000]</c>, 16 cpus in use) and
    /// <paramref name="clients"/> apps of <c>cpus:1;mem:128</c> with one host port each, together asking for 25 % more
    /// tasks than fit, so every agent fills and every app is left with an explanation. With
    /// <paramref name="rolePerClient"/> each app has its own role, otherwise all share <c>*</c>.
    /// </summary>
    public static AllocationSnapshot DeclineOffers(int agents, int clients, bool rolePerClient)
    {
        var total = MesosResources.Parse("cpus:24;mem:4096;disk:4096;ports:[31000-32000]");
        var agentList = new List<AllocationAgent>(agents);
        for (var i = 0; i < agents; i++)
        {
            agentList.Add(new AllocationAgent($"agent-{i:000000}", $"host-{i:000000}", total) { Unavailable = new ResourceQuantities(16, 0) });
        }

        var pending = (int)Math.Ceiling(agents * 8 * 1.25 / clients);
        var clientList = new List<AllocationClient>(clients);
        for (var i = 0; i < clients; i++)
        {
            var role = rolePerClient ? $"role-{i:0000}" : RoleNames.Default;
            clientList.Add(new AllocationClient($"/framework-{i:0000}", role, new ResourceQuantities(1, 128), pending) { PortsPerTask = 1 });
        }

        return new AllocationSnapshot(agentList, clientList);
    }

    /// <summary>
    /// After Mesos <c>LargeAndSmallQuota</c>: agents of <c>cpus:2;mem:2048;disk:2048</c> (one per role); small roles
    /// with quota guarantee and limit <c>cpus:1;mem:1024;disk:1024</c> (half an agent), large roles with
    /// <c>cpus:4;mem:4096;disk:4096</c> (two agents); one app per role with tasks of a quarter agent asking for twice
    /// its quota, so every role stops at its limit.
    /// </summary>
    public static AllocationSnapshot Quota(int smallRoles, int largeRoles)
    {
        var total = MesosResources.Parse("cpus:2;mem:2048;disk:2048");
        var agents = new List<AllocationAgent>();
        for (var i = 0; i < smallRoles + largeRoles; i++)
        {
            agents.Add(new AllocationAgent($"agent-{i:00000}", $"host-{i:00000}", total));
        }

        var small = new ResourceQuantities(1, 1024, 1024);
        var large = new ResourceQuantities(4, 4096, 4096);
        var task = new ResourceQuantities(0.5, 512, 512);
        var clients = new List<AllocationClient>();
        var roles = new Dictionary<string, RoleSettings>();
        for (var i = 0; i < smallRoles + largeRoles; i++)
        {
            var isSmall = i < smallRoles;
            var role = isSmall ? $"small-{i:00000}" : $"large-{i:00000}";
            var quota = isSmall ? small : large;
            roles[role] = new RoleSettings { Guarantee = quota, Limit = quota };
            clients.Add(new AllocationClient($"/app-{role}", role, task, isSmall ? 4 : 16));
        }

        return new AllocationSnapshot(agents, clients) { Roles = roles };
    }

    /// <summary>
    /// Mesos <c>MultiFrameworkAllocations</c>: 80 agents of <c>cpus:64;mem:488000</c>; 4 "Marathon" apps in roles
    /// <c>roleA-i</c> with 4000 tasks of <c>cpus:0.07;mem:400</c>; 500 "Jenkins" apps sharing <c>roleB</c> with 5 tasks
    /// of <c>cpus:0.1;mem:4000</c>; 50 "SparkDispatcher" apps in roles <c>roleC-i</c> with 20 tasks of
    /// <c>cpus:1;mem:1000</c>. Everything fits: one cycle places all 19,500 tasks.
    /// </summary>
    public static AllocationSnapshot MultiFramework()
    {
        var total = MesosResources.Parse("cpus:64;mem:488000");
        var agents = new List<AllocationAgent>();
        for (var i = 0; i < 80; i++)
        {
            agents.Add(new AllocationAgent($"agent-{i:00}", $"host-{i:00}", total));
        }

        var clients = new List<AllocationClient>();
        for (var i = 0; i < 4; i++)
        {
            clients.Add(new AllocationClient($"/marathon-{i}", $"roleA-{i}", new ResourceQuantities(0.07, 400), 4000));
        }

        for (var i = 0; i < 500; i++)
        {
            clients.Add(new AllocationClient($"/jenkins-{i:000}", "roleB", new ResourceQuantities(0.1, 4000), 5));
        }

        for (var i = 0; i < 50; i++)
        {
            clients.Add(new AllocationClient($"/spark-{i:00}", $"roleC-{i:00}", new ResourceQuantities(1, 1000), 20));
        }

        return new AllocationSnapshot(agents, clients);
    }
}
