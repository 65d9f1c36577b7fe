using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;

namespace Antonio.Web.PageCaching;

/// <summary>The viewer's own antiforgery request token, for every form of a shared template (slot "af").</summary>
internal sealed class AntiforgerySlot(IAntiforgery antiforgery) : IViewerSlotSource
{
    public const string Slot = "af";

    public IReadOnlyCollection<string> Slots { get; } = [Slot];

    public ValueTask<Func<string, string, string>> PrepareAsync(HttpContext context)
    {
        var token = HtmlEncoder.Default.Encode(antiforgery.GetAndStoreTokens(context).RequestToken ?? "");
        return ValueTask.FromResult<Func<string, string, string>>((_, _) => token);
    }
}
