using Microsoft.AspNetCore.Antiforgery;

namespace Antonio.Web.Access.Account;

public static class AccountEndpoints
{
    public static void MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        // Sign-out is a POST with an antiforgery token (a forged or token-less post gets 400). It ends the
        // account's sessions on every device: a copied cookie stops working with it.
        app.MapPost("/account/logout", async (HttpContext context, IAntiforgery antiforgery, AccountService account) =>
        {
            try
            {
                await antiforgery.ValidateRequestAsync(context);
            }
            catch (AntiforgeryValidationException)
            {
                return Results.BadRequest("This form has expired. Reload the page and try again.");
            }
            await account.SignOutEverywhereAsync(context.User);
            return Results.LocalRedirect("/");
        }).DisableAntiforgery(); // validated explicitly above, to answer a clear 400

        // "Download my data": the signed-in user's own, as a file; never stored by any cache on the way.
        app.MapGet("/account/data", async (HttpContext context, AccountDataExport export, TimeProvider clock) =>
        {
            if (ViewerContext.UserId(context.User) is not { } userId || await export.ExportAsync(userId, context.RequestAborted) is not { } json)
                return Results.NotFound();
            context.Response.Headers.CacheControl = "no-store";
            return Results.File(json, "application/json", $"antonio-workshops-data-{clock.GetUtcNow():yyyy-MM-dd}.json");
        }).RequireAuthorization();
    }
}
