using Concierge.Nlp.Features;

namespace Concierge.Nlp.Models;

/// <summary>
/// Class centroids as a linear model: each class's weight row is the L2-normalised mean of its examples, so
/// scoring gives cosine similarity to every class at once. A nearest-centroid view complements the
/// discriminative model on rare, lexically distinctive classes.
/// </summary>
internal static class CentroidBuilder
{
    public static LinearModel Build(IReadOnlyList<SparseVector> xs, IReadOnlyList<int> ys, int classes, int features,
        float scale, IReadOnlyList<int>? subset = null)
    {
        var m = new LinearModel(classes, features);
        var norms = new double[classes];
        IEnumerable<int> rows = subset ?? Enumerable.Range(0, xs.Count);
        foreach (var i in rows)
        {
            var x = xs[i]; var y = ys[i];
            for (var k = 0; k < x.Indices.Length; k++) m.Weights[(long)x.Indices[k] * m.Stride + y] += x.Values[k];
        }
        for (var f = 0; f < features; f++)
            for (var c = 0; c < classes; c++) { var v = m.Weights[(long)f * m.Stride + c]; norms[c] += v * v; }
        for (var f = 0; f < features; f++)
            for (var c = 0; c < classes; c++)
                if (norms[c] > 0) m.Weights[(long)f * m.Stride + c] *= (float)(scale / Math.Sqrt(norms[c]));
        return m;
    }

    /// <summary>Adds <paramref name="other"/>'s weights into <paramref name="target"/> (same shape): two linear views become one.</summary>
    public static void AddInto(LinearModel target, LinearModel other)
    {
        for (long i = 0; i < target.Weights.LongLength; i++) target.Weights[i] += other.Weights[i];
        for (var c = 0; c < target.Bias.Length; c++) target.Bias[c] += other.Bias[c];
    }
}
