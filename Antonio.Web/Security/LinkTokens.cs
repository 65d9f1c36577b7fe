using System.Security.Cryptography;

namespace Antonio.Web.Security;

/// <summary>The unguessable token an e-mailed link carries to what it offers (a team seat, a purchase): 128 random bits, hex.</summary>
public static class LinkTokens
{
    public static string New() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
