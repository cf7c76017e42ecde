using System.IO.Compression;
using System.Text;

namespace Concierge.Nlp.Text;

/// <summary>Reads the gzip dictionaries embedded under Resources/ (see Resources/LICENSES.md).</summary>
internal static class EmbeddedData
{
    /// <summary>The whole decompressed file as one string: one allocation instead of one per line.</summary>
    public static string ReadAllText(string fileName)
    {
        var assembly = typeof(EmbeddedData).Assembly;
        var resource = "Concierge.Nlp.Resources." + fileName;
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded resource '{resource}' is missing from {assembly.GetName().Name}.");
        using var gzip = new GZipStream(stream, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    /// <summary>Yields each non-empty, non-comment line as a span range of <paramref name="text"/>.</summary>
    public static LineEnumerator Lines(string text) => new(text);

    internal ref struct LineEnumerator(string text)
    {
        private int _next;

        public ReadOnlySpan<char> Current { get; private set; }

        public readonly LineEnumerator GetEnumerator() => this;

        public bool MoveNext()
        {
            while (_next < text.Length)
            {
                var rest = text.AsSpan(_next);
                var end = rest.IndexOf('\n');
                var line = end < 0 ? rest : rest[..end];
                _next += end < 0 ? rest.Length : end + 1;
                line = line.TrimEnd('\r');
                if (line.Length == 0 || line[0] == '#') continue;
                Current = line;
                return true;
            }
            return false;
        }
    }
}
