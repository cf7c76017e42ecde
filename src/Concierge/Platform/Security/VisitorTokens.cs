using System.Security.Cryptography;
using System.Text;
using Concierge.Platform.Hosting;
using Microsoft.Extensions.Options;

namespace Concierge.Platform.Security;

/// <summary>
/// The widget's visitor identity: "v1.{inboxId}.{contactId}.{signature}", signed with HMAC-SHA256 by a server secret kept
/// in the data folder. Whoever holds a token can read only that contact's conversations in that inbox; a token cannot be
/// forged or edited to point at another contact.
/// </summary>
public sealed class VisitorTokens
{
    private readonly byte[] _key;

    public VisitorTokens(IOptions<ConciergeOptions> options)
    {
        var path = Path.Combine(DataFolder.Resolve(options.Value), "visitor-signing.key");
        _key = LoadOrCreate(path);
    }

    public string Issue(Guid inboxId, Guid contactId)
    {
        var payload = $"v1.{inboxId:N}.{contactId:N}";
        return $"{payload}.{Sign(payload)}";
    }

    public bool TryRead(string? token, out Guid inboxId, out Guid contactId)
    {
        inboxId = contactId = Guid.Empty;
        if (string.IsNullOrEmpty(token)) return false;
        var parts = token.Split('.');
        if (parts.Length != 4 || parts[0] != "v1") return false;
        var payload = $"{parts[0]}.{parts[1]}.{parts[2]}";
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(payload)), Encoding.ASCII.GetBytes(parts[3])))
            return false;
        return Guid.TryParseExact(parts[1], "N", out inboxId) && Guid.TryParseExact(parts[2], "N", out contactId);
    }

    private string Sign(string payload) =>
        Convert.ToBase64String(HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(payload))).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] LoadOrCreate(string path)
    {
        if (File.Exists(path)) return Convert.FromBase64String(File.ReadAllText(path).Trim());
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var key = RandomNumberGenerator.GetBytes(32);
        // Another process may create the file at the same moment; the first writer wins and everyone reads it back.
        try
        {
            using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
            stream.Write(Encoding.ASCII.GetBytes(Convert.ToBase64String(key)));
        }
        catch (IOException) when (File.Exists(path)) { }
        return Convert.FromBase64String(File.ReadAllText(path).Trim());
    }
}
