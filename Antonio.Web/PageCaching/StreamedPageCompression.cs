using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace Antonio.Web.PageCaching;

/// <summary>
/// Lets streamed pages be compressed. Blazor marks a streaming response "Content-Encoding: identity" so
/// that a compressor cannot hold its first part back; ASP.NET Core's response compression flushes
/// whenever the page flushes, so the hero still leaves first — compressed. The mark is taken off just
/// before the first byte reaches the compressor (which then decides as for any page).
/// </summary>
internal sealed class StreamedPageCompression(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var inner = context.Features.Get<IHttpResponseBodyFeature>()!;
        var body = new UnmarkingBody(context.Response, inner);
        context.Features.Set<IHttpResponseBodyFeature>(body);
        try
        {
            await next(context);
        }
        finally
        {
            context.Features.Set(inner);
        }
    }

    private sealed class UnmarkingBody(HttpResponse response, IHttpResponseBodyFeature inner) : Stream, IHttpResponseBodyFeature
    {
        private bool _checked;

        private void Unmark()
        {
            if (_checked) return;
            _checked = true;
            if (response.Headers.ContentEncoding == "identity") response.Headers.Remove(HeaderNames.ContentEncoding);
        }

        // IHttpResponseBodyFeature: this stream, and the rest passed through after the mark is gone.
        public Stream Stream => this;
        // One writer for the whole response: a result that writes through BodyWriter and then flushes it asks
        // for the writer twice, and a second, new writer would flush nothing of what the first one holds.
        private System.IO.Pipelines.PipeWriter? _writer;
        public System.IO.Pipelines.PipeWriter Writer => _writer ??= System.IO.Pipelines.PipeWriter.Create(this, new(leaveOpen: true));
        public void DisableBuffering() => inner.DisableBuffering();
        public Task StartAsync(CancellationToken cancellationToken = default) { Unmark(); return inner.StartAsync(cancellationToken); }
        public Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default) { Unmark(); return inner.SendFileAsync(path, offset, count, cancellationToken); }
        public async Task CompleteAsync()
        {
            Unmark();
            if (_writer is not null) await _writer.FlushAsync();
            await inner.CompleteAsync();
        }

        // Stream: writes and flushes go to the compressor's stream.
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { Unmark(); inner.Stream.Flush(); }
        public override Task FlushAsync(CancellationToken cancellationToken) { Unmark(); return inner.Stream.FlushAsync(cancellationToken); }
        public override void Write(byte[] buffer, int offset, int count) { Unmark(); inner.Stream.Write(buffer, offset, count); }
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) { Unmark(); return inner.Stream.WriteAsync(buffer, cancellationToken); }
        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) { Unmark(); return inner.Stream.WriteAsync(buffer, offset, count, cancellationToken); }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
