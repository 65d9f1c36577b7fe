namespace Antonio.Web.Learning.Home;

internal static class CertificateEndpoints
{
    /// <summary>
    /// A valid certificate's Open Graph image; 404 for a revoked, unknown or malformed code (the shape is
    /// checked before any lookup). Link previews fetch it anonymously: public, cached for an hour.
    /// </summary>
    public static void MapCertificateImage(this IEndpointRouteBuilder app) =>
        app.MapGet("/certificates/{code}/og.png", async (string code, Certificates certificates, HttpContext context) =>
        {
            if (await certificates.GetAsync(code, context.RequestAborted) is not { IsValid: true } certificate) return Results.NotFound();
            context.Response.Headers.CacheControl = "public, max-age=3600";
            return Results.Bytes(CertificateImage.Png(certificate), "image/png");
        });
}
