namespace Concierge.Nlp.Models;

internal sealed record BoostedTreesOptions
{
    public int Trees { get; init; } = 150;
    public int Depth { get; init; } = 4;
    public float LearningRate { get; init; } = 0.1f;
    public int MinLeaf { get; init; } = 20;
    public float L2 { get; init; } = 1f;
}

/// <summary>
/// Small gradient-boosted regression trees with logistic loss over dense features (a few dozen similarity
/// features). Exact greedy splits on pre-sorted columns; deterministic. Output is P(positive).
/// </summary>
internal sealed class BoostedTrees
{
    // Flattened complete binary trees: per node the feature (-1 = leaf), threshold and value.
    private readonly int[] _feature;
    private readonly float[] _threshold;
    private readonly float[] _value;
    private readonly int _nodesPerTree;
    private readonly float _base;

    public int Trees { get; }
    public int Depth { get; }

    private BoostedTrees(int trees, int depth, float baseScore, int[] feature, float[] threshold, float[] value)
    {
        Trees = trees; Depth = depth; _base = baseScore; _feature = feature; _threshold = threshold; _value = value;
        _nodesPerTree = (1 << (depth + 1)) - 1;
    }

    public float Probability(ReadOnlySpan<float> x) => 1f / (1f + MathF.Exp(-Margin(x)));

    public float Margin(ReadOnlySpan<float> x)
    {
        var score = _base;
        for (var t = 0; t < Trees; t++)
        {
            var off = t * _nodesPerTree;
            var node = 0;
            while (_feature[off + node] >= 0)
                node = x[_feature[off + node]] <= _threshold[off + node] ? 2 * node + 1 : 2 * node + 2;
            score += _value[off + node];
        }
        return score;
    }

    private const int Bins = 48;

    public static BoostedTrees Train(float[][] xs, bool[] ys, BoostedTreesOptions o)
    {
        var n = xs.Length;
        var dims = n == 0 ? 0 : xs[0].Length;
        var pos = ys.Count(y => y);
        var prior = Math.Clamp((pos + 1.0) / (n + 2.0), 1e-3, 1 - 1e-3);
        var baseScore = (float)Math.Log(prior / (1 - prior));
        var nodes = (1 << (o.Depth + 1)) - 1;
        var minLeaf = Math.Max(2, Math.Min(o.MinLeaf, n / 10)); // tiny training sets still get splits
        var feature = new int[o.Trees * nodes];
        var threshold = new float[o.Trees * nodes];
        var value = new float[o.Trees * nodes];
        Array.Fill(feature, -1);
        // Histogram boosting: each feature is cut once into quantile bins; a split is "bin <= b".
        var edges = new float[dims][];
        var binned = new byte[(long)n * dims];
        for (var d = 0; d < dims; d++)
        {
            var col = new float[n];
            for (var i = 0; i < n; i++) col[i] = xs[i][d];
            Array.Sort(col);
            var cuts = new List<float>();
            for (var q = 1; q < Bins; q++)
            {
                var v = col[(int)((long)q * (n - 1) / Bins)];
                if (cuts.Count == 0 || v > cuts[^1]) cuts.Add(v);
            }
            edges[d] = [.. cuts];
            for (var i = 0; i < n; i++)
            {
                var k = Array.BinarySearch(edges[d], xs[i][d]);
                binned[(long)i * dims + d] = (byte)(k >= 0 ? k : ~k);
            }
        }
        var margin = new float[n];
        Array.Fill(margin, baseScore);
        var g = new float[n]; var h = new float[n];
        var nodeOf = new int[n];
        var maxLevel = 1 << o.Depth;
        var histG = new double[maxLevel * dims * Bins];
        var histH = new double[maxLevel * dims * Bins];
        var histC = new int[maxLevel * dims * Bins];
        for (var t = 0; t < o.Trees; t++)
        {
            for (var i = 0; i < n; i++)
            {
                var p = 1f / (1f + MathF.Exp(-margin[i]));
                g[i] = p - (ys[i] ? 1f : 0f);
                h[i] = Math.Max(p * (1 - p), 1e-6f);
            }
            Array.Clear(nodeOf);
            var off = t * nodes;
            var firstOfLevel = 0;
            for (var level = 0; level <= o.Depth; level++)
            {
                var levelCount = 1 << level;
                var sumG = new double[levelCount]; var sumH = new double[levelCount]; var count = new int[levelCount];
                for (var i = 0; i < n; i++)
                {
                    var k = nodeOf[i] - firstOfLevel;
                    if (nodeOf[i] < 0 || k < 0) continue;
                    sumG[k] += g[i]; sumH[k] += h[i]; count[k]++;
                }
                if (level == o.Depth)
                {
                    for (var k = 0; k < levelCount; k++)
                        if (count[k] > 0) value[off + firstOfLevel + k] = (float)(-sumG[k] / (sumH[k] + o.L2) * o.LearningRate);
                    break;
                }
                var span = levelCount * dims * Bins;
                Array.Clear(histG, 0, span); Array.Clear(histH, 0, span); Array.Clear(histC, 0, span);
                for (var i = 0; i < n; i++)
                {
                    var k = nodeOf[i] - firstOfLevel;
                    if (nodeOf[i] < 0 || k < 0) continue;
                    var row = (long)i * dims;
                    var baseIdx = k * dims * Bins;
                    for (var d = 0; d < dims; d++)
                    {
                        var idx = baseIdx + d * Bins + binned[row + d];
                        histG[idx] += g[i]; histH[idx] += h[i]; histC[idx]++;
                    }
                }
                for (var k = 0; k < levelCount; k++)
                {
                    var node = firstOfLevel + k;
                    double bestGain = 0; int bestF = -1; float bestT = 0;
                    if (count[k] >= 2 * minLeaf)
                    {
                        var parent = sumG[k] * sumG[k] / (sumH[k] + o.L2);
                        for (var d = 0; d < dims; d++)
                        {
                            double lg = 0, lh = 0; var lc = 0;
                            var baseIdx = (k * dims + d) * Bins;
                            for (var bin = 0; bin < edges[d].Length; bin++)
                            {
                                lg += histG[baseIdx + bin]; lh += histH[baseIdx + bin]; lc += histC[baseIdx + bin];
                                if (lc < minLeaf) continue;
                                if (count[k] - lc < minLeaf) break;
                                var rg = sumG[k] - lg; var rh = sumH[k] - lh;
                                var gain = lg * lg / (lh + o.L2) + rg * rg / (rh + o.L2) - parent;
                                if (gain > bestGain + 1e-9) { bestGain = gain; bestF = d; bestT = edges[d][bin]; }
                            }
                        }
                    }
                    if (bestF < 0)
                    {
                        if (count[k] > 0) value[off + node] = (float)(-sumG[k] / (sumH[k] + o.L2) * o.LearningRate);
                        continue;
                    }
                    feature[off + node] = bestF; threshold[off + node] = bestT;
                }
                for (var i = 0; i < n; i++)
                {
                    var node = nodeOf[i];
                    if (node < firstOfLevel) continue;
                    if (feature[off + node] < 0) { nodeOf[i] = -1; continue; } // leaf: stop descending
                    nodeOf[i] = xs[i][feature[off + node]] <= threshold[off + node] ? 2 * node + 1 : 2 * node + 2;
                }
                firstOfLevel += levelCount;
            }
            for (var i = 0; i < n; i++) margin[i] += TreeValue(feature, threshold, value, off, xs[i]);
        }
        return new BoostedTrees(o.Trees, o.Depth, baseScore, feature, threshold, value);
    }

    private static float TreeValue(int[] feature, float[] threshold, float[] value, int off, float[] x)
    {
        var node = 0;
        while (feature[off + node] >= 0) node = x[feature[off + node]] <= threshold[off + node] ? 2 * node + 1 : 2 * node + 2;
        return value[off + node];
    }

    public void Write(BinaryWriter w)
    {
        w.Write(Trees); w.Write(Depth); w.Write(_base);
        for (var i = 0; i < _feature.Length; i++) { w.Write(_feature[i]); w.Write(_threshold[i]); w.Write(_value[i]); }
    }

    public static BoostedTrees Read(BinaryReader r)
    {
        var trees = r.ReadInt32(); var depth = r.ReadInt32(); var b = r.ReadSingle();
        var n = trees * ((1 << (depth + 1)) - 1);
        var f = new int[n]; var t = new float[n]; var v = new float[n];
        for (var i = 0; i < n; i++) { f[i] = r.ReadInt32(); t[i] = r.ReadSingle(); v[i] = r.ReadSingle(); }
        return new BoostedTrees(trees, depth, b, f, t, v);
    }
}
