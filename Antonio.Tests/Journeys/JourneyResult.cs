namespace Antonio.Tests.Journeys;

/// <summary>One journey's outcome as the report shows it.</summary>
public sealed record JourneyResult(string Name, string Persona, string Viewport, string Status, double Seconds, IReadOnlyList<string> Steps,
    string? FailedStep = null, string? Message = null, string? Evidence = null);
