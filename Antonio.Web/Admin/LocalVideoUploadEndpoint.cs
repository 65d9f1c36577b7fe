using Antonio.Data.Content;
using Antonio.Web.Access;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Features;

namespace Antonio.Web.Admin;

/// <summary>
/// POST /admin/videos/{id}/upload (admins; a form post with its antiforgery token): the local provider's upload.
/// The file is kept under the local origin's directory, the video turns "processing", and
/// <see cref="LocalVideoTranscoder"/> makes it a stream. Mapped only with the local video origin.
/// </summary>
internal static class LocalVideoUploadEndpoint
{
    public const string FormField = "video";

    /// <summary>A lesson recording, not a film: far above Kestrel's 30 MB default body limit, which would refuse most.</summary>
    public const long MaxUploadBytes = 1L << 30;

    public static string Path(Guid videoId) => $"/admin/videos/{videoId}/upload";

    public static void MapLocalVideoUpload(this IEndpointRouteBuilder app) =>
        app.MapPost("/admin/videos/{id:guid}/upload", async (Guid id, HttpContext context, VideoAssets assets, LocalVideoTranscoder transcoder) =>
        {
            if (context.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false }) return Results.BadRequest("The form has expired: reload the page.");
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = MaxUploadBytes;
            var form = await context.Request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = MaxUploadBytes }, context.RequestAborted);
            if (form.Files.GetFile(FormField) is not { Length: > 0 } file) return Results.BadRequest("Choose a video file to upload.");
            if (!await assets.ExistsAsync(id, context.RequestAborted)) return Results.NotFound();
            var uploads = System.IO.Path.Combine(transcoder.Root, "uploads");
            Directory.CreateDirectory(uploads);
            var saved = System.IO.Path.Combine(uploads, Guid.NewGuid().ToString("N") + ".upload");
            await using (var target = File.Create(saved)) await file.CopyToAsync(target, context.RequestAborted);
            await assets.ApplyAsync(id, VideoStates.Processing, null, null, ct: context.RequestAborted);
            await transcoder.EnqueueAsync(id, saved);
            // Post/redirect/get: back to the video's page, which shows "processing" until the stream is ready.
            context.Response.Headers.Location = $"/admin/content/{id}";
            return Results.StatusCode(StatusCodes.Status303SeeOther);
        }).RequireAuthorization(AccessPolicies.Admin).WithMetadata(new RequireAntiforgeryTokenAttribute());
}
