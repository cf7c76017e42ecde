using System.Numerics;
using System.Runtime.InteropServices;
using Concierge.Nlp.Features;

namespace Concierge.Nlp.Models;

/// <summary>
/// The inference form of a <see cref="LinearModel"/>: weights as 16-bit integers with one scale per feature row.
/// Half the memory and half the bytes pulled through the cache per prediction (the dominant cost: rows are scattered
/// over megabytes); the rounding error (≤ 1/65534 of a row's largest weight) does not change rankings in practice.
/// </summary>
internal sealed class QuantizedLinear
{
    public int Classes { get; }
    public int Features { get; }
    public int Stride { get; }
    private readonly short[] _weights;
    private readonly float[] _rowScale;
    private readonly float[] _bias;

    private QuantizedLinear(int classes, int features, short[] weights, float[] rowScale, float[] bias)
    {
        Classes = classes; Features = features; _weights = weights; _rowScale = rowScale; _bias = bias;
        Stride = StrideFor(classes);
    }

    private static int StrideFor(int classes)
    {
        var lanes = Vector<short>.Count;
        return (classes + lanes - 1) / lanes * lanes;
    }

    public long Bytes => _weights.LongLength * 2 + _rowScale.LongLength * 4;

    public static QuantizedLinear From(LinearModel m)
    {
        var stride = StrideFor(m.Classes);
        var w = new short[(long)stride * m.Features];
        var scales = new float[m.Features];
        for (var f = 0; f < m.Features; f++)
        {
            var row = m.Weights.AsSpan((int)((long)f * m.Stride), m.Classes);
            float max = 0;
            foreach (var v in row) max = Math.Max(max, Math.Abs(v));
            if (max == 0) continue;
            var scale = max / short.MaxValue;
            scales[f] = scale;
            for (var c = 0; c < m.Classes; c++) w[(long)f * stride + c] = (short)MathF.Round(row[c] / scale);
        }
        var bias = new float[stride];
        Array.Copy(m.Bias, bias, m.Classes);
        return new QuantizedLinear(m.Classes, m.Features, w, scales, bias);
    }

    /// <summary>Writes logits into <paramref name="scores"/> (at least <see cref="Stride"/> long).</summary>
    public void Score(SparseVector x, Span<float> scores)
    {
        var s = scores[..Stride];
        _bias.AsSpan().CopyTo(s);
        AccumulateRows(x, _weights, _rowScale, Stride, s);
    }

    /// <summary>
    /// <paramref name="output"/> += Σ x[f] · scale[f] · W[f, :] over a row-quantised int16 matrix with rows of
    /// <paramref name="stride"/> (a multiple of the vector width). The hot loop of both this model and <see cref="HiddenLayer"/>.
    /// </summary>
    internal static void AccumulateRows(SparseVector x, short[] weights, float[] rowScale, int stride, Span<float> output)
    {
        var acc = MemoryMarshal.Cast<float, Vector<float>>(output);
        PrefetchRows(x, weights, stride);
        for (var k = 0; k < x.Indices.Length; k++)
        {
            var f = x.Indices[k];
            var scale = rowScale[f];
            if (scale == 0) continue;
            var v = new Vector<float>(x.Values[k] * scale);
            var row = MemoryMarshal.Cast<short, Vector<short>>(weights.AsSpan(f * stride, stride));
            for (var j = 0; j < row.Length; j++)
            {
                Vector.Widen(row[j], out var lo, out var hi);
                acc[2 * j] += Vector.ConvertToSingle(lo) * v;
                acc[2 * j + 1] += Vector.ConvertToSingle(hi) * v;
            }
        }
    }

    // Rows are scattered over megabytes: issue every row's load up front so the misses overlap.
    private static unsafe void PrefetchRows(SparseVector x, short[] weights, int stride)
    {
        if (!System.Runtime.Intrinsics.X86.Sse.IsSupported) return;
        fixed (short* p = weights)
            foreach (var f in x.Indices)
            {
                var row = p + (long)f * stride;
                for (var b = 0; b < stride; b += 32) System.Runtime.Intrinsics.X86.Sse.Prefetch0(row + b);
            }
    }

    public void Write(BinaryWriter w)
    {
        w.Write(Classes); w.Write(Features);
        var rows = 0;
        foreach (var s in _rowScale) if (s != 0) rows++;
        w.Write(rows);
        for (var f = 0; f < Features; f++)
        {
            if (_rowScale[f] == 0) continue;
            w.Write(f); w.Write(_rowScale[f]);
            for (var c = 0; c < Classes; c++) w.Write(_weights[(long)f * Stride + c]);
        }
        for (var c = 0; c < Classes; c++) w.Write(_bias[c]);
    }

    public static QuantizedLinear Read(BinaryReader r)
    {
        var classes = r.ReadInt32(); var features = r.ReadInt32();
        var stride = StrideFor(classes);
        var w = new short[(long)stride * features];
        var scales = new float[features];
        var rows = r.ReadInt32();
        for (var i = 0; i < rows; i++)
        {
            var f = r.ReadInt32();
            scales[f] = r.ReadSingle();
            for (var c = 0; c < classes; c++) w[(long)f * stride + c] = r.ReadInt16();
        }
        var bias = new float[stride];
        for (var c = 0; c < classes; c++) bias[c] = r.ReadSingle();
        return new QuantizedLinear(classes, features, w, scales, bias);
    }
}
