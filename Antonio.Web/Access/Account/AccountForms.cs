using System.ComponentModel.DataAnnotations;

namespace Antonio.Web.Access.Account;

public sealed class LoginInput
{
    [Required, EmailAddress, StringLength(256)] public string Email { get; set; } = "";
    [Required, StringLength(256)] public string Password { get; set; } = "";
}

public sealed class RegisterInput
{
    [Required, EmailAddress, StringLength(256)] public string Email { get; set; } = "";
    [StringLength(200)] public string? Name { get; set; }
    [Required, StringLength(256, MinimumLength = 8, ErrorMessage = "Use at least 8 characters.")] public string Password { get; set; } = "";
    [Required, Compare(nameof(Password), ErrorMessage = "The passwords do not match.")] public string ConfirmPassword { get; set; } = "";
}

public sealed class MagicLinkInput
{
    [Required, EmailAddress, StringLength(256)] public string Email { get; set; } = "";
}

public sealed class MagicRedeemInput
{
    [Required, StringLength(2048)] public string Token { get; set; } = "";
}

public sealed class PasswordChangeInput
{
    [StringLength(256)] public string? CurrentPassword { get; set; }
    [Required, StringLength(256, MinimumLength = 8, ErrorMessage = "Use at least 8 characters.")] public string NewPassword { get; set; } = "";
    [Required, Compare(nameof(NewPassword), ErrorMessage = "The passwords do not match.")] public string ConfirmPassword { get; set; } = "";
}

public sealed class ProfileInput
{
    [StringLength(200, ErrorMessage = "Use at most 200 characters.")] public string? Name { get; set; }
}

public sealed class EmailChangeInput
{
    [Required(ErrorMessage = "Enter the new address."), EmailAddress(ErrorMessage = "Enter a valid e-mail address."), StringLength(256)] public string NewEmail { get; set; } = "";
    [StringLength(256)] public string? Password { get; set; }
}

public sealed class DeleteAccountInput
{
    [Required(ErrorMessage = "Type your e-mail address to confirm."), StringLength(256)] public string ConfirmEmail { get; set; } = "";
    [StringLength(256)] public string? Password { get; set; }
}

public sealed class DisconnectLoginInput
{
    [StringLength(600)] public string? Login { get; set; }
}

public sealed class ConnectLoginInput
{
    [StringLength(100)] public string? Provider { get; set; }
    [StringLength(256)] public string? Password { get; set; }
}
