using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
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
    private readonly short[] _weights; // cache-line aligned from _offset on (see Aligned)
    private readonly int _offset;
    private readonly float[] _rowScale;
    private readonly float[] _bias;

    private QuantizedLinear(int classes, int features, short[] weights, float[] rowScale, float[] bias)
    {
        Classes = classes; Features = features; (_weights, _offset) = Aligned(weights); _rowScale = rowScale; _bias = bias;
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
        AccumulateRows(x, _weights, _offset, _rowScale, Stride, s);
    }

    /// <summary>
    /// <paramref name="output"/> += Σ x[f] · scale[f] · W[f, :] over a row-quantised int16 matrix with rows of
    /// <paramref name="stride"/> (a multiple of the vector width). The hot loop of both this model and <see cref="HiddenLayer"/>.
    /// </summary>
    internal static void AccumulateRows(SparseVector x, short[] weights, int offset, float[] rowScale, int stride, Span<float> output)
    {
        var acc = MemoryMarshal.Cast<float, Vector<float>>(output);
        PrefetchRows(x, weights, offset, stride);
        // Per non-zero feature: its row offset and multiplier (value × row scale), skipping all-zero rows. Worked out
        // once here because the column blocks below walk the feature list several times.
        var n = x.Indices.Length;
        int[]? rentedRows = null; float[]? rentedMul = null;
        var rows = n <= 1024 ? stackalloc int[n] : (rentedRows = ArrayPool<int>.Shared.Rent(n));
        var muls = n <= 1024 ? stackalloc float[n] : (rentedMul = ArrayPool<float>.Shared.Rent(n));
        var m = 0;
        for (var k = 0; k < n; k++)
        {
            var f = x.Indices[k];
            var scale = rowScale[f];
            if (scale == 0) continue;
            rows[m] = offset + f * stride; muls[m] = x.Values[k] * scale; m++;
        }
        rows = rows[..m]; muls = muls[..m];
        // Column-blocked: a block's accumulators stay in registers across all features, instead of a load and a store
        // of every accumulator per feature (that store-to-load chain, not memory, bounded the old row-at-a-time loop).
        // Each output lane still adds the same products in the same feature order, so the sums are bit-identical.
        var shortVectors = stride / Vector<short>.Count;
        var j = 0;
        for (; j + 4 <= shortVectors; j += 4) Block4(weights, rows, muls, j, acc);
        for (; j + 2 <= shortVectors; j += 2) Block2(weights, rows, muls, j, acc);
        if (j < shortVectors) Block1(weights, rows, muls, j, acc);
        if (rentedRows is not null) ArrayPool<int>.Shared.Return(rentedRows);
        if (rentedMul is not null) ArrayPool<float>.Shared.Return(rentedMul);
    }

    // acc[2j .. 2j+7] += Σ muls[k] · W[rows[k] + columns of short vectors j .. j+3].
    private static void Block4(short[] weights, ReadOnlySpan<int> rows, ReadOnlySpan<float> muls, int j, Span<Vector<float>> acc)
    {
        ref var w0 = ref MemoryMarshal.GetArrayDataReference(weights);
        var lanes = Vector<short>.Count;
        var col = j * lanes;
        Vector<float> a0 = acc[2 * j], a1 = acc[2 * j + 1], a2 = acc[2 * j + 2], a3 = acc[2 * j + 3];
        Vector<float> a4 = acc[2 * j + 4], a5 = acc[2 * j + 5], a6 = acc[2 * j + 6], a7 = acc[2 * j + 7];
        for (var k = 0; k < rows.Length; k++)
        {
            ref var r = ref Unsafe.Add(ref w0, rows[k] + col);
            var v = new Vector<float>(muls[k]);
            Vector.Widen(Vector.LoadUnsafe(ref r), out var l0, out var h0);
            Vector.Widen(Vector.LoadUnsafe(ref r, (nuint)lanes), out var l1, out var h1);
            Vector.Widen(Vector.LoadUnsafe(ref r, (nuint)(2 * lanes)), out var l2, out var h2);
            Vector.Widen(Vector.LoadUnsafe(ref r, (nuint)(3 * lanes)), out var l3, out var h3);
            a0 += Vector.ConvertToSingle(l0) * v; a1 += Vector.ConvertToSingle(h0) * v;
            a2 += Vector.ConvertToSingle(l1) * v; a3 += Vector.ConvertToSingle(h1) * v;
            a4 += Vector.ConvertToSingle(l2) * v; a5 += Vector.ConvertToSingle(h2) * v;
            a6 += Vector.ConvertToSingle(l3) * v; a7 += Vector.ConvertToSingle(h3) * v;
        }
        acc[2 * j] = a0; acc[2 * j + 1] = a1; acc[2 * j + 2] = a2; acc[2 * j + 3] = a3;
        acc[2 * j + 4] = a4; acc[2 * j + 5] = a5; acc[2 * j + 6] = a6; acc[2 * j + 7] = a7;
    }

    private static void Block2(short[] weights, ReadOnlySpan<int> rows, ReadOnlySpan<float> muls, int j, Span<Vector<float>> acc)
    {
        ref var w0 = ref MemoryMarshal.GetArrayDataReference(weights);
        var lanes = Vector<short>.Count;
        var col = j * lanes;
        Vector<float> a0 = acc[2 * j], a1 = acc[2 * j + 1], a2 = acc[2 * j + 2], a3 = acc[2 * j + 3];
        for (var k = 0; k < rows.Length; k++)
        {
            ref var r = ref Unsafe.Add(ref w0, rows[k] + col);
            var v = new Vector<float>(muls[k]);
            Vector.Widen(Vector.LoadUnsafe(ref r), out var l0, out var h0);
            Vector.Widen(Vector.LoadUnsafe(ref r, (nuint)lanes), out var l1, out var h1);
            a0 += Vector.ConvertToSingle(l0) * v; a1 += Vector.ConvertToSingle(h0) * v;
            a2 += Vector.ConvertToSingle(l1) * v; a3 += Vector.ConvertToSingle(h1) * v;
        }
        acc[2 * j] = a0; acc[2 * j + 1] = a1; acc[2 * j + 2] = a2; acc[2 * j + 3] = a3;
    }

    private static void Block1(short[] weights, ReadOnlySpan<int> rows, ReadOnlySpan<float> muls, int j, Span<Vector<float>> acc)
    {
        ref var w0 = ref MemoryMarshal.GetArrayDataReference(weights);
        var col = j * Vector<short>.Count;
        Vector<float> a0 = acc[2 * j], a1 = acc[2 * j + 1];
        for (var k = 0; k < rows.Length; k++)
        {
            var v = new Vector<float>(muls[k]);
            Vector.Widen(Vector.LoadUnsafe(ref Unsafe.Add(ref w0, rows[k] + col)), out var l0, out var h0);
            a0 += Vector.ConvertToSingle(l0) * v; a1 += Vector.ConvertToSingle(h0) * v;
        }
        acc[2 * j] = a0; acc[2 * j + 1] = a1;
    }

    // Rows are scattered over megabytes: issue every row's load up front so the misses overlap. Array data is not
    // cache-line aligned, so a row usually straddles one more line than its length suggests (a 64-byte hidden-layer
    // row touches two): prefetch every line from the row's first byte to its last, or the straddled line is a
    // demand miss in the middle of the multiply-add loop.
    private static unsafe void PrefetchRows(SparseVector x, short[] weights, int offset, int stride)
    {
        if (!System.Runtime.Intrinsics.X86.Sse.IsSupported) return;
        fixed (short* p0 = weights)
        {
            var p = p0 + offset;
            foreach (var f in x.Indices)
            {
                var first = (nuint)(p + (long)f * stride) & ~(nuint)63;
                var last = (nuint)(p + (long)f * stride + stride - 1);
                for (var line = first; line <= last; line += 64) System.Runtime.Intrinsics.X86.Sse.Prefetch0((void*)line);
            }
        }
    }

    /// <summary>
    /// A copy of <paramref name="weights"/> whose element <c>offset</c> starts a 64-byte cache line, in a pinned array
    /// (it never moves, so the alignment holds). A 32-unit hidden-layer row is then exactly one line instead of two,
    /// and a 77-class linear row (160 bytes) three lines instead of three or four: fewer misses per prediction.
    /// </summary>
    internal static unsafe (short[] Array, int Offset) Aligned(short[] weights)
    {
        var a = GC.AllocateUninitializedArray<short>(weights.Length + 32, pinned: true);
        var address = (nuint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(a));
        var offset = (int)((64 - (address & 63)) & 63) / sizeof(short);
        // Large matrices are also advised into transparent huge pages (Linux), for the whole 2 MB pages inside them: a
        // prediction touches a few hundred rows spread over ~15 MB, which with 4 KB pages is mostly TLB misses on top
        // of cache misses. Done before the copy so the pages are faulted in huge. Best effort: a refusal costs speed only.
        if (OperatingSystem.IsLinux() && weights.Length * sizeof(short) >= 2 * HugePage)
        {
            var start = (address + (nuint)(HugePage - 1)) & ~(nuint)(HugePage - 1);
            var end = (address + (nuint)(a.Length * sizeof(short))) & ~(nuint)(HugePage - 1);
            // "libc" may not resolve on a system without the C library's development link (libc.so): then no advice.
            try { if (end > start) _ = Madvise((void*)start, end - start, MadvHugePage); }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException) { }
        }
        weights.AsSpan().CopyTo(a.AsSpan(offset));
        return (a, offset);
    }

    private const int HugePage = 2 << 20;
    private const int MadvHugePage = 14;

    [DllImport("libc", EntryPoint = "madvise")]
    private static extern unsafe int Madvise(void* address, nuint length, int advice);

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
            for (var c = 0; c < Classes; c++) w.Write(_weights[_offset + (long)f * Stride + c]);
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
