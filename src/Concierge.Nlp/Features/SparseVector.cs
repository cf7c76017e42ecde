namespace Concierge.Nlp.Features;

/// <summary>A sparse feature vector with distinct indices (sorted only where <see cref="Sorted"/> was applied).</summary>
internal readonly record struct SparseVector(int[] Indices, float[] Values)
{
    public static readonly SparseVector Empty = new([], []);

    public int Count => Indices.Length;

    /// <summary>A copy with sorted indices and unit L2 norm (ready for cosine by <see cref="Dot"/>).</summary>
    public SparseVector Sorted()
    {
        var i = (int[])Indices.Clone(); var v = (float[])Values.Clone();
        Array.Sort(i, v);
        var norm = Norm();
        if (norm > 0) for (var k = 0; k < v.Length; k++) v[k] /= norm;
        return new SparseVector(i, v);
    }

    /// <summary>Dot product of two vectors whose indices are both sorted.</summary>
    public float Dot(SparseVector other)
    {
        int i = 0, j = 0;
        float sum = 0;
        var a = Indices; var b = other.Indices;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j]) { sum += Values[i] * other.Values[j]; i++; j++; }
            else if (a[i] < b[j]) i++;
            else j++;
        }
        return sum;
    }

    public float Norm()
    {
        float s = 0;
        foreach (var v in Values) s += v * v;
        return MathF.Sqrt(s);
    }
}
