using Antonio.Web;
using Antonio.Web.Hosting;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Options;

// Start-up problems an operator can fix are one line on stderr and exit code 1, never a stack trace.
WebApplication app;
try
{
    app = await AntonioApp.CreateAsync(args);
    await app.StartAsync();
}
catch (StartupException e)
{
    Console.Error.WriteLine($"antonio: {e.Message}");
    return 1;
}
catch (Exception e) when (e is OptionsValidationException or AggregateException { InnerExceptions: [OptionsValidationException, ..] })
{
    // Wrong or missing settings: each named, with what is wrong with it.
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
catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException)
{
    // Kestrel refusing an address (a port out of range, a malformed URL) and the like.
    Console.Error.WriteLine($"antonio: could not start: {e.Message.ReplaceLineEndings(" ")}");
    return 1;
}
await app.WaitForShutdownAsync();
return 0;
