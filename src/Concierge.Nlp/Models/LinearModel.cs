using System.Numerics;
using System.Runtime.InteropServices;
using Concierge.Nlp.Features;

namespace Concierge.Nlp.Models;

/// <summary>
/// A multi-class linear model over sparse features. Weights are feature-major (one contiguous, SIMD-padded row of
/// class weights per feature) so scoring is one vector AXPY per non-zero feature.
/// </summary>
internal sealed class LinearModel
{
    public int Classes { get; }
    public int Features { get; }
    public int Stride { get; }
    internal readonly float[] Weights;
    internal readonly float[] Bias;

    public LinearModel(int classes, int features)
    {
        Classes = classes;
        Features = features;
        var lanes = Vector<float>.Count;
        Stride = (classes + lanes - 1) / lanes * lanes;
        Weights = new float[(long)Stride * features];
        Bias = new float[Stride];
    }

    /// <summary>Writes raw scores (logits) into <paramref name="scores"/>, which must be at least <see cref="Stride"/> long.</summary>
    public void Score(SparseVector x, Span<float> scores)
    {
        var s = scores[..Stride];
        Bias.AsSpan().CopyTo(s);
        var acc = MemoryMarshal.Cast<float, Vector<float>>(s);
        var w = Weights.AsSpan();
        Prefetch(x);
        for (var k = 0; k < x.Indices.Length; k++)
        {
            var v = new Vector<float>(x.Values[k]);
            var row = MemoryMarshal.Cast<float, Vector<float>>(w.Slice(x.Indices[k] * Stride, Stride));
            for (var j = 0; j < acc.Length; j++) acc[j] += row[j] * v;
        }
    }

    // Rows are scattered over tens of MB: issue every row's loads up front so the misses overlap.
    private unsafe void Prefetch(SparseVector x)
    {
        if (!System.Runtime.Intrinsics.X86.Sse.IsSupported) return;
        fixed (float* p = Weights)
            foreach (var f in x.Indices)
            {
                var row = p + (long)f * Stride;
                for (var b = 0; b < Stride; b += 16) System.Runtime.Intrinsics.X86.Sse.Prefetch0(row + b);
            }
    }

    public void Write(BinaryWriter w)
    {
        w.Write(Classes); w.Write(Features);
        // Rows that never received an update are written as a flag only: most hashed features are rare.
        var nonZeroRows = 0;
        for (var f = 0; f < Features; f++) if (!RowIsZero(f)) nonZeroRows++;
        w.Write(nonZeroRows);
        for (var f = 0; f < Features; f++)
        {
            if (RowIsZero(f)) continue;
            w.Write(f);
            for (var c = 0; c < Classes; c++) w.Write(Weights[(long)f * Stride + c]);
        }
        for (var c = 0; c < Classes; c++) w.Write(Bias[c]);
    }

    private bool RowIsZero(int f)
    {
        var row = Weights.AsSpan((int)((long)f * Stride), Classes);
        foreach (var v in row) if (v != 0) return false;
        return true;
    }

    public static LinearModel Read(BinaryReader r)
    {
        var classes = r.ReadInt32();
        var features = r.ReadInt32();
        var m = new LinearModel(classes, features);
        var rows = r.ReadInt32();
        for (var i = 0; i < rows; i++)
        {
            var f = r.ReadInt32();
            for (var c = 0; c < classes; c++) m.Weights[(long)f * m.Stride + c] = r.ReadSingle();
        }
        for (var c = 0; c < classes; c++) m.Bias[c] = r.ReadSingle();
        return m;
    }

    /// <summary>Numerically stable softmax of <paramref name="logits"/>/<paramref name="temperature"/> over the first <see cref="Classes"/> entries.</summary>
    public static void Softmax(Span<float> logits, int classes, float temperature)
    {
        var max = float.NegativeInfinity;
        for (var c = 0; c < classes; c++) max = MathF.Max(max, logits[c]);
        float sum = 0;
        for (var c = 0; c < classes; c++) { var e = MathF.Exp((logits[c] - max) / temperature); logits[c] = e; sum += e; }
        for (var c = 0; c < classes; c++) logits[c] /= sum;
    }
}
