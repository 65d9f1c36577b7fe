namespace Antonio.Web.Commerce.Memberships;

/// <summary>Where the membership pages live.</summary>
public static class MembershipLinks
{
    public const string Pricing = "/pricing";
    /// <summary>The member's own page: status, renewal, "Manage billing".</summary>
    public const string Page = "/membership";
    /// <summary>The local test-mode provider's stand-in for a billing portal.</summary>
    public const string LocalBilling = "/billing/local";

    public static string Checkout(Guid planId) => $"/checkout/membership?plan={planId:N}";
}
