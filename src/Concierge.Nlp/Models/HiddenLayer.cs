using System.Numerics;
using System.Runtime.InteropServices;
using Concierge.Nlp.Features;

namespace Concierge.Nlp.Models;

internal sealed record HiddenLayerOptions
{
    /// <summary>Hidden units: a multiple of the SIMD width in 16-bit lanes (16 on AVX2).</summary>
    public int Hidden { get; init; } = 32;
    public int Epochs { get; init; } = 3;
    public float LearningRate { get; init; } = 0.05f;
    public int Seed { get; init; } = 13;
    /// <summary>Feature rows × hidden units above which no hidden layer is trained (memory and training time).</summary>
    public long MaxWeights { get; init; } = 4_000_000;
}

/// <summary>
/// A one-hidden-layer network over the same sparse TF-IDF features as the linear model: an embedding row per feature
/// (summed, weighted by the feature's value), ReLU, then a dense layer to the classes; trained with per-coordinate
/// AdaGrad on cross-entropy, one example at a time, deterministic given the seed. Its logits are added to the linear
/// model's, which makes the pair a product-of-experts ensemble: the hidden units learn feature conjunctions a linear
/// model cannot express ("card" with "arrive" vs "card" with "declined"), the linear model keeps the rare n-grams
/// the network's small embedding smooths over. For inference (and on disk) the embedding rows are 16-bit integers with
/// one scale per row, as in <see cref="QuantizedLinear"/>: a 32-unit row is one cache line.
/// </summary>
internal sealed class HiddenLayer
{
    public int Features { get; }
    public int Hidden { get; }
    public int Classes { get; }
    private readonly short[] _w1; // cache-line aligned from _w1Offset on (see QuantizedLinear.Aligned)
    private readonly int _w1Offset;
    private readonly float[] _rowScale, _b1, _w2, _b2;

    private HiddenLayer(int features, int hidden, int classes, short[] w1, float[] rowScale, float[] b1, float[] w2, float[] b2)
    {
        Features = features; Hidden = hidden; Classes = classes; (_w1, _w1Offset) = QuantizedLinear.Aligned(w1); _rowScale = rowScale; _b1 = b1; _w2 = w2; _b2 = b2;
    }

    public long Bytes => _w1.LongLength * 2 + (_rowScale.LongLength + _b1.Length + _w2.Length + _b2.Length) * 4;

    private static HiddenLayer Quantize(int features, int hidden, int classes, float[] w1, float[] b1, float[] w2, float[] b2)
    {
        var q = new short[w1.Length];
        var scales = new float[features];
        for (var f = 0; f < features; f++)
        {
            var row = w1.AsSpan(f * hidden, hidden);
            float max = 0;
            foreach (var v in row) max = Math.Max(max, Math.Abs(v));
            if (max == 0) continue;
            var scale = max / short.MaxValue;
            scales[f] = scale;
            for (var j = 0; j < hidden; j++) q[f * hidden + j] = (short)MathF.Round(row[j] / scale);
        }
        return new HiddenLayer(features, hidden, classes, q, scales, b1, w2, b2);
    }

    /// <summary>Adds this network's logits to the first <see cref="Classes"/> entries of <paramref name="scores"/>.</summary>
    public void AddScores(SparseVector x, Span<float> scores)
    {
        Span<float> h = stackalloc float[Hidden];
        Activations(x, h);
        var hv = MemoryMarshal.Cast<float, Vector<float>>(h);
        for (var c = 0; c < Classes; c++)
        {
            var row = MemoryMarshal.Cast<float, Vector<float>>(_w2.AsSpan(c * Hidden, Hidden));
            var acc = Vector<float>.Zero;
            for (var j = 0; j < row.Length; j++) acc += row[j] * hv[j];
            scores[c] += _b2[c] + Vector.Sum(acc);
        }
    }

    // ReLU(b1 + Σ value × embedding row).
    private void Activations(SparseVector x, Span<float> h)
    {
        _b1.CopyTo(h);
        QuantizedLinear.AccumulateRows(x, _w1, _w1Offset, _rowScale, Hidden, h);
        var hv = MemoryMarshal.Cast<float, Vector<float>>(h);
        for (var j = 0; j < hv.Length; j++) hv[j] = Vector.Max(hv[j], Vector<float>.Zero);
    }

    // Training-time forward pass over the float weights.
    private static void Activations(SparseVector x, float[] w1, float[] b1, Span<Vector<float>> hv, int hidden)
    {
        MemoryMarshal.Cast<float, Vector<float>>(b1.AsSpan()).CopyTo(hv);
        for (var k = 0; k < x.Indices.Length; k++)
        {
            var row = MemoryMarshal.Cast<float, Vector<float>>(w1.AsSpan(x.Indices[k] * hidden, hidden));
            var v = new Vector<float>(x.Values[k]);
            for (var j = 0; j < hv.Length; j++) hv[j] += row[j] * v;
        }
        for (var j = 0; j < hv.Length; j++) hv[j] = Vector.Max(hv[j], Vector<float>.Zero);
    }

    /// <summary>Trains on <paramref name="subset"/> (all rows when null); null when the weights would exceed the budget.</summary>
    public static HiddenLayer? Train(IReadOnlyList<SparseVector> xs, IReadOnlyList<int> ys, int classes, int features,
        HiddenLayerOptions o, IReadOnlyList<int>? subset = null)
    {
        var hidden = o.Hidden;
        if (hidden % Vector<short>.Count != 0) throw new ArgumentException("Hidden units must be a multiple of the SIMD width.", nameof(o));
        if ((long)features * hidden > o.MaxWeights || classes < 2) return null;
        var rng = new Random(o.Seed);
        var w1 = new float[features * hidden]; var b1 = new float[hidden];
        var w2 = new float[classes * hidden]; var b2 = new float[classes];
        for (var i = 0; i < w1.Length; i++) w1[i] = (float)(rng.NextDouble() * 2 - 1) * 0.1f;
        var s2 = MathF.Sqrt(6f / (hidden + classes));
        for (var i = 0; i < w2.Length; i++) w2[i] = (float)(rng.NextDouble() * 2 - 1) * s2;
        var g1 = new float[w1.Length]; var gb1 = new float[hidden]; var g2 = new float[w2.Length]; var gb2 = new float[classes];
        var order = subset is null ? Enumerable.Range(0, xs.Count).ToArray() : subset.ToArray();
        var h = new float[hidden]; var dh = new float[hidden]; var z = new float[classes];
        var hv = MemoryMarshal.Cast<float, Vector<float>>(h.AsSpan());
        var dhv = MemoryMarshal.Cast<float, Vector<float>>(dh.AsSpan());
        var lr = new Vector<float>(o.LearningRate); var eps = new Vector<float>(1e-6f);

        // AdaGrad step on one row: g² accumulates, w -= lr × g / (√Σg² + ε).
        void Step(Span<float> weights, Span<float> accumulated, ReadOnlySpan<Vector<float>> direction, float scale)
        {
            var w = MemoryMarshal.Cast<float, Vector<float>>(weights);
            var a = MemoryMarshal.Cast<float, Vector<float>>(accumulated);
            var s = new Vector<float>(scale);
            for (var j = 0; j < w.Length; j++)
            {
                var g = direction[j] * s;
                a[j] += g * g;
                w[j] -= lr * g / (Vector.SquareRoot(a[j]) + eps);
            }
        }

        for (var epoch = 0; epoch < o.Epochs; epoch++)
        {
            rng.Shuffle(order);
            foreach (var i in order)
            {
                var x = xs[i];
                Activations(x, w1, b1, hv, hidden);
                var max = float.NegativeInfinity;
                for (var c = 0; c < classes; c++)
                {
                    var row = MemoryMarshal.Cast<float, Vector<float>>(w2.AsSpan(c * hidden, hidden));
                    var acc = Vector<float>.Zero;
                    for (var j = 0; j < row.Length; j++) acc += row[j] * hv[j];
                    z[c] = b2[c] + Vector.Sum(acc);
                    max = Math.Max(max, z[c]);
                }
                float sum = 0;
                for (var c = 0; c < classes; c++) sum += z[c] = MathF.Exp(z[c] - max);
                for (var c = 0; c < classes; c++) z[c] /= sum;
                z[ys[i]] -= 1f;
                Array.Clear(dh);
                for (var c = 0; c < classes; c++)
                {
                    var g = z[c];
                    if (g > -1e-4f && g < 1e-4f) continue; // classes the example says nothing about
                    var row = MemoryMarshal.Cast<float, Vector<float>>(w2.AsSpan(c * hidden, hidden));
                    var gv = new Vector<float>(g);
                    for (var j = 0; j < row.Length; j++) dhv[j] += row[j] * gv;
                    Step(w2.AsSpan(c * hidden, hidden), g2.AsSpan(c * hidden, hidden), hv, g);
                    gb2[c] += g * g;
                    b2[c] -= o.LearningRate * g / (MathF.Sqrt(gb2[c]) + 1e-6f);
                }
                // Back through the ReLU (h holds the activations: zero where the unit was off).
                for (var j = 0; j < dhv.Length; j++) dhv[j] = Vector.ConditionalSelect(Vector.GreaterThan(hv[j], Vector<float>.Zero), dhv[j], Vector<float>.Zero);
                Step(b1, gb1, dhv, 1f);
                for (var k = 0; k < x.Indices.Length; k++)
                    Step(w1.AsSpan(x.Indices[k] * hidden, hidden), g1.AsSpan(x.Indices[k] * hidden, hidden), dhv, x.Values[k]);
            }
        }
        return Quantize(features, hidden, classes, w1, b1, w2, b2);
    }

    public void Write(BinaryWriter w)
    {
        w.Write(Features); w.Write(Hidden); w.Write(Classes);
        w.Write(MemoryMarshal.AsBytes(_w1.AsSpan(_w1Offset, Features * Hidden)));
        foreach (var a in new[] { _rowScale, _b1, _w2, _b2 })
            w.Write(MemoryMarshal.AsBytes(a.AsSpan()));
    }

    public static HiddenLayer Read(BinaryReader r)
    {
        var features = r.ReadInt32(); var hidden = r.ReadInt32(); var classes = r.ReadInt32();
        if (hidden <= 0 || hidden % Vector<short>.Count != 0 || features < 0 || classes < 2)
            throw new InvalidDataException("Bad hidden-layer dimensions.");
        var w1 = new short[features * hidden];
        ReadExactly(r, MemoryMarshal.AsBytes(w1.AsSpan()));
        var arrays = new[] { new float[features], new float[hidden], new float[classes * hidden], new float[classes] };
        foreach (var a in arrays) ReadExactly(r, MemoryMarshal.AsBytes(a.AsSpan()));
        return new HiddenLayer(features, hidden, classes, w1, arrays[0], arrays[1], arrays[2], arrays[3]);
    }

    private static void ReadExactly(BinaryReader r, Span<byte> bytes)
    {
        if (r.BaseStream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false) != bytes.Length)
            throw new InvalidDataException("Truncated hidden layer.");
    }
}
