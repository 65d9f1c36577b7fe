using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Antonio.Web.Security;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;

namespace Antonio.Web.Access.ExternalLogins;

/// <summary>
/// A stand-in for GitHub's OAuth app and API, for development and tests (<see cref="ExternalLoginOptions.LocalGitHub"/>,
/// refused in Production): its authorize page asks who you are instead of a GitHub session, and its token, <c>/user</c> and
/// <c>/user/emails</c> endpoints answer as GitHub's do, so the framework's OAuth handler runs exactly as against GitHub —
/// state, PKCE, the code exchange over HTTP, the profile reads. A code works once, for five minutes, for the callback it
/// was issued to and with the verifier its challenge was made from.
/// </summary>
public sealed class LocalGitHub(IDataProtectionProvider protection, SiteUrls urls, TimeProvider clock)
{
    public const string ClientId = "local-github";
    public const string ClientSecret = "local-github-secret";
    public const string AuthorizePath = "/local/github/login/oauth/authorize";
    public const string TokenPath = "/local/github/login/oauth/access_token";
    public const string UserPath = "/local/github/api/user";

    public sealed record Person(long Id, string Login, string? Name, string Email, bool Verified);

    private sealed record Grant(Person Who, string RedirectUri, string? Challenge, string Once);

    private readonly ConcurrentDictionary<string, DateTimeOffset> _used = new(StringComparer.Ordinal);

    private ITimeLimitedDataProtector Codes => protection.CreateProtector("Antonio.LocalGitHub.Code.v1").ToTimeLimitedDataProtector();
    private ITimeLimitedDataProtector Tokens => protection.CreateProtector("Antonio.LocalGitHub.Token.v1").ToTimeLimitedDataProtector();

    /// <summary>The one callback the local OAuth app is registered with (as at GitHub): nothing else may receive a code.</summary>
    public string Callback => urls.Absolute(ExternalLoginSetup.GitHubCallbackPath);

    /// <summary>A GitHub account id that stays the same for a login, so signing in twice as "octocat" is the same account.</summary>
    public static long IdFor(string login) =>
        (long)(BitConverter.ToUInt64(SHA256.HashData(Encoding.UTF8.GetBytes(login.ToLowerInvariant())), 0) % 1_000_000_000) + 1;

    public string RedirectWithCode(Person who, string redirectUri, string? state, string? challenge)
    {
        var code = Codes.Protect(JsonSerializer.Serialize(new Grant(who, redirectUri, challenge, Guid.NewGuid().ToString("N"))), TimeSpan.FromMinutes(5));
        return QueryHelpers.AddQueryString(redirectUri, new Dictionary<string, string?> { ["code"] = code, ["state"] = state });
    }

    public static string RedirectDenied(string redirectUri, string? state) =>
        QueryHelpers.AddQueryString(redirectUri, new Dictionary<string, string?> { ["error"] = "access_denied", ["state"] = state });

    public IResult Exchange(IFormCollection form)
    {
        if (form["client_id"] != ClientId || form["client_secret"] != ClientSecret) return Error("incorrect_client_credentials");
        var grant = Read<Grant>(Codes, form["code"]);
        if (grant is null || grant.RedirectUri != form["redirect_uri"]) return Error("bad_verification_code");
        if (grant.Challenge is not null && Challenge(form["code_verifier"]) != grant.Challenge) return Error("bad_verification_code");
        var now = clock.GetUtcNow();
        foreach (var (once, at) in _used) if (now - at > TimeSpan.FromMinutes(10)) _used.TryRemove(once, out _);
        if (!_used.TryAdd(grant.Once, now)) return Error("bad_verification_code");
        var token = Tokens.Protect(JsonSerializer.Serialize(grant.Who), TimeSpan.FromHours(1));
        return Results.Json(new Dictionary<string, string> { ["access_token"] = token, ["token_type"] = "bearer", ["scope"] = "read:user,user:email" });
    }

    public IResult User(HttpRequest request) => Bearer(request) is { } who
        ? Results.Json(new Dictionary<string, object?> { ["id"] = who.Id, ["login"] = who.Login, ["name"] = who.Name })
        : Results.Json(new { message = "Bad credentials" }, statusCode: StatusCodes.Status401Unauthorized);

    public IResult Emails(HttpRequest request) => Bearer(request) is { } who
        ? Results.Json(new[] { new { email = who.Email, primary = true, verified = who.Verified, visibility = "private" } })
        : Results.Json(new { message = "Bad credentials" }, statusCode: StatusCodes.Status401Unauthorized);

    // GitHub answers a bad code with 200 and an error field; the OAuth handler reads it as a failure either way.
    private static IResult Error(string error) => Results.Json(new Dictionary<string, string> { ["error"] = error });

    private Person? Bearer(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? Read<Person>(Tokens, header[7..]) : null;
    }

    private static string Challenge(string? verifier) =>
        string.IsNullOrEmpty(verifier) ? "" : WebEncoders.Base64UrlEncode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    private static T? Read<T>(ITimeLimitedDataProtector protector, string? value) where T : class
    {
        if (string.IsNullOrEmpty(value) || value.Length > 4096) return null;
        try
        {
            return JsonSerializer.Deserialize<T>(protector.Unprotect(value));
        }
        catch (Exception e) when (e is CryptographicException or JsonException or FormatException)
        {
            return null;
        }
    }

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost(TokenPath, async (HttpContext context, LocalGitHub github) =>
            context.Request.HasFormContentType ? github.Exchange(await context.Request.ReadFormAsync(context.RequestAborted)) : Error("unsupported_request"))
            .DisableAntiforgery(); // server-to-server, authenticated by the client secret as at GitHub
        app.MapGet(UserPath, (HttpRequest request, LocalGitHub github) => github.User(request));
        app.MapGet(UserPath + "/emails", (HttpRequest request, LocalGitHub github) => github.Emails(request));
    }
}
