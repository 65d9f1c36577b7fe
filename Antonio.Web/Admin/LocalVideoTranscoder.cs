using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using Antonio.Data.Content;
using Antonio.Web.Learning;
using Microsoft.Extensions.Options;

namespace Antonio.Web.Admin;

/// <summary>
/// The local video provider's processing (Development and tests): an uploaded file becomes an HLS stream under
/// the local origin's directory with ffmpeg, one upload at a time in the background; the video moves processing →
/// ready (with its new playback id and length) or errored. A job lost to a restart leaves the video "processing":
/// upload again. Production streams come from Mux.
/// </summary>
public sealed partial class LocalVideoTranscoder(IOptions<VideoOptions> options, IHostEnvironment environment, VideoAssets assets,
    ILogger<LocalVideoTranscoder> log) : BackgroundService
{
    private readonly Channel<(Guid VideoId, string Upload)> _jobs = Channel.CreateUnbounded<(Guid, string)>();

    public string Root => Path.GetFullPath(Path.Combine(environment.ContentRootPath, options.Value.LocalDirectory));

    public ValueTask EnqueueAsync(Guid videoId, string upload) => _jobs.Writer.WriteAsync((videoId, upload));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var (videoId, upload) in _jobs.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                var playbackId = "local" + Guid.NewGuid().ToString("N");
                var output = Path.Combine(Root, playbackId);
                Directory.CreateDirectory(output);
                var ok = await RunAsync("ffmpeg", ["-hide_banner", "-loglevel", "error", "-y", "-i", upload,
                    "-vf", "scale='min(1280,iw)':-2", "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "96k",
                    "-f", "hls", "-hls_time", "4", "-hls_playlist_type", "vod", "-hls_segment_filename", Path.Combine(output, "%d.ts"),
                    Path.Combine(output, "index.m3u8")], stoppingToken);
                var duration = ok.Success ? await DurationAsync(upload, stoppingToken) : null;
                if (ok.Success) await assets.ApplyAsync(videoId, VideoStates.Ready, playbackId, duration, ct: stoppingToken);
                else
                {
                    LogFailed(log, videoId, ok.Error);
                    Directory.Delete(output, recursive: true);
                    await assets.ApplyAsync(videoId, VideoStates.Errored, null, null, ct: stoppingToken);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(log, videoId, e.Message);
                await assets.ApplyAsync(videoId, VideoStates.Errored, null, null, ct: stoppingToken);
            }
            finally
            {
                File.Delete(upload);
            }
        }
    }

    private static async Task<int?> DurationAsync(string file, CancellationToken ct)
    {
        var probe = await RunAsync("ffprobe", ["-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", file], ct);
        return probe.Success && double.TryParse(probe.Output.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
            ? (int)Math.Round(seconds) : null;
    }

    private static async Task<(bool Success, string Output, string Error)> RunAsync(string tool, string[] arguments, CancellationToken ct)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start");
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var error = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        return (process.ExitCode == 0, await output, await error);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Video {VideoId} could not be processed: {Error}")]
    private static partial void LogFailed(ILogger logger, Guid videoId, string error);
}
