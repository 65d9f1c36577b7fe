using System.Text;
using Antonio.Data.Access;
using Antonio.Web.PageCaching;

namespace Antonio.Web.Access.Account;

/// <summary>
/// The user menu's "Team" link, for holders of a team (bulk) purchase only: a viewer slot, because the menu
/// is part of pages shared between viewers. Read from the cached access snapshot (no query on a warm cache).
/// </summary>
public sealed class TeamLinkSlot(AccessReader access) : IViewerSlotSource
{
    public const string Slot = "team";
    private static readonly byte[] Link = Encoding.UTF8.GetBytes(Markup), None = [];

    public const string Markup = "<a href=\"/team\">Team</a>";

    public IReadOnlyCollection<string> Slots { get; } = [Slot];

    public static bool HoldsTeam(AccessSnapshot? snapshot) => snapshot?.Purchases.Any(p => p.BulkCouponId is not null) == true;

    public async ValueTask<Func<string, string, byte[]>> PrepareAsync(HttpContext context)
    {
        var holds = ViewerContext.UserId(context.User) is { } userId && HoldsTeam(await access.GetAsync(userId, context.RequestAborted));
        return holds ? WithLink : WithoutLink;
    }

    // Made once: every signed-in page fills this slot.
    private static readonly Func<string, string, byte[]> WithLink = (_, _) => Link, WithoutLink = (_, _) => None;
}
