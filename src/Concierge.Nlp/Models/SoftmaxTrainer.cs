using System.Numerics;
using System.Runtime.InteropServices;
using Concierge.Nlp.Features;

namespace Concierge.Nlp.Models;

internal sealed record SoftmaxTrainerOptions
{
    public int Epochs { get; init; } = 8;
    public float LearningRate { get; init; } = 0.1f;
    public float L2 { get; init; } = 1e-5f;
    public int Seed { get; init; } = 13;
}

/// <summary>
/// Multinomial logistic regression trained with sparse AdaGrad (per-coordinate step sizes suit TF-IDF features
/// whose frequencies differ by orders of magnitude). Deterministic given the seed.
/// </summary>
internal static class SoftmaxTrainer
{
    private const float GradientFloor = 1e-3f;

    public static LinearModel Train(IReadOnlyList<SparseVector> xs, IReadOnlyList<int> ys, int classes, int features,
        SoftmaxTrainerOptions o, IReadOnlyList<int>? subset = null)
    {
        var model = new LinearModel(classes, features);
        var stride = model.Stride;
        var g2 = new float[model.Weights.LongLength];
        var g2b = new float[stride];
        var order = subset is null ? Enumerable.Range(0, xs.Count).ToArray() : subset.ToArray();
        var rng = new Random(o.Seed);
        var scores = new float[stride];
        var grad = new float[stride];
        var gradV = MemoryMarshal.Cast<float, Vector<float>>(grad.AsSpan());
        var eps = new Vector<float>(1e-6f);
        var active = new int[stride];
        var l2 = new Vector<float>(o.L2);
        for (var epoch = 0; epoch < o.Epochs; epoch++)
        {
            rng.Shuffle(order);
            var lr = new Vector<float>(o.LearningRate);
            foreach (var i in order)
            {
                var x = xs[i];
                model.Score(x, scores);
                LinearModel.Softmax(scores, classes, 1f);
                for (var c = 0; c < classes; c++) grad[c] = scores[c];
                for (var c = classes; c < stride; c++) grad[c] = 0;
                grad[ys[i]] -= 1f;
                // Only classes with a non-negligible gradient are updated: after the first epoch that is a handful
                // out of hundreds, which makes training cost O(nnz × active) instead of O(nnz × classes).
                var nActive = 0;
                for (var c = 0; c < classes; c++)
                    if (grad[c] > GradientFloor || grad[c] < -GradientFloor) active[nActive++] = c;
                if (nActive * 3 > stride)
                {
                    for (var k = 0; k < x.Indices.Length; k++)
                    {
                        var off = x.Indices[k] * stride;
                        var w = MemoryMarshal.Cast<float, Vector<float>>(model.Weights.AsSpan(off, stride));
                        var g = MemoryMarshal.Cast<float, Vector<float>>(g2.AsSpan(off, stride));
                        var xv = new Vector<float>(x.Values[k]);
                        for (var j = 0; j < w.Length; j++)
                        {
                            var gj = gradV[j] * xv + l2 * w[j];
                            var acc = g[j] + gj * gj;
                            g[j] = acc;
                            w[j] -= lr * gj / (Vector.SquareRoot(acc) + eps);
                        }
                    }
                }
                else
                {
                    var rate = o.LearningRate;
                    for (var k = 0; k < x.Indices.Length; k++)
                    {
                        var off = x.Indices[k] * stride;
                        var xk = x.Values[k];
                        for (var a = 0; a < nActive; a++)
                        {
                            var idx = off + active[a];
                            var gj = grad[active[a]] * xk + o.L2 * model.Weights[idx];
                            var acc = g2[idx] + gj * gj;
                            g2[idx] = acc;
                            model.Weights[idx] -= rate * gj / (MathF.Sqrt(acc) + 1e-6f);
                        }
                    }
                }
                var bw = MemoryMarshal.Cast<float, Vector<float>>(model.Bias.AsSpan());
                var bg = MemoryMarshal.Cast<float, Vector<float>>(g2b.AsSpan());
                for (var j = 0; j < bw.Length; j++)
                {
                    bg[j] += gradV[j] * gradV[j];
                    bw[j] -= lr * gradV[j] / (Vector.SquareRoot(bg[j]) + eps);
                }
            }
        }
        // Padding lanes must stay exactly zero so they never win an argmax by accident.
        for (var c = classes; c < stride; c++) model.Bias[c] = 0;
        return model;
    }
}
