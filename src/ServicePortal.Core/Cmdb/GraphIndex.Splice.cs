namespace ServicePortal.Core.Cmdb;

public sealed partial class GraphIndex
{
    /// <summary>Up to this many edge changes are spliced into the arrays one by one; more are laid out afresh.</summary>
    internal const int MaxSplicedEdges = 32;

    /// <summary>
    /// Edits the CSR arrays of an index one edge at a time: an edge is inserted at the end of its section of its
    /// source's outgoing slice and of its target's incoming slice (PartOf first, ConnectsTo last), or removed, and
    /// every offset and stored edge position behind it moves by one. Each step copies the arrays it changes (a few
    /// memory moves of the edge arrays, about a millisecond at 500k edges) and never touches the database; the index
    /// it started from is left unchanged for its readers.
    /// </summary>
    private sealed class EdgeSplicer(EdgeTable table, int nodeCount, IReadOnlyDictionary<int, int> minimumUpByGroup)
    {
        private int[] _outOffsets = table.OutOffsets;
        private int[] _outPartOfEnd = table.OutPartOfEnd;
        private int[] _inOffsets = table.InOffsets;
        private int[] _inPartOfEnd = table.InPartOfEnd;
        private int[] _inConnectsToStart = table.InConnectsToStart;
        private int[] _inEdges = table.InEdges;
        private int[] _edgeSource = table.EdgeSource;
        private int[] _outLinks = table.OutLinks;
        private int[] _outSlots = table.OutSlots;
        private int[] _inLinks = table.InLinks;
        private int[] _inSlots = table.InSlots;
        private int[] _relationshipIds = table.RelationshipIds;
        private List<int> _slotGroupIds = [.. table.SlotGroupIds];
        private List<int> _slotSizes = [.. table.SlotSizes];
        private List<byte> _slotCaps = [.. table.SlotCaps];

        public EdgeTable Table => new(
            _outOffsets, _outPartOfEnd, _inOffsets, _inPartOfEnd, _inConnectsToStart, _inEdges, _edgeSource, _outLinks, _outSlots,
            _inLinks, _inSlots, _relationshipIds, [.. _slotGroupIds], [.. _slotSizes],
            EdgeTable.MinimumsOf([.. _slotGroupIds], [.. _slotSizes], minimumUpByGroup), [.. _slotCaps]);

        /// <summary>Removes the edge stored for this relationship; false when there is none.</summary>
        public bool Remove(int relationshipId)
        {
            var p = Array.IndexOf(_relationshipIds, relationshipId);
            if (p < 0)
            {
                return false;
            }

            var s = _edgeSource[p];
            var t = NodeOf(_outLinks[p]);
            var type = TypeOf(_outLinks[p]);
            var slot = _outSlots[p];
            var q = Array.IndexOf(_inEdges, p, _inOffsets[t], _inOffsets[t + 1] - _inOffsets[t]);

            _edgeSource = Without(_edgeSource, p);
            _outLinks = Without(_outLinks, p);
            _outSlots = Without(_outSlots, p);
            _relationshipIds = Without(_relationshipIds, p);
            _outOffsets = Shifted(_outOffsets, s + 1, -1);
            _outPartOfEnd = Shifted(_outPartOfEnd, type == RelationshipType.PartOf ? s : s + 1, -1);

            _inEdges = Without(_inEdges, q);
            _inLinks = Without(_inLinks, q);
            _inSlots = Without(_inSlots, q);
            for (var i = 0; i < _inEdges.Length; i++)
            {
                if (_inEdges[i] > p)
                {
                    _inEdges[i]--;
                }
            }

            _inOffsets = Shifted(_inOffsets, t + 1, -1);
            _inPartOfEnd = Shifted(_inPartOfEnd, type == RelationshipType.PartOf ? t : t + 1, -1);
            _inConnectsToStart = Shifted(_inConnectsToStart, type == RelationshipType.ConnectsTo ? t + 1 : t, -1);

            if (slot >= 0)
            {
                _slotSizes[slot]--;
                _slotCaps[slot] = CapOf(slot, PropagationRules.DependantIsTarget(type) ? t : s);
            }

            return true;
        }

        /// <summary>Inserts an edge between two node indexes.</summary>
        public void Insert(int s, int t, RelationshipType type, int? groupId, int relationshipId)
        {
            var partOf = type == RelationshipType.PartOf;
            var slot = groupId is { } group ? SlotFor(PropagationRules.DependantIsTarget(type) ? t : s, group, type) : -1;

            var p = partOf ? _outPartOfEnd[s] : _outOffsets[s + 1];
            _edgeSource = With(_edgeSource, p, s);
            _outLinks = With(_outLinks, p, Link(t, type, slot >= 0));
            _outSlots = With(_outSlots, p, slot);
            _relationshipIds = With(_relationshipIds, p, relationshipId);
            _outOffsets = Shifted(_outOffsets, s + 1, +1);
            _outPartOfEnd = Shifted(_outPartOfEnd, partOf ? s : s + 1, +1);

            var inEdges = (int[])_inEdges.Clone();
            for (var i = 0; i < inEdges.Length; i++)
            {
                if (inEdges[i] >= p)
                {
                    inEdges[i]++;
                }
            }

            var q = partOf ? _inPartOfEnd[t] : type == RelationshipType.ConnectsTo ? _inOffsets[t + 1] : _inConnectsToStart[t];
            _inEdges = With(inEdges, q, p);
            _inLinks = With(_inLinks, q, Link(s, type, slot >= 0));
            _inSlots = With(_inSlots, q, slot);
            _inOffsets = Shifted(_inOffsets, t + 1, +1);
            _inPartOfEnd = Shifted(_inPartOfEnd, partOf ? t : t + 1, +1);
            _inConnectsToStart = Shifted(_inConnectsToStart, type == RelationshipType.ConnectsTo ? t + 1 : t, +1);
        }

        /// <summary>The slot of (dependant, group), made when the dependant has no member of the group yet.</summary>
        private int SlotFor(int dependant, int groupId, RelationshipType type)
        {
            var slot = FindSlot(dependant, groupId);
            if (slot < 0)
            {
                slot = _slotGroupIds.Count;
                _slotGroupIds.Add(groupId);
                _slotSizes.Add(0);
                _slotCaps.Add((byte)ImpactLevel.None);
            }

            _slotSizes[slot]++;
            _slotCaps[slot] = Math.Max(_slotCaps[slot], (byte)PropagationRules.Cap(type, grouped: true));
            return slot;
        }

        private int FindSlot(int dependant, int groupId)
        {
            for (var e = _outOffsets[dependant]; e < _outOffsets[dependant + 1]; e++)
            {
                if (_outSlots[e] is var slot and >= 0 && _slotGroupIds[slot] == groupId && !PropagationRules.DependantIsTarget(TypeOf(_outLinks[e])))
                {
                    return slot;
                }
            }

            for (var q = _inOffsets[dependant]; q < _inOffsets[dependant + 1]; q++)
            {
                if (_inSlots[q] is var slot and >= 0 && _slotGroupIds[slot] == groupId && PropagationRules.DependantIsTarget(TypeOf(_inLinks[q])))
                {
                    return slot;
                }
            }

            return -1;
        }

        private byte CapOf(int slot, int dependant)
        {
            var cap = (byte)ImpactLevel.None;
            for (var e = _outOffsets[dependant]; e < _outOffsets[dependant + 1]; e++)
            {
                if (_outSlots[e] == slot)
                {
                    cap = Math.Max(cap, (byte)PropagationRules.Cap(TypeOf(_outLinks[e]), grouped: true));
                }
            }

            for (var q = _inOffsets[dependant]; q < _inOffsets[dependant + 1]; q++)
            {
                if (_inSlots[q] == slot)
                {
                    cap = Math.Max(cap, (byte)PropagationRules.Cap(TypeOf(_inLinks[q]), grouped: true));
                }
            }

            return cap;
        }

        /// <summary>A copy with <paramref name="by"/> added to every entry from <paramref name="from"/> on.</summary>
        private static int[] Shifted(int[] values, int from, int by)
        {
            var copy = (int[])values.Clone();
            for (var i = from; i < copy.Length; i++)
            {
                copy[i] += by;
            }

            return copy;
        }

        private static int[] Without(int[] values, int at)
        {
            var copy = new int[values.Length - 1];
            Array.Copy(values, 0, copy, 0, at);
            Array.Copy(values, at + 1, copy, at, values.Length - at - 1);
            return copy;
        }

        private static int[] With(int[] values, int at, int value)
        {
            var copy = new int[values.Length + 1];
            Array.Copy(values, 0, copy, 0, at);
            copy[at] = value;
            Array.Copy(values, at, copy, at + 1, values.Length - at);
            return copy;
        }

        public int NodeCount => nodeCount;
    }
}
