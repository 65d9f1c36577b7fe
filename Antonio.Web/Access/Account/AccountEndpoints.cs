using Antonio.Data.Identity;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;

namespace Antonio.Web.Access.Account;

public static class AccountEndpoints
{
    /// <summary>Sign-out is a POST with an antiforgery token (a forged or token-less post gets 400).</summary>
    public static void MapAccountEndpoints(this IEndpointRouteBuilder app) =>
        app.MapPost("/account/logout", async (HttpContext context, IAntiforgery antiforgery, SignInManager<AppUser> signIn) =>
        {
            try
            {
                await antiforgery.ValidateRequestAsync(context);
            }
            catch (AntiforgeryValidationException)
            {
                return Results.BadRequest("This form has expired. Reload the page and try again.");
            }
            await signIn.SignOutAsync();
            return Results.LocalRedirect("/");
        }).DisableAntiforgery(); // validated explicitly above, to answer a clear 400
}
