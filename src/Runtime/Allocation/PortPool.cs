using Universe.Runtime.Resources;

namespace Universe.Runtime.Allocation;

/// <summary>The free host ports of one agent: sorted, non-overlapping ranges; hands out the lowest ports first.</summary>
internal sealed class PortPool
{
    private readonly List<PortRange> _ranges;

    public PortPool(IReadOnlyList<PortRange> ranges)
    {
        _ranges = [.. ranges];
        foreach (var range in _ranges)
        {
            FreeCount += range.Count;
        }
    }

    public int FreeCount { get; private set; }

    public bool Contains(int port)
    {
        var index = Find(port);
        return index >= 0;
    }

    /// <summary>Removes one port if free; false when it was not free.</summary>
    public bool Remove(int port)
    {
        var index = Find(port);
        if (index < 0)
        {
            return false;
        }

        var range = _ranges[index];
        if (range.Begin == range.End)
        {
            _ranges.RemoveAt(index);
        }
        else if (port == range.Begin)
        {
            _ranges[index] = new PortRange(port + 1, range.End);
        }
        else if (port == range.End)
        {
            _ranges[index] = new PortRange(range.Begin, port - 1);
        }
        else
        {
            _ranges[index] = new PortRange(range.Begin, port - 1);
            _ranges.Insert(index + 1, new PortRange(port + 1, range.End));
        }

        FreeCount--;
        return true;
    }

    /// <summary>Takes the <paramref name="count"/> lowest free ports into <paramref name="destination"/> (caller checked <see cref="FreeCount"/>).</summary>
    public void TakeLowest(int count, Span<int> destination)
    {
        var written = 0;
        while (written < count)
        {
            var range = _ranges[0];
            var take = Math.Min(count - written, range.Count);
            for (var i = 0; i < take; i++)
            {
                destination[written++] = range.Begin + i;
            }

            if (take == range.Count)
            {
                _ranges.RemoveAt(0);
            }
            else
            {
                _ranges[0] = new PortRange(range.Begin + take, range.End);
            }
        }

        FreeCount -= count;
    }

    private int Find(int port)
    {
        int low = 0, high = _ranges.Count - 1;
        while (low <= high)
        {
            var mid = (low + high) >> 1;
            var range = _ranges[mid];
            if (port < range.Begin)
            {
                high = mid - 1;
            }
            else if (port > range.End)
            {
                low = mid + 1;
            }
            else
            {
                return mid;
            }
        }

        return -1;
    }
}
