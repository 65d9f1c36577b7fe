namespace Antonio.Web.Admin;

/// <summary>Who is making an admin change: the signed-in user of the page's authentication state.</summary>
public static class AdminActor
{
    public static async Task<Guid?> IdAsync(Task<Microsoft.AspNetCore.Components.Authorization.AuthenticationState>? state) =>
        state is null ? null : Access.ViewerContext.UserId((await state).User);
}
