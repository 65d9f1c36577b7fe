using System.Security.Cryptography;

namespace Antonio.Web.Learning.Home;

/// <summary>A certificate's public id: 128 random bits as base64url (22 characters), checked by shape before any lookup.</summary>
public static class CertificateCodes
{
    public const int Length = 22;

    public static string New() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static bool IsWellFormed(string? code) =>
        code is { Length: Length } && code.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
