namespace Antonio.Tests.Journeys;

/// <summary>The steps a journey has taken, named as QA would read them in the report.</summary>
public sealed class JourneySteps
{
    public List<string> Done { get; } = [];
    public string? Current { get; private set; }

    /// <summary>Starts the next step (the one a failure is reported at).</summary>
    public void Step(string name)
    {
        if (Current is not null) Done.Add(Current);
        Current = name;
    }
}
