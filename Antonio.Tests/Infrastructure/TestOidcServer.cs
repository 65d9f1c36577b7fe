using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Antonio.Tests.Infrastructure;

/// <summary>
/// An OpenID Connect provider the tests start on a loopback port (no network): discovery, keys, an authorize endpoint that
/// signs in <see cref="Next"/> at once, and a token endpoint that checks the client, the code, the redirect URI and the
/// PKCE verifier and answers with a signed ID token carrying the nonce. <see cref="Forge"/> makes it answer as a broken
/// or hostile provider would (another nonce, audience or issuer, a key it never published).
/// </summary>
public sealed class TestOidcServer : IAsyncDisposable
{
    public const string ClientId = "antonio-tests";
    public const string ClientSecret = "antonio-tests-secret";

    public sealed record Person(string Subject, string Email, bool Verified, string Name);

    public enum Forgery { None, Nonce, Audience, Issuer, SigningKey }

    private sealed record Grant(Person Who, string RedirectUri, string? Nonce, string? Challenge);

    private static readonly string[] ResponseTypes = ["code"], SubjectTypes = ["public"], SigningAlgorithms = ["RS256"], ChallengeMethods = ["S256"];

    private readonly WebApplication _app;
    private readonly RsaSecurityKey _key = new(RSA.Create(2048)) { KeyId = "test-key" };
    private readonly RsaSecurityKey _unpublished = new(RSA.Create(2048)) { KeyId = "test-key" };
    private readonly ConcurrentDictionary<string, Grant> _codes = new();

    /// <summary>Who the next authorization signs in.</summary>
    public Person Next { get; set; } = new("subject-1", "someone@example.com", true, "Someone");

    public Forgery Forge { get; set; }

    public string Issuer { get; }

    private TestOidcServer(WebApplication app)
    {
        _app = app;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Issuer = address.Replace("[::]", "127.0.0.1");
    }

    public static async Task<TestOidcServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        TestOidcServer? server = null;
        app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = server!.Issuer, ["authorization_endpoint"] = server.Issuer + "/authorize", ["token_endpoint"] = server.Issuer + "/token",
            ["jwks_uri"] = server.Issuer + "/jwks", ["response_types_supported"] = ResponseTypes, ["subject_types_supported"] = SubjectTypes,
            ["id_token_signing_alg_values_supported"] = SigningAlgorithms, ["code_challenge_methods_supported"] = ChallengeMethods,
        }));
        app.MapGet("/jwks", () =>
        {
            var parameters = server!._key.Rsa.ExportParameters(false);
            return Results.Json(new
            {
                keys = new[] { new { kty = "RSA", use = "sig", alg = "RS256", kid = server._key.KeyId,
                n = Base64UrlEncoder.Encode(parameters.Modulus), e = Base64UrlEncoder.Encode(parameters.Exponent) } }
            });
        });
        app.MapGet("/authorize", (HttpRequest request) => server!.Authorize(request));
        app.MapPost("/token", async (HttpRequest request) => server!.Token(await request.ReadFormAsync()));
        await app.StartAsync();
        server = new TestOidcServer(app);
        return server;
    }

    private IResult Authorize(HttpRequest request)
    {
        var q = request.Query;
        if (q["client_id"] != ClientId || q["response_type"] != "code" || string.IsNullOrEmpty(q["redirect_uri"])) return Results.BadRequest();
        var code = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        _codes[code] = new Grant(Next, q["redirect_uri"]!, q["nonce"], q["code_challenge"]);
        return Results.Redirect(QueryHelpers.AddQueryString(q["redirect_uri"]!, new Dictionary<string, string?> { ["code"] = code, ["state"] = q["state"] }));
    }

    private IResult Token(IFormCollection form)
    {
        if (form["client_id"] != ClientId || form["client_secret"] != ClientSecret || !_codes.TryRemove(form["code"].ToString(), out var grant)
            || grant.RedirectUri != form["redirect_uri"]
            || grant.Challenge != Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(form["code_verifier"].ToString()))))
            return Results.Json(new { error = "invalid_grant" }, statusCode: 400);
        var now = DateTime.UtcNow;
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Forge == Forgery.Issuer ? "https://impostor.example" : Issuer,
            Audience = Forge == Forgery.Audience ? "another-client" : ClientId,
            IssuedAt = now, NotBefore = now, Expires = now.AddMinutes(5),
            Claims = new Dictionary<string, object>
            {
                ["sub"] = grant.Who.Subject, ["email"] = grant.Who.Email, ["email_verified"] = grant.Who.Verified, ["name"] = grant.Who.Name,
                ["nonce"] = Forge == Forgery.Nonce ? "a-nonce-this-browser-never-had" : grant.Nonce ?? "",
            },
            SigningCredentials = new SigningCredentials(Forge == Forgery.SigningKey ? _unpublished : _key, SecurityAlgorithms.RsaSha256),
        });
        return Results.Json(new { access_token = "opaque", token_type = "Bearer", expires_in = 300, id_token = token });
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
