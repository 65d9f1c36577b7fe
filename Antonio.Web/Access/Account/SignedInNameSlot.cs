using System.Text;
using System.Text.Encodings.Web;
using Antonio.Web.PageCaching;

namespace Antonio.Web.Access.Account;

/// <summary>The signed-in user's name in a shared page (the user menu's "Sign out …").</summary>
internal sealed class SignedInNameSlot : IViewerSlotSource
{
    public const string Slot = "name";

    public IReadOnlyCollection<string> Slots { get; } = [Slot];

    public ValueTask<Func<string, string, byte[]>> PrepareAsync(HttpContext context)
    {
        var name = Encoding.UTF8.GetBytes(HtmlEncoder.Default.Encode(context.User.Identity?.Name ?? ""));
        return ValueTask.FromResult<Func<string, string, byte[]>>((_, _) => name);
    }
}
