using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Xml;
using Antonio.Data.Search;
using Antonio.Web.Caching;
using Antonio.Web.Content;
using Antonio.Web.Security;

namespace Antonio.Web.Discovery;

/// <summary>
/// <c>/sitemap.xml</c> (every published, public workshop and lesson page), <c>/rss.xml</c> (new and updated
/// workshops) and <c>/robots.txt</c>, every address from the public URL. Built from one cached read
/// (<see cref="CatalogueMapQuery"/>) tagged like the catalogue's listing, which every content and product edit
/// drops; each document is written once per cached read.
/// </summary>
public sealed class CatalogueFeeds(CachedReader reader, SiteUrls urls)
{
    public const int FeedItems = 20;
    private static readonly ConditionalWeakTable<IReadOnlyList<MappedWorkshop>, string> Sitemaps = new(), Feeds = new();

    private ValueTask<IReadOnlyList<MappedWorkshop>> MapAsync(CancellationToken ct) =>
        reader.GetAsync(CacheKeys.CatalogueMap(), CacheEntryKinds.Content, (db, token) => CatalogueMapQuery.LoadAsync(db, token), _ => [CacheTags.WorkshopList], ct);

    public async ValueTask<string> SitemapAsync(CancellationToken ct) =>
        Sitemaps.GetValue(await MapAsync(ct), map => Write(xml =>
        {
            xml.WriteStartElement("urlset", "http://www.sitemaps.org/schemas/sitemap/0.9");
            Url(xml, "/", null);
            Url(xml, "/workshops", map.Count == 0 ? null : map.Max(w => w.UpdatedAt));
            foreach (var w in map)
            {
                var workshop = WorkshopLinks.Workshop(w.Slug);
                Url(xml, workshop, w.UpdatedAt);
                foreach (var l in w.Lessons) Url(xml, workshop + "/" + Uri.EscapeDataString(l.Slug), l.UpdatedAt);
            }
            xml.WriteEndElement();
        }));

    public async ValueTask<string> FeedAsync(CancellationToken ct) =>
        Feeds.GetValue(await MapAsync(ct), map => Write(xml =>
        {
            xml.WriteStartElement("rss");
            xml.WriteAttributeString("version", "2.0");
            xml.WriteStartElement("channel");
            xml.WriteElementString("title", "Antonio Workshops");
            xml.WriteElementString("link", urls.Base.ToString());
            xml.WriteElementString("description", "New and updated workshops.");
            xml.WriteElementString("language", "en");
            foreach (var w in map.OrderByDescending(w => w.UpdatedAt).Take(FeedItems))
            {
                var link = urls.Absolute(WorkshopLinks.Workshop(w.Slug));
                xml.WriteStartElement("item");
                xml.WriteElementString("title", w.Title);
                xml.WriteElementString("link", link);
                xml.WriteStartElement("guid");
                xml.WriteAttributeString("isPermaLink", "true");
                xml.WriteString(link);
                xml.WriteEndElement();
                if (w.Description is { } description) xml.WriteElementString("description", description);
                xml.WriteElementString("pubDate", w.UpdatedAt.ToUniversalTime().ToString("r", CultureInfo.InvariantCulture));
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
            xml.WriteEndElement();
        }));

    /// <summary>Crawlers may read the catalogue; personal, checkout, admin and search pages are not for them.</summary>
    public string Robots() => string.Join('\n',
        "User-agent: *", "Allow: /",
        "Disallow: /account", "Disallow: /admin", "Disallow: /checkout", "Disallow: /dashboard", "Disallow: /team",
        "Disallow: /purchases", "Disallow: /search", "Disallow: /certificates",
        "Sitemap: " + urls.Absolute("/sitemap.xml"), "");

    private void Url(XmlWriter xml, string path, DateTimeOffset? modified)
    {
        xml.WriteStartElement("url");
        xml.WriteElementString("loc", urls.Absolute(path));
        if (modified is { } at) xml.WriteElementString("lastmod", at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        xml.WriteEndElement();
    }

    private static string Write(Action<XmlWriter> body)
    {
        var text = new StringBuilder();
        using (var xml = XmlWriter.Create(text, new XmlWriterSettings { Encoding = Encoding.UTF8, Indent = false }))
        {
            xml.WriteStartDocument();
            body(xml);
            xml.WriteEndDocument();
        }
        return text.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"", StringComparison.Ordinal);
    }
}
