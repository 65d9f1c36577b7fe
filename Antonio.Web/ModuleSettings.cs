using Antonio.Web.Hosting;
using Microsoft.Extensions.Options;

namespace Antonio.Web;

/// <summary>
/// How a module registers its settings: bound once from its configuration section into its options
/// class, validated when the app starts (a wrong setting stops start-up with one line naming it), and
/// handed back so the module can decide what to register (which payment provider, whether Redis is there).
/// </summary>
public static class ModuleSettings
{
    public static TOptions AddSettings<TOptions, TValidator>(this WebApplicationBuilder builder, string section, Action<TOptions, IConfiguration>? complete = null)
        where TOptions : class, new()
        where TValidator : class, IValidateOptions<TOptions>
    {
        builder.Services.AddSingleton<IValidateOptions<TOptions>, TValidator>();
        return builder.AddSettings(section, complete);
    }

    public static TOptions AddSettings<TOptions>(this WebApplicationBuilder builder, string section, Action<TOptions, IConfiguration>? complete = null)
        where TOptions : class, new()
    {
        var configuration = builder.Configuration;
        builder.Services.AddOptions<TOptions>().Bind(configuration.GetSection(section)).Configure(o => complete?.Invoke(o, configuration)).ValidateOnStart();
        try
        {
            var current = configuration.GetSection(section).Get<TOptions>() ?? new TOptions();
            complete?.Invoke(current, configuration);
            return current;
        }
        catch (InvalidOperationException e)
        {
            // "Failed to convert configuration value at 'Antonio:Mail:SmtpPort' to type 'System.Int32'."
            throw new StartupException(e.Message, e);
        }
    }
}
