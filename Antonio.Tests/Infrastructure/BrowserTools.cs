namespace Antonio.Tests.Infrastructure;

/// <summary>The pinned npm tools in Antonio.Tests/browser-tools (scripts/browser-tools.sh installs them).</summary>
public static class BrowserTools
{
    /// <summary>The directory that holds the installed <paramref name="package"/>.</summary>
    public static string DirectoryWith(string package)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "Antonio.Tests", "browser-tools");
            if (File.Exists(Path.Combine(candidate, "node_modules", package, "package.json"))) return candidate;
        }
        throw new InvalidOperationException($"{package} is not installed: scripts/test.sh (scripts/browser-tools.sh) runs npm ci in Antonio.Tests/browser-tools.");
    }

    /// <summary>axe-core's browser build, injected into pages by the accessibility journeys.</summary>
    public static string AxeScript => Path.Combine(DirectoryWith("axe-core"), "node_modules", "axe-core", "axe.min.js");
}
