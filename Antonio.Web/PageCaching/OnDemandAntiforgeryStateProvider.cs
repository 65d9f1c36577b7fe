using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Components.Forms;

namespace Antonio.Web.PageCaching;

/// <summary>
/// Antiforgery tokens only for pages that render a form. The framework's provider makes a token for
/// every page (setting the antiforgery cookie) so that interactive components could use it; ours
/// (the admin forms) submit over their circuit and need none. Without it an anonymous learner page
/// sets no cookie and carries no token, so the page cache can share it between visitors.
/// </summary>
internal sealed class OnDemandAntiforgeryStateProvider(IHttpContextAccessor accessor, IAntiforgery antiforgery, ViewerSlots slots,
    Microsoft.Extensions.Options.IOptions<AntiforgeryOptions> options) : AntiforgeryStateProvider
{
    private AntiforgeryRequestToken? _token;

    public override AntiforgeryRequestToken? GetAntiforgeryToken()
    {
        if (_token is not null) return _token;
        // A shared template gets a slot: each viewer's filled page carries their own token.
        if (slots.Templating) return _token = new AntiforgeryRequestToken(ViewerSlots.Token(AntiforgerySlot.Slot), options.Value.FormFieldName);
        // In an interactive circuit there is no request (and no form post) to protect.
        if (accessor.HttpContext is not { } context || context.WebSockets.IsWebSocketRequest) return null;
        // Before the headers go out the tokens are made and the cookie set. A form in a streamed section
        // renders after that: it reuses the cookie token made for this response (Blazor sets one ahead of
        // streaming) without touching the headers.
        var tokens = context.Response.HasStarted ? antiforgery.GetTokens(context) : antiforgery.GetAndStoreTokens(context);
        return _token = tokens.RequestToken is { } value ? new AntiforgeryRequestToken(value, tokens.FormFieldName) : null;
    }
}
