namespace Antonio.Web.Caching;

/// <summary>
/// The only place cache tags are made. Write paths remove by tag (see <see cref="CacheInvalidator"/>):
/// content:{id} for a resource and everything derived from it, product:{id}, coupons, user:{id}
/// (access), progress:{id}.
/// </summary>
public static class CacheTags
{
    public const string Coupons = "coupons";
    public const string WorkshopList = "workshop-list";
    /// <summary>Every search result: any content edit may change what a query finds.</summary>
    public const string Search = "search";
    /// <summary>The live sessions' seats: every ticket sold or refunded.</summary>
    public const string LiveSessions = "live-sessions";

    public static string Content(Guid resourceId) => "content:" + resourceId.ToString("N");
    public static string Product(Guid productId) => "product:" + productId.ToString("N");
    public static string User(Guid userId) => "user:" + userId.ToString("N");
    public static string Progress(Guid userId) => "progress:" + userId.ToString("N");

    /// <summary>What a tag is about, without its id ("content", "user", "coupons", …): what invalidations are counted by.</summary>
    public static string KindOf(string tag) => tag.IndexOf(':') is var colon and > 0 ? tag[..colon] : tag;
}
