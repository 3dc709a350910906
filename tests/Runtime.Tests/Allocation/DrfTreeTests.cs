using Universe.Runtime.Allocation;

namespace Universe.Runtime.Tests.Allocation;

/// <summary>The sorter on its own, with vectors from Mesos's sorter_tests.</summary>
public sealed class DrfTreeTests
{
    private static List<string> Order(DrfTree tree, Dictionary<int, string> names)
    {
        var order = new List<string>();
        int leaf;
        while ((leaf = tree.Pick()) >= 0)
        {
            order.Add(names[leaf]);
            tree.Deactivate(leaf);
        }

        return order;
    }

    [Fact]
    public void Pick_WeightedClients_FollowsMesosWdrfVector()
    {
        var tree = new DrfTree([1 / 100.0, 1 / 100.0, 0, 0]);
        var clients = new (string Name, double Weight, double Cpus, double Mem)[]
        {
            ("a", 1, 5, 5), ("b", 2, 6, 6), ("c", 1, 4, 4), ("d", 10, 10, 20), ("e", 0.1, 1, 1),
        };
        var names = new Dictionary<int, string>();
        foreach (var (name, weight, _, _) in clients)
        {
            names[tree.AddNode(name, DrfTree.Root, weight)] = name;
        }

        tree.Seal();
        foreach (var (node, name) in names)
        {
            var c = clients.Single(x => x.Name == name);
            tree.Allocate(node, [c.Cpus, c.Mem, 0, 0], 1);
            tree.Activate(node);
        }

        Assert.Equal(["d", "b", "c", "a", "e"], Order(tree, names));
    }

    [Fact]
    public void Pick_EqualShares_PrefersLowerAllocationCountThenName()
    {
        var tree = new DrfTree([1.0, 0, 0, 0]);
        var x = tree.AddNode("x", DrfTree.Root, 1);
        var y = tree.AddNode("y", DrfTree.Root, 1);
        var z = tree.AddNode("z", DrfTree.Root, 1);
        tree.Seal();
        tree.Allocate(x, [0, 0, 0, 0], 2);
        tree.Allocate(y, [0, 0, 0, 0], 1);
        tree.Allocate(z, [0, 0, 0, 0], 1);
        foreach (var node in new[] { x, y, z })
        {
            tree.Activate(node);
        }

        Assert.Equal(["y", "z", "x"], Order(tree, new Dictionary<int, string> { [x] = "x", [y] = "y", [z] = "z" }));
    }

    [Fact]
    public void Pick_Hierarchy_SortsSubtreesByAggregateShareThenLeaves()
    {
        var tree = new DrfTree([1 / 10.0, 0, 0, 0]);
        var a = tree.AddNode("a", DrfTree.Root, 1);
        var b = tree.AddNode("b", DrfTree.Root, 1);
        var a1 = tree.AddNode("a/1", a, 1);
        var a2 = tree.AddNode("a/2", a, 1);
        var b1 = tree.AddNode("b/1", b, 1);
        tree.Seal();
        tree.Allocate(a1, [1, 0, 0, 0], 1);
        tree.Allocate(a2, [2, 0, 0, 0], 1);
        tree.Allocate(b1, [4, 0, 0, 0], 1);
        foreach (var node in new[] { a1, a2, b1 })
        {
            tree.Activate(node);
        }

        Assert.Equal(["a/1", "a/2", "b/1"], Order(tree, new Dictionary<int, string> { [a1] = "a/1", [a2] = "a/2", [b1] = "b/1" }));
        Assert.Equal(0.3, tree.Share(a), 9);
    }

    [Fact]
    public void Allocate_ActiveLeaf_ReordersIncrementally()
    {
        var tree = new DrfTree([1.0, 0, 0, 0]);
        var x = tree.AddNode("x", DrfTree.Root, 1);
        var y = tree.AddNode("y", DrfTree.Root, 1);
        tree.Seal();
        tree.Activate(x);
        tree.Activate(y);

        tree.Allocate(x, [0.5, 0, 0, 0], 1);

        Assert.Equal(y, tree.Pick());
    }
}
