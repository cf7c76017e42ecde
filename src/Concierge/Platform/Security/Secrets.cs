using System.Security.Cryptography;
using System.Text;

namespace Concierge.Platform.Security;

/// <summary>Random tokens and hashes for API keys and tokens (which are stored only as SHA-256).</summary>
public static class Secrets
{
    public static string NewToken(int bytes = 24) =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(bytes)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Keys are long random strings, so one fast hash is enough (no password stretching needed).</summary>
    public static string Hash(string key) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public static string Hint(string key) => key.Length <= 8 ? "…" : key[..8] + "…";

    public static string HmacHex(string secret, string payload) =>
        Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(payload))).ToLowerInvariant();

    public static bool FixedTimeEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));
}
