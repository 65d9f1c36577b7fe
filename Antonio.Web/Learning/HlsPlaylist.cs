using System.Text;
using System.Text.RegularExpressions;

namespace Antonio.Web.Learning;

/// <summary>An HLS playlist whose every file — URI lines and URI="…" attributes — carries the playback token it was fetched with.</summary>
public static partial class HlsPlaylist
{
    public static string WithToken(string playlist, string token)
    {
        var query = "token=" + Uri.EscapeDataString(token);
        var output = new StringBuilder(playlist.Length + 256);
        foreach (var raw in playlist.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0) output.Append('\n');
            else if (line[0] != '#') output.Append(Add(line, query)).Append('\n');
            else output.Append(UriAttribute().Replace(line, m => $"URI=\"{Add(m.Groups[1].Value, query)}\"")).Append('\n');
        }
        return output.ToString().TrimEnd('\n') + "\n";
    }

    private static string Add(string uri, string query) => uri + (uri.Contains('?', StringComparison.Ordinal) ? "&" : "?") + query;

    [GeneratedRegex("URI=\"([^\"]*)\"")]
    private static partial Regex UriAttribute();
}
