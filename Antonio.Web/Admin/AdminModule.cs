using Microsoft.Extensions.Http.Resilience;
namespace Antonio.Web.Admin;

/// <summary>
/// The admin area (/admin, the only interactive — Blazor Server — pages): content and structure,
/// products, coupons, purchases and refunds, users' roles and entitlements, the audit log and the
/// performance page, and Mux's webhook for uploaded videos. Each editor validates, checks the row version, audits and invalidates by tag.
/// </summary>
public static class AdminModule
{
    public static WebApplicationBuilder AddAdmin(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddScoped<AdminActor>();
        services.AddSingleton<ContentEditor>();
        services.AddSingleton<StructureEditor>();
        services.AddSingleton<AdminContentReader>();
        services.AddSingleton<ProductEditor>();
        services.AddSingleton<CouponEditor>();
        services.AddSingleton<UserAccessEditor>();
        services.AddSingleton<AdminPurchaseReader>();
        services.AddSingleton<AdminEmails>();
        services.AddSingleton<VideoAssets>();
        var video = Video(builder.Configuration);
        if (video.MuxUploads)
        {
            services.AddHttpClient<MuxUploads>().AddStandardResilienceHandler(o =>
            {
                // Creating an upload is a POST: never sent twice (Mux would make a second upload). A Mux that does
                // not answer is given up on in seconds (the admin is told to try again) and, failing often, left
                // alone for a while by the circuit breaker.
                o.Retry.DisableForUnsafeHttpMethods();
                o.AttemptTimeout.Timeout = MuxUploads.Patience;
                o.TotalRequestTimeout.Timeout = MuxUploads.Patience * 2;
            });
            // The admin's browser sends the file to Mux's storage itself.
            services.Configure<Security.SecurityHeadersOptions>(o => o.ConnectOrigins.Add(new Uri(video.MuxUploadOrigin).GetLeftPart(UriPartial.Authority)));
        }
        if (video.LocalOrigin)
        {
            services.AddSingleton<LocalVideoTranscoder>();
            services.AddHostedService(sp => sp.GetRequiredService<LocalVideoTranscoder>());
        }
        return builder;
    }

    public static WebApplication MapAdmin(this WebApplication app)
    {
        app.MapMuxWebhook();
        var video = Video(app.Configuration);
        // Uploads are processed here (ffmpeg) only where streams are served from here: the local video origin.
        if (video.LocalOrigin) app.MapLocalVideoUpload();
        if (video.MuxUploads) app.MapMuxUpload();
        return app;
    }

    private static Learning.VideoOptions Video(IConfiguration configuration) =>
        configuration.GetSection(Learning.VideoOptions.Section).Get<Learning.VideoOptions>() ?? new();
}
