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
/// sequence of blocks, and each piece here was compressed without reference to the others. So a filled
/// shared page is sent compressed at the cost of a CRC-32 over its bytes, not a compression.
/// </summary>
public static class GzipSegments
{
    private static readonly byte[] Header = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff];
    private static readonly byte[] FinalEmptyBlock = [0x03, 0x00];

    /// <summary>Raw deflate blocks of <paramref name="bytes"/>, none final, ending on a byte boundary.</summary>
    public static byte[] Deflate(ReadOnlySpan<byte> bytes)
    {
        var output = new MemoryStream();
        var deflate = new DeflateStream(output, CompressionLevel.Optimal, leaveOpen: true);
        deflate.Write(bytes);
        deflate.Flush(); // sync flush: everything so far, then an empty stored block (byte-aligned, not final)
        var blocks = output.ToArray();
        deflate.Dispose(); // writes a final block after what was taken: discarded
        return blocks;
    }

    /// <summary>The exact length <see cref="Write"/> will write (so a response can announce it and write straight to the connection).</summary>
    public static long Length(IReadOnlyList<byte[]> deflated, IReadOnlyList<byte[]> values)
    {
        long length = Header.Length + FinalEmptyBlock.Length + 8;
        foreach (var d in deflated) length += d.Length;
        foreach (var v in values) length += v.Length + 5L * ((v.Length + ushort.MaxValue - 1) / ushort.MaxValue);
        return length;
    }

    /// <summary>Writes the gzip stream of texts[0], values[0], texts[1] … texts[n]; <paramref name="deflated"/>[i] = <see cref="Deflate"/>(texts[i]).</summary>
    public static void Write(IBufferWriter<byte> output, IReadOnlyList<byte[]> texts, IReadOnlyList<byte[]> deflated, IReadOnlyList<byte[]> values)
    {
        var crc = new Crc32();
        long length = 0;
        output.Write(Header);
        for (var i = 0; i < texts.Count; i++)
        {
            output.Write(deflated[i]);
            crc.Append(texts[i]);
            length += texts[i].Length;
            if (i >= values.Count) continue;
            Stored(output, values[i]);
            crc.Append(values[i]);
            length += values[i].Length;
        }
        output.Write(FinalEmptyBlock);
        Span<byte> trailer = stackalloc byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(trailer, crc.GetCurrentHashAsUInt32());
        BinaryPrimitives.WriteUInt32LittleEndian(trailer[4..], (uint)length);
        output.Write(trailer);
    }

    /// <summary>Stored blocks (BTYPE 00): a header byte on the byte boundary, LEN, NLEN, the bytes; at most 65,535 a block.</summary>
    private static void Stored(IBufferWriter<byte> output, ReadOnlySpan<byte> bytes)
    {
        Span<byte> header = stackalloc byte[5];
        while (!bytes.IsEmpty)
        {
            var chunk = bytes[..Math.Min(bytes.Length, ushort.MaxValue)];
            header[0] = 0;
            BinaryPrimitives.WriteUInt16LittleEndian(header[1..], (ushort)chunk.Length);
            BinaryPrimitives.WriteUInt16LittleEndian(header[3..], (ushort)~chunk.Length);
            output.Write(header);
            output.Write(chunk);
            bytes = bytes[chunk.Length..];
        }
    }
}
