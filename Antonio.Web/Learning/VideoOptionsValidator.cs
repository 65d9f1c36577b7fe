using Microsoft.Extensions.Options;

namespace Antonio.Web.Learning;

public sealed class VideoOptionsValidator(IHostEnvironment environment) : IValidateOptions<VideoOptions>
{
    public ValidateOptionsResult Validate(string? name, VideoOptions options)
    {
        if (string.IsNullOrEmpty(options.MuxTokenId) != string.IsNullOrEmpty(options.MuxTokenSecret))
            return ValidateOptionsResult.Fail("Antonio:Video:MuxTokenId and Antonio:Video:MuxTokenSecret go together: set both (uploads to Mux) or neither.");
        if (options.MuxUploads && !(Uri.TryCreate(options.MuxApiUrl, UriKind.Absolute, out var api) && api.Scheme is "https" or "http"
                                    && Uri.TryCreate(options.MuxUploadOrigin, UriKind.Absolute, out var storage) && storage.Scheme == "https"))
            return ValidateOptionsResult.Fail("Antonio:Video:MuxApiUrl and Antonio:Video:MuxUploadOrigin must be absolute URLs (the upload origin https).");
        if (string.IsNullOrEmpty(options.MuxSigningKeyId) != string.IsNullOrEmpty(options.MuxSigningKey))
            return ValidateOptionsResult.Fail("Antonio:Video:MuxSigningKeyId and Antonio:Video:MuxSigningKey go together: set both (signed playback) or neither.");
        if (options.SignedPlayback)
        {
            using var key = MuxPlaybackToken.ReadKey(options.MuxSigningKey);
            if (key is null) return ValidateOptionsResult.Fail("Antonio:Video:MuxSigningKey is not a base64-encoded PEM private key (as Mux gives it).");
        }
        if (options.PlaybackTokenLifetime < TimeSpan.FromMinutes(15) || options.PlaybackTokenLifetime > TimeSpan.FromDays(1))
            return ValidateOptionsResult.Fail($"Antonio:Video:PlaybackTokenLifetime must be between 00:15:00 (pages stay cached for up to ten minutes) and 1.00:00:00 (it is {options.PlaybackTokenLifetime}).");
        if (environment.IsProduction() && !options.LocalOrigin && !options.SignedPlayback)
            return ValidateOptionsResult.Fail("Antonio:Video:MuxSigningKeyId and Antonio:Video:MuxSigningKey are required in Production: without signed playback a stream's id alone plays it.");
        if (options.LocalOrigin)
        {
            // Not only Production: a Staging site is as public, and the local origin serves every stream it has.
            if (!environment.IsDevelopment())
                return ValidateOptionsResult.Fail($"Antonio:Video:LocalOrigin is on in {environment.EnvironmentName}: the local origin is for Development and tests. Stream from Mux (Antonio:Video:StreamUrlFormat).");
            return options.StreamUrlFormat == VideoOptions.LocalStreamUrlFormat ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail($"Antonio:Video:LocalOrigin is on, so Antonio:Video:StreamUrlFormat must be '{VideoOptions.LocalStreamUrlFormat}'.");
        }
        if (!options.StreamUrlFormat.Contains("{0}", StringComparison.Ordinal))
            return ValidateOptionsResult.Fail($"Antonio:Video:StreamUrlFormat '{options.StreamUrlFormat}' has no {{0}} for the playback id.");
        try
        {
            _ = string.Format(System.Globalization.CultureInfo.InvariantCulture, options.StreamUrlFormat, "x");
        }
        catch (FormatException)
        {
            return ValidateOptionsResult.Fail($"Antonio:Video:StreamUrlFormat '{options.StreamUrlFormat}' is not a valid format string.");
        }
        return options.StreamOrigin is { Scheme: "https" or "http" } ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Antonio:Video:StreamUrlFormat '{options.StreamUrlFormat}' is not an absolute http(s) URL.");
    }
}
