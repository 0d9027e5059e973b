namespace ServicePortal.Core.Cmdb;

/// <summary>Sizes and spacing of a diagram, in SVG user units.</summary>
public sealed record LayoutOptions
{
    public double NodeWidth { get; init; } = 160;

    public double NodeHeight { get; init; } = 44;

    public double HorizontalGap { get; init; } = 24;

    public double VerticalGap { get; init; } = 64;

    public double Margin { get; init; } = 24;

    /// <summary>A layer with more nodes wraps onto further rows, so that a hub's 200 dependants stay readable.</summary>
    public int MaxNodesPerRow { get; init; } = 16;

    /// <summary>Down-and-up barycenter sweeps; the ordering with the fewest crossings seen is kept.</summary>
    public int Sweeps { get; init; } = 8;
}

/// <summary>A node placed on the diagram: <see cref="X"/>, <see cref="Y"/> is its centre.</summary>
public readonly record struct PlacedNode(int NodeId, int Layer, double X, double Y);

/// <summary>A relationship on the diagram, from the Source node's border (X1, Y1) to the Target node's border (X2, Y2).</summary>
public readonly record struct PlacedEdge(GraphEdge Edge, double X1, double Y1, double X2, double Y2);

/// <summary>Positions for a diagram; <see cref="Width"/> × <see cref="Height"/> is the canvas (the SVG viewBox).</summary>
public sealed record DiagramLayout(
    IReadOnlyList<PlacedNode> Nodes, IReadOnlyList<PlacedEdge> Edges, int LayerCount, double Width, double Height, LayoutOptions Options);

/// <summary>
/// A layered (Sugiyama-style) layout: dependants above what they rely on, so business services come out on top and
/// infrastructure and suppliers at the bottom. Steps: (1) orient each edge dependant → dependency (Source → Target;
/// Target → Source for PartOf, the whole above its parts) and break cycles by reversing the back edges of a
/// depth-first search; (2) longest-path layering, then pull each node with no dependant down next to its highest
/// dependency; (3) order each layer by barycenter sweeps (down using the layers above, up using the layers below),
/// keeping the order with the fewest crossings between adjacent layers; (4) wrap layers wider than
/// <see cref="LayoutOptions.MaxNodesPerRow"/> onto several rows and centre every row. Positions are distinct.
/// </summary>
public static class LayeredLayout
{
    public static DiagramLayout Arrange(Neighbourhood neighbourhood, LayoutOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(neighbourhood);
        return Arrange(neighbourhood.Nodes.Select(n => n.Node.Id).ToList(), neighbourhood.Edges, options);
    }

    /// <summary>Lays out these nodes (their order seeds the ordering within layers); edges to other nodes are ignored.</summary>
    public static DiagramLayout Arrange(IReadOnlyList<int> nodeIds, IReadOnlyList<GraphEdge> edges, LayoutOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(nodeIds);
        ArgumentNullException.ThrowIfNull(edges);
        options ??= new LayoutOptions();
        var count = nodeIds.Count;
        var local = new Dictionary<int, int>(count);
        for (var i = 0; i < count; i++)
        {
            if (!local.TryAdd(nodeIds[i], i))
            {
                throw new ArgumentException($"Node {nodeIds[i]} is listed twice.", nameof(nodeIds));
            }
        }

        // (1) Oriented edges between distinct known nodes, one per pair.
        var down = Enumerable.Range(0, count).Select(_ => new List<int>()).ToArray();
        var pairs = new HashSet<(int, int)>();
        foreach (var edge in edges)
        {
            if (!local.TryGetValue(edge.SourceId, out var s) || !local.TryGetValue(edge.TargetId, out var t) || s == t)
            {
                continue;
            }

            var (upper, lower) = PropagationRules.DependantIsTarget(edge.Type) ? (t, s) : (s, t);
            if (!pairs.Contains((lower, upper)) && pairs.Add((upper, lower)))
            {
                down[upper].Add(lower);
            }
        }

        BreakCycles(down);
        var up = Enumerable.Range(0, count).Select(_ => new List<int>()).ToArray();
        for (var u = 0; u < count; u++)
        {
            foreach (var v in down[u])
            {
                up[v].Add(u);
            }
        }

        // (2) Layers.
        var layer = LongestPathLayers(down, up);
        var layerCount = count == 0 ? 0 : layer.Max() + 1;
        var layers = Enumerable.Range(0, layerCount).Select(_ => new List<int>()).ToArray();
        for (var v = 0; v < count; v++)
        {
            layers[layer[v]].Add(v);
        }

        // (3) Order within layers.
        Order(layers, down, up, options.Sweeps);

        // (4) Coordinates.
        var rowStep = options.NodeHeight + options.VerticalGap;
        var columnStep = options.NodeWidth + options.HorizontalGap;
        var perRow = Math.Max(1, options.MaxNodesPerRow);
        var widest = layers.Length == 0 ? 0 : layers.Max(l => Math.Min(l.Count, perRow));
        var contentWidth = widest == 0 ? 0 : (widest * columnStep) - options.HorizontalGap;
        var positions = new (double X, double Y)[count];
        var placed = new List<PlacedNode>(count);
        var row = 0;
        for (var l = 0; l < layers.Length; l++)
        {
            for (var start = 0; start < layers[l].Count; start += perRow, row++)
            {
                var inRow = Math.Min(perRow, layers[l].Count - start);
                var rowWidth = (inRow * columnStep) - options.HorizontalGap;
                var left = options.Margin + ((contentWidth - rowWidth) / 2);
                var y = options.Margin + (row * rowStep) + (options.NodeHeight / 2);
                for (var i = 0; i < inRow; i++)
                {
                    var v = layers[l][start + i];
                    positions[v] = (left + (i * columnStep) + (options.NodeWidth / 2), y);
                    placed.Add(new PlacedNode(nodeIds[v], l, positions[v].X, positions[v].Y));
                }
            }
        }

        var placedEdges = new List<PlacedEdge>(edges.Count);
        foreach (var edge in edges)
        {
            if (local.TryGetValue(edge.SourceId, out var s) && local.TryGetValue(edge.TargetId, out var t))
            {
                var (x1, y1, x2, y2) = Anchors(positions[s], positions[t], options);
                placedEdges.Add(new PlacedEdge(edge, x1, y1, x2, y2));
            }
        }

        var width = contentWidth + (2 * options.Margin);
        var height = row == 0 ? 2 * options.Margin : (row * rowStep) - options.VerticalGap + (2 * options.Margin);
        return new DiagramLayout(placed, placedEdges, layerCount, width, height, options);
    }

    /// <summary>Reverses every back edge of an iterative depth-first search, which leaves a DAG.</summary>
    private static void BreakCycles(List<int>[] down)
    {
        var count = down.Length;
        var state = new byte[count]; // 0 new, 1 on the stack, 2 done
        var stack = new Stack<(int Node, int Next)>();
        var reversed = new List<(int From, int To)>();
        for (var root = 0; root < count; root++)
        {
            if (state[root] != 0)
            {
                continue;
            }

            state[root] = 1;
            stack.Push((root, 0));
            while (stack.Count > 0)
            {
                var (u, next) = stack.Pop();
                if (next < down[u].Count)
                {
                    stack.Push((u, next + 1));
                    var v = down[u][next];
                    if (state[v] == 0)
                    {
                        state[v] = 1;
                        stack.Push((v, 0));
                    }
                    else if (state[v] == 1)
                    {
                        reversed.Add((u, v));
                    }
                }
                else
                {
                    state[u] = 2;
                }
            }
        }

        foreach (var (from, to) in reversed)
        {
            down[from].Remove(to);
            if (!down[to].Contains(from))
            {
                down[to].Add(from);
            }
        }
    }

    private static int[] LongestPathLayers(List<int>[] down, List<int>[] up)
    {
        var count = down.Length;
        var layer = new int[count];
        var pending = new int[count];
        var ready = new Queue<int>();
        for (var v = 0; v < count; v++)
        {
            pending[v] = up[v].Count;
            if (pending[v] == 0)
            {
                ready.Enqueue(v);
            }
        }

        var topological = new List<int>(count);
        while (ready.Count > 0)
        {
            var u = ready.Dequeue();
            topological.Add(u);
            foreach (var v in down[u])
            {
                layer[v] = Math.Max(layer[v], layer[u] + 1);
                if (--pending[v] == 0)
                {
                    ready.Enqueue(v);
                }
            }
        }

        // A node nothing depends on sits just above its highest dependency instead of at the very top.
        foreach (var v in topological)
        {
            if (up[v].Count == 0 && down[v].Count > 0)
            {
                layer[v] = down[v].Min(w => layer[w]) - 1;
            }
        }

        return layer;
    }

    private static void Order(List<int>[] layers, List<int>[] down, List<int>[] up, int sweeps)
    {
        var count = down.Length;
        var position = new double[count];
        void Number(List<int> nodes)
        {
            for (var i = 0; i < nodes.Count; i++)
            {
                position[nodes[i]] = nodes.Count == 1 ? 0.5 : (double)i / (nodes.Count - 1);
            }
        }

        foreach (var nodes in layers)
        {
            Number(nodes);
        }

        var best = layers.Select(l => l.ToArray()).ToArray();
        var fewest = Crossings(layers, down);
        for (var sweep = 0; sweep < sweeps && fewest > 0; sweep++)
        {
            for (var l = 1; l < layers.Length; l++)
            {
                Sort(layers[l], up);
                Number(layers[l]);
            }

            for (var l = layers.Length - 2; l >= 0; l--)
            {
                Sort(layers[l], down);
                Number(layers[l]);
            }

            var crossings = Crossings(layers, down);
            if (crossings < fewest)
            {
                fewest = crossings;
                best = layers.Select(l => l.ToArray()).ToArray();
            }
        }

        for (var l = 0; l < layers.Length; l++)
        {
            layers[l].Clear();
            layers[l].AddRange(best[l]);
        }

        void Sort(List<int> nodes, List<int>[] neighbours)
        {
            var keys = new Dictionary<int, double>(nodes.Count);
            foreach (var v in nodes)
            {
                keys[v] = neighbours[v].Count == 0 ? position[v] : neighbours[v].Average(w => position[w]);
            }

            var sorted = nodes.Select((v, i) => (v, i)).OrderBy(x => keys[x.v]).ThenBy(x => x.i).Select(x => x.v).ToList();
            nodes.Clear();
            nodes.AddRange(sorted);
        }
    }

    /// <summary>Crossings between edges that join adjacent layers (edges spanning more layers are not counted).</summary>
    internal static int Crossings(IReadOnlyList<List<int>> layers, List<int>[] down)
    {
        var index = new Dictionary<int, (int Layer, int Position)>();
        for (var l = 0; l < layers.Count; l++)
        {
            for (var i = 0; i < layers[l].Count; i++)
            {
                index[layers[l][i]] = (l, i);
            }
        }

        var total = 0;
        for (var l = 0; l + 1 < layers.Count; l++)
        {
            var pairs = new List<(int Upper, int Lower)>();
            foreach (var u in layers[l])
            {
                foreach (var v in down[u])
                {
                    if (index[v].Layer == l + 1)
                    {
                        pairs.Add((index[u].Position, index[v].Position));
                    }
                }
            }

            for (var i = 0; i < pairs.Count; i++)
            {
                for (var j = i + 1; j < pairs.Count; j++)
                {
                    if ((pairs[i].Upper - pairs[j].Upper) * (pairs[i].Lower - pairs[j].Lower) < 0)
                    {
                        total++;
                    }
                }
            }
        }

        return total;
    }

    private static (double X1, double Y1, double X2, double Y2) Anchors((double X, double Y) source, (double X, double Y) target, LayoutOptions options)
    {
        var halfHeight = options.NodeHeight / 2;
        var halfWidth = options.NodeWidth / 2;
        if (source.Y < target.Y)
        {
            return (source.X, source.Y + halfHeight, target.X, target.Y - halfHeight);
        }

        if (source.Y > target.Y)
        {
            return (source.X, source.Y - halfHeight, target.X, target.Y + halfHeight);
        }

        return source.X < target.X
            ? (source.X + halfWidth, source.Y, target.X - halfWidth, target.Y)
            : (source.X - halfWidth, source.Y, target.X + halfWidth, target.Y);
    }
}
