using System.Text.RegularExpressions;

namespace Antonio.Web.PageCaching;

/// <summary>
/// For one request: whether the page is being rendered as a template that every viewer with the same
/// access decision will share. While templating, a component writes <see cref="Token"/> wherever a value
/// belongs to the viewer alone (their name, a form token, which lessons they completed); the filled page
/// gets each value from the <see cref="IViewerSlotSource"/> that owns the slot. A token is made of
/// characters no HTML encoding changes, so it survives in text and in attribute values alike.
/// </summary>
public sealed partial class ViewerSlots
{
    public bool Templating { get; internal set; }

    /// <param name="slot">Lower-case letters: which value (e.g. "done").</param>
    /// <param name="argument">Hex digits, often a Guid ("N"): whose value (e.g. the lesson).</param>
    public static string Token(string slot, string argument = "") => $"x-vh-{slot}-{argument}-hv-x";

    public static string Token(string slot, Guid argument) => Token(slot, argument.ToString("N"));

    [GeneratedRegex("x-vh-([a-z]+)-([0-9a-f]*)-hv-x")]
    internal static partial Regex Pattern();
}
