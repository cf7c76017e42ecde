using System.Text;

namespace Concierge.Nlp.Models;

/// <summary>
/// The envelope every saved model shares: a 4-byte magic per model kind and a format version, so an old or foreign
/// file fails loudly instead of loading garbage.
/// </summary>
internal static class ModelFormat
{
    // 2: intent (and sentiment) models carry an optional hidden layer.
    // 3: intent (and sentiment) models carry the homophone table of their training text.
    // 4: … and its English words for spelling repair.
    public const int Version = 4;

    public static BinaryWriter OpenWriter(Stream stream, string magic)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        w.Write(Encoding.ASCII.GetBytes(magic));
        w.Write(Version);
        return w;
    }

    public static BinaryReader OpenReader(Stream stream, string magic)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var r = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        var found = Encoding.ASCII.GetString(r.ReadBytes(4));
        if (found != magic) throw new InvalidDataException($"Not a {magic} model (found '{found}').");
        var version = r.ReadInt32();
        if (version != Version) throw new InvalidDataException($"{magic} model format version {version} is not supported (expected {Version}).");
        return r;
    }

    public static void WriteStrings(BinaryWriter w, IReadOnlyList<string> values)
    {
        w.Write(values.Count);
        foreach (var v in values) w.Write(v);
    }

    public static string[] ReadStrings(BinaryReader r)
    {
        var n = r.ReadInt32();
        var values = new string[n];
        for (var i = 0; i < n; i++) values[i] = r.ReadString();
        return values;
    }

    public static void WriteFloats(BinaryWriter w, float[] values)
    {
        w.Write(values.Length);
        foreach (var v in values) w.Write(v);
    }

    public static float[] ReadFloats(BinaryReader r)
    {
        var n = r.ReadInt32();
        var values = new float[n];
        for (var i = 0; i < n; i++) values[i] = r.ReadSingle();
        return values;
    }
}
