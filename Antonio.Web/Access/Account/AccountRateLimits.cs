using System.Threading.RateLimiting;
using Antonio.Web.Security;
using Microsoft.Extensions.Options;

namespace Antonio.Web.Access.Account;

/// <summary>
/// Two limits on the account forms, both shared by every node (<see cref="SharedRateLimits"/>). Per client
/// address: a rate-limiter policy on the pages (<see cref="ClientPolicy"/>, posts only — reading the page
/// is free), answered with a 429 page. Per target address: <see cref="TryAcquireAsync"/>, asked by the
/// service before it queues an e-mail, so one inbox cannot be flooded from many clients. (Password guessing
/// per account is stopped by lockout.)
/// </summary>
public sealed class AccountRateLimits(IOptions<RateLimitOptions> options, SharedRateLimits shared) : IDisposable
{
    public const string ClientPolicy = "account-forms";

    private readonly PartitionedRateLimiter<string> _perAddress = PartitionedRateLimiter.Create<string, string>(key =>
        RateLimitPartition.Get(key, k => k.StartsWith(AccountMailKinds.SignInLink + ":", StringComparison.Ordinal)
            ? shared.Create("address:" + k, options.Value.SignInLinksPerAddress, TimeSpan.FromMinutes(15))
            : shared.Create("address:" + k, options.Value.SignUpsPerAddress, TimeSpan.FromHours(1))));

    public async ValueTask<bool> TryAcquireAsync(string kind, string address)
    {
        using var lease = await _perAddress.AcquireAsync(kind + ":" + address.Trim().ToUpperInvariant());
        return lease.IsAcquired;
    }

    public static void AddClientPolicy(IServiceCollection services) =>
        SharedRateLimits.AddPerMinutePolicy(services, ClientPolicy, context => HttpMethods.IsPost(context.Request.Method) ? SharedRateLimits.ClientOf(context) : null,
            limits => limits.AccountPostsPerClientPerMinute);

    public void Dispose() => _perAddress.Dispose();
}
