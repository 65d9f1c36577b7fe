using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;

namespace Antonio.Web.PageCaching;

/// <summary>
/// A gzip response made of pieces compressed at different times: a template's fixed texts are deflated
/// once, when the template is made, each ending on a byte boundary (a sync flush) and none of them final;
/// a viewer's values, a few bytes each, go in as stored (uncompressed) deflate blocks per request; an
/// empty final block and the gzip trailer close the stream. Deflate allows exactly this: a stream is a
/// sequence of blocks. So a filled shared page is sent compressed at the cost of a CRC-32 over its
/// bytes, not a compression — and a viewer's value is never compressed together with anything (no
/// length to learn it from).
/// </summary>
/// <remarks>
/// A text may be compressed against the texts before it (a <see cref="Run"/>): deflate's back-references count
/// bytes of the stream, so that is exact only where every value in between has the width the compressor
/// counted for it. The compressor sees <see cref="Placeholder"/> bytes there — bytes no template text contains, so no
/// reference can reach into a value: it only steps over it.
/// </remarks>
public static class GzipSegments
{
    /// <summary>What stands for a value while texts are compressed: NUL, which HTML text never holds (and PostgreSQL text cannot).</summary>
    public const byte Placeholder = 0;

    private static readonly byte[] Header = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff];
    private static readonly byte[] FinalEmptyBlock = [0x03, 0x00];

    /// <summary>A sync flush's empty stored block ends with its LEN and NLEN: 0 and 0xFFFF.</summary>
    private static readonly byte[] EmptyStoredLength = [0x00, 0x00, 0xff, 0xff];

    /// <summary>
    /// Texts deflated one after another in one stream, so each may refer back into those before it; between
    /// them, <see cref="Skip"/> stands for a value of known width. Each text's blocks end with a sync flush.
    /// </summary>
    public sealed class Run : IDisposable
    {
        private readonly MemoryStream _output = new();
        private readonly DeflateStream _deflate;

        public Run() => _deflate = new DeflateStream(_output, CompressionLevel.Optimal, leaveOpen: true);

        public byte[] Deflate(ReadOnlySpan<byte> text)
        {
            if (text.IsEmpty) return [];
            _deflate.Write(text);
            return Take();
        }

        /// <summary>
        /// Placeholders for a value <paramref name="width"/> bytes long: the compressor's window then counts
        /// as the stream will, and their own blocks (a flush apart from everything else) are dropped.
        /// </summary>
        public void Skip(int width)
        {
            if (width == 0) return;
            var placeholders = new byte[width];
            Array.Fill(placeholders, Placeholder);
            _deflate.Write(placeholders);
            Take();
        }

        private byte[] Take()
        {
            _deflate.Flush();
            var blocks = _output.ToArray();
            _output.SetLength(0);
            return blocks;
        }

        public void Dispose() => _deflate.Dispose(); // writes a final block after what was taken: discarded
    }

    /// <summary>The exact length <see cref="Write"/> will write (so a response can announce it and write straight to the connection).</summary>
    public static long Length(IReadOnlyList<byte[]> deflated, IReadOnlyList<byte[]> values)
    {
        long length = Header.Length + FinalEmptyBlock.Length + 8;
        foreach (var d in deflated) length += d.Length;
        for (var i = 0; i < values.Count; i++)
        {
            var blocks = (values[i].Length + ushort.MaxValue - 1) / ushort.MaxValue;
            // After an open empty block the first block's LEN/NLEN replace the empty one's: no header of its own.
            length += values[i].Length + (Opens(deflated[i]) ? 5L * Math.Max(0, blocks - 1) : 5L * blocks);
        }
        return length;
    }

    /// <summary>Writes the gzip stream of texts[0], values[0], texts[1] … texts[n]; <paramref name="deflated"/>[i] = what a <see cref="Run"/> deflated for texts[i].</summary>
    public static void Write(IBufferWriter<byte> output, IReadOnlyList<byte[]> texts, IReadOnlyList<byte[]> deflated, IReadOnlyList<byte[]> values)
    {
        var crc = new Crc32();
        long length = 0;
        output.Write(Header);
        for (var i = 0; i < texts.Count; i++)
        {
            crc.Append(texts[i]);
            length += texts[i].Length;
            if (i >= values.Count)
            {
                output.Write(deflated[i]);
                continue;
            }
            var open = Opens(deflated[i]);
            output.Write(open ? deflated[i].AsSpan(0, deflated[i].Length - EmptyStoredLength.Length) : deflated[i]);
            Stored(output, values[i], open);
            crc.Append(values[i]);
            length += values[i].Length;
        }
        output.Write(FinalEmptyBlock);
        Span<byte> trailer = stackalloc byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(trailer, crc.GetCurrentHashAsUInt32());
        BinaryPrimitives.WriteUInt32LittleEndian(trailer[4..], (uint)length);
        output.Write(trailer);
    }

    /// <summary>Whether deflated blocks end with an empty stored block, whose LEN/NLEN a value's first block can take over.</summary>
    private static bool Opens(byte[] deflated) => deflated.AsSpan().EndsWith(EmptyStoredLength);

    /// <summary>
    /// Stored blocks (BTYPE 00): a header byte on the byte boundary, LEN, NLEN, the bytes; at most 65,535 a
    /// block. <paramref name="open"/>: the stream ends with a stored block's header without its LEN/NLEN.
    /// </summary>
    private static void Stored(IBufferWriter<byte> output, ReadOnlySpan<byte> bytes, bool open)
    {
        Span<byte> header = stackalloc byte[5];
        while (!bytes.IsEmpty || open)
        {
            var chunk = bytes[..Math.Min(bytes.Length, ushort.MaxValue)];
            header[0] = 0;
            BinaryPrimitives.WriteUInt16LittleEndian(header[1..], (ushort)chunk.Length);
            BinaryPrimitives.WriteUInt16LittleEndian(header[3..], (ushort)~chunk.Length);
            output.Write(open ? header[1..] : header);
            output.Write(chunk);
            bytes = bytes[chunk.Length..];
            open = false;
        }
    }
}
