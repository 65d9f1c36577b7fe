using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Caching.Memory;

namespace Antonio.Web.Access.Account;

/// <summary>
/// Reads sign-in cookies through the framework's ticket format, remembering each cookie's ticket for a few
/// minutes: decrypting a cookie is a Data Protection operation (a key derivation and a MAC), paid on every
/// signed-in request otherwise. The remembered ticket is handed out as a copy, and everything that decides
/// whether it still counts is checked on each request as before — its expiry by the cookie handler, the
/// security stamp by <see cref="SecurityStampCheck"/> — so signing out still ends it at once.
/// </summary>
internal sealed class RememberedTickets(ISecureDataFormat<AuthenticationTicket> inner, RememberedTickets.Memory memory) : ISecureDataFormat<AuthenticationTicket>
{
    /// <summary>The remembered tickets of this process (bounded).</summary>
    internal sealed class Memory : IDisposable
    {
        public MemoryCache Tickets { get; } = new(new MemoryCacheOptions { SizeLimit = 50_000 });
        public void Dispose() => Tickets.Dispose();
    }

    private static readonly TimeSpan Keep = TimeSpan.FromMinutes(5);

    public string Protect(AuthenticationTicket data) => inner.Protect(data);

    public string Protect(AuthenticationTicket data, string? purpose) => inner.Protect(data, purpose);

    public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);

    public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
    {
        if (string.IsNullOrEmpty(protectedText)) return null;
        var key = (purpose, protectedText); // not concatenated: a cookie is a kilobyte or two
        if (!memory.Tickets.TryGetValue(key, out AuthenticationTicket? ticket))
        {
            ticket = inner.Unprotect(protectedText, purpose);
            if (ticket is null) return null; // a forged or stale cookie is never remembered
            memory.Tickets.Set(key, ticket, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = Keep });
        }
        return new AuthenticationTicket(ticket!.Principal.Clone(), ticket.Properties.Clone(), ticket.AuthenticationScheme);
    }
}
