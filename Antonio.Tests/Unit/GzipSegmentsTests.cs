using System.Buffers;
using System.IO.Compression;
using System.Text;
using Antonio.Web.PageCaching;

namespace Antonio.Tests.Unit;

/// <summary>A gzip stream assembled from texts deflated once and values stored per request unpacks to exactly their concatenation.</summary>
public sealed class GzipSegmentsTests
{
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
        GzipSegments.Write(output, texts, texts.Select(t => GzipSegments.Deflate(t)).ToList(), values);

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
        Assert.True(GzipSegments.Deflate(page).Length < page.Length / 10);
    }
}
