using System.Threading.RateLimiting;
using Antonio.Web.Security;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Antonio.Web.Access.Account;

/// <summary>
/// Two limits on the account forms. Per client address: a rate-limiter policy on the pages
/// (<see cref="ClientPolicy"/>, posts only — reading the page is free), answered with a 429 page. Per
/// target address: <see cref="TryAcquire"/>, asked by the service before it queues an e-mail, so one
/// inbox cannot be flooded from many clients. (Password guessing per account is stopped by lockout.)
/// </summary>
public sealed class AccountRateLimits(IOptions<RateLimitOptions> options) : IDisposable
{
    public const string ClientPolicy = "account-forms";

    private readonly PartitionedRateLimiter<string> _perAddress = PartitionedRateLimiter.Create<string, string>(key =>
        RateLimitPartition.GetFixedWindowLimiter(key, k => k.StartsWith(AccountMailKinds.SignInLink, StringComparison.Ordinal)
            ? new FixedWindowRateLimiterOptions { PermitLimit = options.Value.SignInLinksPerAddress, Window = TimeSpan.FromMinutes(15) }
            : new FixedWindowRateLimiterOptions { PermitLimit = options.Value.SignUpsPerAddress, Window = TimeSpan.FromHours(1) }));

    public bool TryAcquire(string kind, string address)
    {
        using var lease = _perAddress.AttemptAcquire(kind + ":" + address.Trim().ToUpperInvariant());
        return lease.IsAcquired;
    }

    public static void AddClientPolicy(RateLimiterOptions limiter, RateLimitOptions limits) =>
        limiter.AddPolicy(ClientPolicy, context => HttpMethods.IsPost(context.Request.Method)
            ? RateLimitPartition.GetSlidingWindowLimiter(ClientPolicy + ":" + context.Connection.RemoteIpAddress, _ => new SlidingWindowRateLimiterOptions
            {
                PermitLimit = limits.AccountPostsPerClientPerMinute, Window = TimeSpan.FromMinutes(1), SegmentsPerWindow = 6,
            })
            : RateLimitPartition.GetNoLimiter(""));

    public void Dispose() => _perAddress.Dispose();
}
