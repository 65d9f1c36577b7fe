using Microsoft.Extensions.Options;
using MimeKit;

namespace Antonio.Web.Mail;

public sealed class MailOptionsValidator : IValidateOptions<MailOptions>
{
    public ValidateOptionsResult Validate(string? name, MailOptions options)
    {
        var errors = new List<string>();
        if (!MailboxAddress.TryParse(options.From, out _)) errors.Add($"Antonio:Mail:From '{options.From}' is not an e-mail address.");
        if (options.SmtpPort is < 1 or > 65535) errors.Add($"Antonio:Mail:SmtpPort {options.SmtpPort} is not a port.");
        if (options.SmtpSecurity is not ("auto" or "starttls" or "tls" or "none"))
            errors.Add($"Antonio:Mail:SmtpSecurity '{options.SmtpSecurity}' is not one of auto, starttls, tls, none.");
        if (options.MaxAttempts is < 1 or > 50) errors.Add($"Antonio:Mail:MaxAttempts {options.MaxAttempts} is not between 1 and 50.");
        if (options.RetryBaseDelay <= TimeSpan.Zero) errors.Add("Antonio:Mail:RetryBaseDelay must be positive.");
        if (options.PollInterval <= TimeSpan.Zero) errors.Add("Antonio:Mail:PollInterval must be positive.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
