using System.Text;
using Antonio.Web.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace Antonio.Web.Mail;

/// <summary>
/// Turns a <see cref="MailContent"/> into a message: the HTML part rendered by Blazor's <see cref="HtmlRenderer"/>
/// from <see cref="TransactionalMail"/> (outside any request), the text part from the same content.
/// </summary>
public sealed class MailRenderer(IServiceProvider services, ILoggerFactory loggers, SiteUrls urls)
{
    public async Task<ComposedMail> RenderAsync(MailContent content)
    {
        await using var renderer = new HtmlRenderer(services, loggers);
        var html = await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var parameters = ParameterView.FromDictionary(new Dictionary<string, object?> { [nameof(TransactionalMail.Content)] = content, [nameof(TransactionalMail.SiteUrl)] = urls.Base.ToString() });
            return (await renderer.RenderComponentAsync<TransactionalMail>(parameters)).ToHtmlString();
        });
        return new ComposedMail(content.Subject, Text(content), html, content.Secret) { PayloadIsSecret = content.PayloadIsSecret };
    }

    /// <summary>The plain-text part: the same words, the action as its bare link (the first link in the text), the same footer.</summary>
    public string Text(MailContent content)
    {
        var text = new StringBuilder();
        text.Append(content.Heading).Append("\n\n");
        foreach (var p in content.Intro) text.Append(p).Append("\n\n");
        foreach (var d in content.Details) text.Append(d.Label).Append(": ").Append(d.Value).Append('\n');
        if (content.Details.Count > 0) text.Append('\n');
        if (content.Action is { } action)
        {
            text.Append(action.Label).Append(":\n").Append(action.Url).Append("\n\n");
            if (action.Note is not null) text.Append(action.Note).Append("\n\n");
        }
        foreach (var p in content.Outro) text.Append(p).Append("\n\n");
        text.Append("-- \nAntonio Workshops · ").Append(urls.Base)
            .Append("\nYou receive this e-mail because of something done with your account. It is a service message, sent only when needed.\n");
        return text.ToString();
    }
}
