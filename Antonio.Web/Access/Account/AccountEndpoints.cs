using Microsoft.AspNetCore.Antiforgery;

namespace Antonio.Web.Access.Account;

public static class AccountEndpoints
{
    /// <summary>
    /// Sign-out is a POST with an antiforgery token (a forged or token-less post gets 400). It ends the
    /// account's sessions on every device: a copied cookie stops working with it.
    /// </summary>
    public static void MapAccountEndpoints(this IEndpointRouteBuilder app) =>
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
}
