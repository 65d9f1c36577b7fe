using Microsoft.Playwright;

namespace Antonio.Tests.Journeys;

/// <summary>The two widths every page is looked at: a phone and a desktop.</summary>
public static class Viewports
{
    public static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };
    public static readonly ViewportSize Desktop = new() { Width = 1280, Height = 900 };

    public static ViewportSize Named(string name) => name == "phone" ? Phone : Desktop;
}
