using Antonio.Web.Access;
using Microsoft.AspNetCore.Antiforgery;

namespace Antonio.Web.Admin;

/// <summary>
/// POST /admin/videos/{id}/mux-upload (admins; the upload form's token): a Mux direct upload URL for the video, as
/// JSON {"url": …}; the admin's browser then sends the file there itself (islands.js → admin-video-upload.js).
/// Mapped only when Mux API credentials are configured.
/// </summary>
internal static class MuxUploadEndpoint
{
    public static string Path(Guid videoId) => $"/admin/videos/{videoId}/mux-upload";

    public static void MapMuxUpload(this IEndpointRouteBuilder app) =>
        app.MapPost("/admin/videos/{id:guid}/mux-upload", async (Guid id, HttpContext context, VideoAssets assets, MuxUploads mux) =>
        {
            if (context.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false }) return Results.BadRequest("The form has expired: reload the page.");
            if (!await assets.ExistsAsync(id, context.RequestAborted)) return Results.NotFound();
            return await mux.CreateAsync(id, context.RequestAborted) is { } url
                ? Results.Json(new { url })
                : Results.Problem("Mux did not create an upload: try again in a moment.", statusCode: StatusCodes.Status502BadGateway);
        }).RequireAuthorization(AccessPolicies.Admin).WithMetadata(new RequireAntiforgeryTokenAttribute());
}
