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
