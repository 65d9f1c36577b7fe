using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication.OAuth;

namespace Antonio.Web.Access.ExternalLogins;

/// <summary>
/// Who signed in at GitHub, read with the access token from <c>/user</c> (the account's id, login and name) and
/// <c>/user/emails</c> (its addresses and whether GitHub verified each): the id is the key an account is linked by
/// (a login can be renamed, an address changed); the address is only ever a suggestion that our own e-mail confirms.
/// </summary>
public static class GitHubProfile
{
    public const string Scheme = "GitHub";

    public static async Task ReadAsync(OAuthCreatingTicketContext context)
    {
        using var user = await GetAsync(context, context.Options.UserInformationEndpoint);
        var root = user.RootElement;
        var id = root.GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture);
        var login = root.GetProperty("login").GetString() ?? "";
        var identity = context.Identity!;
        identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, id));
        identity.AddClaim(new Claim(ExternalClaims.Handle, login));
        var name = root.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(n.GetString()) ? n.GetString()! : login;
        identity.AddClaim(new Claim(ClaimTypes.Name, name));

        using var emails = await GetAsync(context, context.Options.UserInformationEndpoint.TrimEnd('/') + "/emails");
        if (Choose(emails.RootElement) is { } chosen)
        {
            identity.AddClaim(new Claim(ClaimTypes.Email, chosen.Email));
            identity.AddClaim(new Claim(ExternalClaims.EmailVerified, chosen.Verified ? "true" : "false"));
        }
    }

    /// <summary>The primary address if GitHub verified it, else the first verified one, else the primary (marked unverified).</summary>
    private static (string Email, bool Verified)? Choose(JsonElement emails)
    {
        if (emails.ValueKind != JsonValueKind.Array) return null;
        var all = emails.EnumerateArray()
            .Where(e => e.ValueKind == JsonValueKind.Object && e.TryGetProperty("email", out var a) && a.ValueKind == JsonValueKind.String)
            .Select(e => (Email: e.GetProperty("email").GetString()!, Primary: Flag(e, "primary"), Verified: Flag(e, "verified")))
            .ToList();
        var pick = all.FirstOrDefault(e => e.Primary && e.Verified);
        if (pick.Email is null) pick = all.FirstOrDefault(e => e.Verified);
        if (pick.Email is null) pick = all.FirstOrDefault(e => e.Primary);
        return pick.Email is null ? null : (pick.Email, pick.Verified);
    }

    private static bool Flag(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.True;

    private static async Task<JsonDocument> GetAsync(OAuthCreatingTicketContext context, string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/vnd.github+json"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", context.AccessToken);
        // GitHub's API refuses a request without a User-Agent.
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("AntonioWorkshops", "1.0"));
        using var response = await context.Backchannel.SendAsync(request, HttpCompletionOption.ResponseContentRead, context.HttpContext.RequestAborted);
        response.EnsureSuccessStatusCode();
        return await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(context.HttpContext.RequestAborted), cancellationToken: context.HttpContext.RequestAborted);
    }
}
