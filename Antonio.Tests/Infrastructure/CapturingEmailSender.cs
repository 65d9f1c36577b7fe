using System.Collections.Concurrent;
using Antonio.Web.Access.Account;

namespace Antonio.Tests.Infrastructure;

/// <summary>Keeps the emails a test app sends, so a test can follow a magic link.</summary>
public sealed class CapturingEmailSender : IEmailSender
{
    public ConcurrentQueue<EmailMessage> Sent { get; } = new();

    public Task SendAsync(EmailMessage message, CancellationToken ct = default)
    {
        Sent.Enqueue(message);
        return Task.CompletedTask;
    }
}
