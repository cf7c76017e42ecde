using System.Numerics;
using System.Runtime.InteropServices;
using Concierge.Nlp.Features;
using Concierge.Nlp.Models;
using Concierge.Nlp.Text;

namespace Concierge.Nlp.Tests;

/// <summary>The prediction fast paths must give exactly what the plain code they replaced gave.</summary>
public class ScoringKernelTests
{
    // The row-at-a-time loop QuantizedLinear used before it was column-blocked: the reference for bit-identical sums.
    private static float[] Reference(SparseVector x, short[] weights, float[] rowScale, int stride, float[] start)
    {
        var output = (float[])start.Clone();
        var acc = MemoryMarshal.Cast<float, Vector<float>>(output.AsSpan());
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
        return output;
    }

    [Theory]
    [InlineData(1)]   // one short vector per row: the remainder block
    [InlineData(2)]   // a 32-unit hidden layer on AVX2
    [InlineData(5)]   // 77 classes on AVX2: 4 + 1
    [InlineData(7)]   // 4 + 2 + 1
    public void BlockedAccumulationIsBitIdenticalToRowAtATime(int shortVectors)
    {
        var stride = shortVectors * Vector<short>.Count;
        const int features = 300;
        var rng = new Random(5);
        var weights = new short[features * stride];
        for (var i = 0; i < weights.Length; i++) weights[i] = (short)rng.Next(short.MinValue, short.MaxValue + 1);
        var scales = new float[features];
        for (var f = 0; f < features; f++) scales[f] = f % 17 == 0 ? 0 : (float)rng.NextDouble() * 1e-4f;
        var ids = Enumerable.Range(0, features).OrderBy(_ => rng.Next()).Take(200).ToArray();
        var x = new SparseVector(ids, ids.Select(_ => (float)rng.NextDouble()).ToArray());
        var start = Enumerable.Range(0, stride).Select(i => i * 0.01f).ToArray();

        var (aligned, offset) = QuantizedLinear.Aligned(weights);
        var actual = (float[])start.Clone();
        QuantizedLinear.AccumulateRows(x, aligned, offset, scales, stride, actual);

        var expected = Reference(x, weights, scales, stride, start);
        for (var c = 0; c < stride; c++)
            BitConverter.SingleToInt32Bits(actual[c]).ShouldBe(BitConverter.SingleToInt32Bits(expected[c]), $"lane {c}");
    }

    [Fact]
    public void AlignedCopiesStartACacheLineAndKeepTheValues()
    {
        var weights = Enumerable.Range(0, 1000).Select(i => (short)(i * 7)).ToArray();
        var (a, offset) = QuantizedLinear.Aligned(weights);
        (Marshal.UnsafeAddrOfPinnedArrayElement(a, offset) % 64).ShouldBe(0); // the array is pinned: the address holds
        a.AsSpan(offset, weights.Length).SequenceEqual(weights).ShouldBeTrue();
    }

    [Theory]
    [InlineData("my card hasn't arrived yet", new[] { "my", "card", "hasn't", "arrived", "yet" })]
    [InlineData("top up 35.5 eur via apple pay", new[] { "top", "up", "35.5", "eur", "via", "apple", "pay" })]
    public void LatinBlocksAreWholeWords(string normalized, string[] expected) =>
        Segmenter.Default.Segment(normalized).ShouldBe(expected);


    [Fact]
    public void TheStemCacheGivesTheSameStemsAsComputingThem()
    {
        string[] words = ["cards", "charging", "charged", "policies", "monthly", "transfers", "this", "apply"];
        var first = words.Select(LatinStemmer.Stem).ToArray();
        var again = words.Select(w => LatinStemmer.Stem(new string(w.AsSpan()))).ToArray(); // cache hits on equal strings
        again.ShouldBe(first);
        first.ShouldBe(["card", "charg", "charg", "policy", "month", "transfer", "this", "apply"]);
    }
}
