using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Antonio.Web.PageCaching;

/// <summary>
/// For one request: whether the page is being rendered as a template that every viewer with the same
/// access decision will share. While templating, a component writes <see cref="Token"/> wherever a value
/// belongs to the viewer alone (their name, a form token, which lessons they completed); the filled page
/// gets each value from the <see cref="IViewerSlotSource"/> that owns the slot. A token is made of
/// characters no HTML encoding changes, so it survives in text and in attribute values alike.
/// </summary>
/// <remarks>
/// Every token carries <see cref="Secret"/>, 128 random bits drawn when the process starts and never sent:
/// templates live in this process's memory only, and a filled page holds no token. So content — a lesson
/// body, a title, a search query — cannot write a token of its own: whatever looks like one in it is text
/// the template keeps literally, and no viewer's value can be put where its author chose.
/// </remarks>
public sealed class ViewerSlots
{
    private static readonly string Secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    private static readonly Regex TokenPattern = new($"x-vh-{Secret}-([a-z]+)-([0-9a-f]*)-hv-x", RegexOptions.CultureInvariant | RegexOptions.Compiled);

    public bool Templating { get; internal set; }

    /// <param name="slot">Lower-case letters: which value (e.g. "done").</param>
    /// <param name="argument">Hex digits, often a Guid ("N"): whose value (e.g. the lesson).</param>
    public static string Token(string slot, string argument = "") => $"x-vh-{Secret}-{slot}-{argument}-hv-x";

    public static string Token(string slot, Guid argument) => Token(slot, argument.ToString("N"));

    internal static Regex Pattern() => TokenPattern;
}
