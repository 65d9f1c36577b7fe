namespace Antonio.Tests.Infrastructure;

/// <summary>A clock a test moves by hand (the app takes its <see cref="TimeProvider"/> from the container).</summary>
public sealed class TestClock(DateTimeOffset now) : TimeProvider
{
    private DateTimeOffset _now = now;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
