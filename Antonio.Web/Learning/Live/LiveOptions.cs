using Antonio.Web.Commerce.Live;
using Microsoft.Extensions.Options;

namespace Antonio.Web.Learning.Live;

/// <summary>Live sessions' join window and reminders (<c>Antonio:Live</c>).</summary>
public sealed class LiveOptions
{
    public const string Section = "Antonio:Live";

    /// <summary>How long before the start a ticket holder may join (until the end).</summary>
    public TimeSpan JoinOpensBefore { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>When ticket holders are reminded, before the start (a day and an hour by default).</summary>
    public List<TimeSpan> ReminderOffsets { get; set; } = [TimeSpan.FromDays(1), TimeSpan.FromHours(1)];

    /// <summary>How often every node looks for reminders that are due (<see cref="LiveReminders"/>).</summary>
    public TimeSpan ReminderCheckInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How late a reminder may still go out (after an outage); later, it is skipped (the next one, or the session, comes soon).</summary>
    public TimeSpan ReminderWindow { get; set; } = TimeSpan.FromMinutes(30);
}

public sealed class LiveOptionsValidator : IValidateOptions<LiveOptions>
{
    public ValidateOptionsResult Validate(string? name, LiveOptions options)
    {
        if (options.JoinOpensBefore < TimeSpan.Zero || options.JoinOpensBefore > TimeSpan.FromHours(2))
            return ValidateOptionsResult.Fail("Antonio:Live:JoinOpensBefore must be between 00:00:00 and 02:00:00.");
        if (options.ReminderOffsets.Count > 5 || options.ReminderOffsets.Any(o => o <= TimeSpan.Zero || o > TimeSpan.FromDays(14)))
            return ValidateOptionsResult.Fail("Antonio:Live:ReminderOffsets takes at most five offsets, each above zero and at most 14 days.");
        if (options.ReminderCheckInterval < TimeSpan.FromSeconds(1) || options.ReminderCheckInterval > TimeSpan.FromMinutes(10))
            return ValidateOptionsResult.Fail("Antonio:Live:ReminderCheckInterval must be between 00:00:01 and 00:10:00.");
        return options.ReminderWindow < options.ReminderCheckInterval || options.ReminderWindow > TimeSpan.FromDays(1)
            ? ValidateOptionsResult.Fail("Antonio:Live:ReminderWindow must be at least the check interval and at most a day.")
            : ValidateOptionsResult.Success;
    }
}
