namespace Antonio.Tests.Journeys;

/// <summary>
/// What a journey is, for the report: its name, whose journey it is, at which width, from which country.
/// <paramref name="InjectsScripts"/>: the journey adds its own script to pages (axe-core), which the site's
/// Content-Security-Policy would refuse.
/// </summary>
public sealed record JourneyInfo(string Name, string Persona, string Viewport = "desktop", string? Country = null, bool InjectsScripts = false);
