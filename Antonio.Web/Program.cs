using Antonio.Web;
using Antonio.Web.Hosting;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Options;

try
{
    var app = await AntonioApp.CreateAsync(args);
    await app.RunAsync();
    return 0;
}
catch (StartupException e)
{
    // One clear line naming the setting, not a stack trace.
    Console.Error.WriteLine($"antonio: {e.Message}");
    return 1;
}
catch (Exception e) when (e is OptionsValidationException or AggregateException { InnerExceptions: [OptionsValidationException, ..] })
{
    // Wrong or missing settings: one line naming each setting and what is wrong with it.
    var failures = (e as AggregateException)?.InnerExceptions.OfType<OptionsValidationException>().SelectMany(o => o.Failures)
                   ?? ((OptionsValidationException)e).Failures;
    Console.Error.WriteLine($"antonio: {string.Join(" ", failures)}");
    return 1;
}
catch (IOException e) when (e.InnerException is AddressInUseException)
{
    Console.Error.WriteLine($"antonio: {e.Message} — another process is listening there; choose other --urls.");
    return 1;
}
