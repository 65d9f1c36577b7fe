namespace Antonio.Web.Content;

/// <summary>Rendering content: Markdown to safe HTML, cached by the hash of its source.</summary>
public static class ContentModule
{
    public static WebApplicationBuilder AddContent(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<MarkdownRenderer>();
        return builder;
    }
}
