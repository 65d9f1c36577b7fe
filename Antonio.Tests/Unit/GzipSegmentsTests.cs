using System.Buffers;
using System.IO.Compression;
using System.Text;
using Antonio.Web.PageCaching;

namespace Antonio.Tests.Unit;

/// <summary>A gzip stream assembled from texts deflated once and values stored per request unpacks to exactly their concatenation.</summary>
[Trait("Category", "Unit")]
public sealed class GzipSegmentsTests
{
    /// <summary>Bytes deflated on their own (a run of one text): the yardstick the pieces are measured against.</summary>
    internal static byte[] DeflatedAlone(byte[] bytes)
    {
        using var run = new GzipSegments.Run();
        return run.Deflate(bytes);
    }

    private static string Unzip(byte[] gzip)
    {
        using var input = new GZipStream(new MemoryStream(gzip), CompressionMode.Decompress);
        using var reader = new StreamReader(input, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 0)]
    [InlineData(3, 10)]
    [InlineData(40, 70_000)] // a value longer than one stored block
    public void Texts_and_values_unpack_to_their_concatenation(int holes, int valueLength)
    {
        var random = new Random(holes * 31 + valueLength);
        string Text(int n) => string.Concat(Enumerable.Range(0, n).Select(_ => "<li class=\"lesson\">Übung ✓ "[random.Next(26)]));
        var texts = Enumerable.Range(0, holes + 1).Select(_ => Encoding.UTF8.GetBytes(Text(random.Next(0, 3000)))).ToList();
        var values = Enumerable.Range(0, holes).Select(i => Encoding.UTF8.GetBytes(i == 0 ? new string('v', valueLength) : Text(random.Next(0, 40)))).ToList();
        var output = new ArrayBufferWriter<byte>();
        GzipSegments.Write(output, texts, texts.Select(t => DeflatedAlone(t)).ToList(), values);

        var expected = new StringBuilder();
        for (var i = 0; i < texts.Count; i++)
        {
            expected.Append(Encoding.UTF8.GetString(texts[i]));
            if (i < values.Count) expected.Append(Encoding.UTF8.GetString(values[i]));
        }
        Assert.Equal(expected.ToString(), Unzip(output.WrittenSpan.ToArray()));
    }

    [Fact]
    public void The_fixed_texts_are_really_compressed()
    {
        var page = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("<li><a href=\"/workshops/typescript-in-depth/generics\">Generics</a></li>", 300)));
        Assert.True(DeflatedAlone(page).Length < page.Length / 10);
    }

    private static readonly Dictionary<string, string> NoHeaders = [];

    /// <summary>A navigation like a lesson page's: a fixed-width slot (four bytes) in every item.</summary>
    private static string Navigation(int items, Func<int, string> slot) => "<nav><ul>" + string.Concat(Enumerable.Range(0, items).Select(i =>
        $"<li class=\"{slot(i)}\"><span class=\"done-mark\" aria-label=\"completed\">✓</span><a href=\"/workshops/typescript-in-depth/lesson-{i}\">Lesson {i}</a></li>")) + "</ul></nav>";

    private static int HolesOf(string html) => ViewerPageTemplate.Parse(html, NoHeaders, _ => 0).Holes.Length;

    private static string Fill(ViewerPageTemplate template, byte[][] values)
    {
        var output = new ArrayBufferWriter<byte>();
        GzipSegments.Write(output, template.Texts, template.Deflated, values);
        Assert.Equal(GzipSegments.Length(template.Deflated, values), output.WrittenCount);
        return Unzip(output.WrittenSpan.ToArray());
    }

    [Fact]
    public void Texts_between_fixed_width_slots_compress_as_one_text_and_unpack_exactly()
    {
        var html = Navigation(66, i => ViewerSlots.Token("done", $"{i:x4}"));
        var fixedWidth = ViewerPageTemplate.Parse(html, NoHeaders, _ => 0).Compress([.. Enumerable.Repeat(4, 66)]);
        var anyWidth = ViewerPageTemplate.Parse(html, NoHeaders, _ => 0).Compress([.. Enumerable.Repeat(-1, HolesOf(html))]);
        byte[][] values = [.. Enumerable.Range(0, 66).Select(i => Encoding.UTF8.GetBytes(i % 3 == 0 ? "done" : "todo"))];

        var expected = Navigation(66, i => i % 3 == 0 ? "done" : "todo");
        Assert.Equal(expected, Fill(fixedWidth, values));
        Assert.Equal(expected, Fill(anyWidth, values));
        var whole = DeflatedAlone(Encoding.UTF8.GetBytes(expected)).Length;
        var across = GzipSegments.Length(fixedWidth.Deflated, values);
        var apart = GzipSegments.Length(anyWidth.Deflated, values);
        // Across the holes the page costs what it costs whole plus a few bytes a hole (the value, its stored
        // block's LEN/NLEN, the byte boundary, a short block); compressed apart, every text starts from
        // nothing (what made signed-in lesson pages miss the first round trip).
        Assert.True(across < whole + 66 * 24, $"{across} bytes across the slots, {whole} whole");
        Assert.True(apart > 2 * across, $"{apart} bytes apart, {across} across");
    }

    [Fact]
    public void A_value_of_another_width_does_not_fit_the_template()
    {
        var template = ViewerPageTemplate.Parse(Navigation(3, i => ViewerSlots.Token("done", $"{i:x4}")), NoHeaders, _ => 0).Compress([4, 4, 4]);
        Assert.True(template.Fits([.. Enumerable.Repeat("todo"u8.ToArray(), 3)]));
        Assert.False(template.Fits(["todo"u8.ToArray(), "done!"u8.ToArray(), "todo"u8.ToArray()]));
    }

    [Fact]
    public void A_text_holding_the_placeholder_byte_is_compressed_on_its_own_and_still_unpacks_exactly()
    {
        var html = Navigation(20, i => ViewerSlots.Token("done", $"{i:x4}")).Replace("Lesson 7<", "Lesson 7\0\0\0\0<");
        var template = ViewerPageTemplate.Parse(html, NoHeaders, _ => 0).Compress([.. Enumerable.Repeat(4, 20)]);
        byte[][] values = [.. Enumerable.Repeat("done"u8.ToArray(), 20)];
        Assert.Equal(Navigation(20, _ => "done").Replace("Lesson 7<", "Lesson 7\0\0\0\0<"), Fill(template, values));
    }

    [Fact]
    public void Values_after_open_blocks_and_empty_ones_unpack_exactly()
    {
        var html = $"<p>{ViewerSlots.Token("a")}</p>{ViewerSlots.Token("b")}{ViewerSlots.Token("c")}<p>{ViewerSlots.Token("d")}";
        var template = ViewerPageTemplate.Parse(html, NoHeaders, _ => 0).Compress([.. Enumerable.Repeat(-1, HolesOf(html))]);
        byte[][] values = [[], new byte[70_000], "x"u8.ToArray(), []];
        Array.Fill(values[1], (byte)'v');
        Assert.Equal($"<p></p>{new string('v', 70_000)}x<p>", Fill(template, values));
    }
}
