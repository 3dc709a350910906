using Universe.Runtime.Resources;

namespace Universe.Runtime.Allocation;

/// <summary>
/// The incremental hierarchical DRF sorter: a tree of role nodes with clients as leaves. Every internal node keeps
/// its active children in a binary min-heap ordered like Mesos <c>compareDRF</c> (weighted dominant share, then
/// allocation count, then name, ordinal). Allocating to a leaf updates the leaf and its ancestors and sifts each
/// down in its parent's heap, so picking the next client costs O(depth × log siblings), not a full sort.
/// </summary>
internal sealed class DrfTree
{
    private const int D = ResourceQuantities.Dimensions;
    private readonly double[] _inverseTotal;
    private readonly List<int> _parent = [];
    private readonly List<double> _weight = [];
    private readonly List<string> _name = [];
    private readonly List<int> _childCount = [];
    private int[] _heapPosition = [];
    private int[][] _heap = [];
    private int[] _heapSize = [];
    private double[] _allocation = [];
    private double[] _share = [];
    private long[] _count = [];
    private int[] _rank = [];

    /// <param name="inverseTotal">Per dimension 1/total, or 0 for dimensions left out of the dominant share.</param>
    public DrfTree(double[] inverseTotal)
    {
        _inverseTotal = inverseTotal;
        AddNode("", -1, 1.0);
    }

    public const int Root = 0;

    public int NodeCount => _parent.Count;

    /// <summary>Adds a node before <see cref="Seal"/>.</summary>
    public int AddNode(string name, int parent, double weight)
    {
        _parent.Add(parent);
        _weight.Add(weight);
        _name.Add(name);
        _childCount.Add(0);
        if (parent >= 0)
        {
            _childCount[parent]++;
        }

        return _parent.Count - 1;
    }

    /// <summary>Allocates the per-node arrays once all nodes exist.</summary>
    public void Seal()
    {
        var n = _parent.Count;
        _heapPosition = new int[n];
        Array.Fill(_heapPosition, -1);
        _heap = new int[n][];
        _heapSize = new int[n];
        for (var i = 0; i < n; i++)
        {
            _heap[i] = _childCount[i] == 0 ? [] : new int[_childCount[i]];
        }

        _allocation = new double[n * D];
        _share = new double[n];
        _count = new long[n];

        // Ordinal name ranks, so the tie-break compares ints instead of strings in the hot loop.
        var order = new int[n];
        for (var i = 0; i < n; i++)
        {
            order[i] = i;
        }

        var names = _name.ToArray();
        Array.Sort(names, order, StringComparer.Ordinal);
        _rank = new int[n];
        for (var i = 0; i < n; i++)
        {
            _rank[order[i]] = i > 0 && names[i] == names[i - 1] ? _rank[order[i - 1]] : i;
        }
    }

    public double Share(int node) => _share[node];

    public long Count(int node) => _count[node];

    public bool IsActive(int node) => node == Root || _heapPosition[node] >= 0;

    public ReadOnlySpan<double> Allocation(int node) => _allocation.AsSpan(node * D, D);

    /// <summary>Adds <paramref name="resources"/> (and <paramref name="count"/> allocations) to a leaf and its ancestors.</summary>
    public void Allocate(int leaf, ReadOnlySpan<double> resources, int count)
    {
        for (var node = leaf; node > Root; node = _parent[node])
        {
            var offset = node * D;
            var max = 0.0;
            for (var d = 0; d < D; d++)
            {
                _allocation[offset + d] += resources[d];
                var s = _allocation[offset + d] * _inverseTotal[d];
                if (s > max)
                {
                    max = s;
                }
            }

            _share[node] = max / _weight[node];
            _count[node] += count;
            if (_heapPosition[node] >= 0)
            {
                SiftDown(_parent[node], _heapPosition[node]);
            }
        }
    }

    /// <summary>Makes a leaf (and its ancestors as needed) active.</summary>
    public void Activate(int leaf)
    {
        for (var node = leaf; node > Root && _heapPosition[node] < 0; node = _parent[node])
        {
            var parent = _parent[node];
            var position = _heapSize[parent]++;
            _heap[parent][position] = node;
            _heapPosition[node] = position;
            SiftUp(parent, position);
        }
    }

    /// <summary>Removes a node from its parent's heap; ancestors left with no active child are removed too.</summary>
    public void Deactivate(int node)
    {
        while (node > Root && _heapPosition[node] >= 0)
        {
            var parent = _parent[node];
            RemoveAt(parent, _heapPosition[node]);
            if (_heapSize[parent] > 0)
            {
                return;
            }

            node = parent;
        }
    }

    /// <summary>Deactivates every node.</summary>
    public void Clear()
    {
        Array.Fill(_heapPosition, -1);
        Array.Clear(_heapSize);
    }

    /// <summary>The active leaf first in hierarchical DRF order, or -1 when none is active.</summary>
    public int Pick()
    {
        var node = Root;
        while (_heap[node].Length > 0)
        {
            if (_heapSize[node] == 0)
            {
                return -1;
            }

            node = _heap[node][0];
        }

        return node == Root ? -1 : node;
    }

    private bool Less(int a, int b)
    {
        if (_share[a] != _share[b])
        {
            return _share[a] < _share[b];
        }

        if (_count[a] != _count[b])
        {
            return _count[a] < _count[b];
        }

        return _rank[a] < _rank[b];
    }

    private void RemoveAt(int parent, int position)
    {
        var heap = _heap[parent];
        var removed = heap[position];
        _heapPosition[removed] = -1;
        var last = --_heapSize[parent];
        if (position == last)
        {
            return;
        }

        var moved = heap[last];
        heap[position] = moved;
        _heapPosition[moved] = position;
        SiftDown(parent, position);
        SiftUp(parent, _heapPosition[moved]);
    }

    private void SiftUp(int parent, int position)
    {
        var heap = _heap[parent];
        var item = heap[position];
        while (position > 0)
        {
            var up = (position - 1) >> 1;
            if (!Less(item, heap[up]))
            {
                break;
            }

            heap[position] = heap[up];
            _heapPosition[heap[position]] = position;
            position = up;
        }

        heap[position] = item;
        _heapPosition[item] = position;
    }

    private void SiftDown(int parent, int position)
    {
        var heap = _heap[parent];
        var size = _heapSize[parent];
        var item = heap[position];
        while (true)
        {
            var child = (position << 1) + 1;
            if (child >= size)
            {
                break;
            }

            if (child + 1 < size && Less(heap[child + 1], heap[child]))
            {
                child++;
            }

            if (!Less(heap[child], item))
            {
                break;
            }

            heap[position] = heap[child];
            _heapPosition[heap[position]] = position;
            position = child;
        }

        heap[position] = item;
        _heapPosition[item] = position;
    }
}
