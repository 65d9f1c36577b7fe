using Microsoft.Extensions.Options;

namespace Antonio.Web.Access.Account;

/// <summary>Signed-in sessions (<c>Antonio:Sessions</c>).</summary>
public sealed class SessionOptions
{
    public const string Section = "Antonio:Sessions";

    /// <summary>How often an open interactive page checks that its user is still signed in with the same rights (<see cref="CircuitRevalidation"/>).</summary>
    public TimeSpan CircuitRevalidationInterval { get; set; } = TimeSpan.FromSeconds(30);
}

public sealed class SessionOptionsValidator : IValidateOptions<SessionOptions>
{
    public ValidateOptionsResult Validate(string? name, SessionOptions options) =>
        options.CircuitRevalidationInterval >= TimeSpan.FromSeconds(1) && options.CircuitRevalidationInterval <= TimeSpan.FromMinutes(30)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Antonio:Sessions:CircuitRevalidationInterval must be between 00:00:01 and 00:30:00 (it is {options.CircuitRevalidationInterval}).");
}
