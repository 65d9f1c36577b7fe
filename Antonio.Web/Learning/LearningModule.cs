using Antonio.Web.Access;
using Antonio.Web.Learning.Home;
using Antonio.Web.PageCaching;
using Antonio.Web.Security;

namespace Antonio.Web.Learning;

/// <summary>
/// The learner's side of the content: the catalogue, workshop and lesson pages (each loading its
/// workshop's cached tree once), reading order, video, progress through a workshop, and the learner's
/// home: their workshops (<c>/dashboard</c>) and certificates.
/// </summary>
public static class LearningModule
{
    public static WebApplicationBuilder AddLearning(this WebApplicationBuilder builder)
    {
        var video = builder.AddSettings<VideoOptions, VideoOptionsValidator>(VideoOptions.Section);
        var services = builder.Services;
        services.AddSingleton<WorkshopReader>();
        services.AddSingleton<LessonReader>();
        services.AddSingleton<PlaybackUrls>();
        services.AddSingleton<ProgressService>();
        services.AddScoped<LearnerPageDecisions>();
        // The home's own variant first: the catalogue variant would otherwise take every page without route values.
        services.AddSingleton<IViewerPageVariant, LearnerHomePageVariant>();
        services.AddSingleton<IViewerPageVariant, LearnerPageVariant>();
        services.AddSingleton<IViewerSlotSource, LearnerSlots>();
        services.AddSingleton<LearnerHome>();
        builder.AddSettings<Cohorts.CohortOptions, Cohorts.CohortOptionsValidator>(Cohorts.CohortOptions.Section);
        services.AddSingleton<Cohorts.CohortOpenings>();
        services.AddSingleton<Cohorts.CohortReader>();
        services.AddHostedService<Cohorts.CohortOpeningClock>();
        services.AddScoped<Mail.IMailComposer, Cohorts.CohortOpenedMail>();
        builder.AddSettings<Live.LiveOptions, Live.LiveOptionsValidator>(Live.LiveOptions.Section);
        services.AddSingleton<Live.LiveReminders>();
        services.AddSingleton<Live.LiveJoin>();
        services.AddHostedService<Live.LiveReminderClock>();
        services.AddScoped<Mail.IMailComposer, Live.LiveReminderMail>();
        services.AddSingleton<Certificates>();
        services.AddSingleton<IAccessLossFollower, CertificateRevocation>();
        services.AddSingleton<IPersonalData, ProgressPersonalData>();
        services.AddSingleton<IPersonalData, CertificatePersonalData>();
        LessonMediaEndpoints.AddPositionRateLimit(services);
        // The video host may be played from and fetched by the player.
        if (video.StreamOrigin is { } origin) services.Configure<SecurityHeadersOptions>(o => o.MediaOrigins.Add(origin.GetLeftPart(UriPartial.Authority)));
        return builder;
    }

    public static WebApplication MapLearning(this WebApplication app)
    {
        app.MapLessonMedia();
        app.MapCertificateImage();
        app.MapWorkshopShareImage();
        Cohorts.CohortCalendar.MapCohortCalendar(app);
        Live.LiveCalendar.MapLiveCalendar(app);
        return app;
    }
}
