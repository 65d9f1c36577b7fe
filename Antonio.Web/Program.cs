using Antonio.Web;
using Antonio.Web.Startup;
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
catch (OptionsValidationException e)
{
    // A wrong or missing setting: one line naming each setting and what is wrong with it.
    Console.Error.WriteLine($"antonio: {string.Join(" ", e.Failures)}");
    return 1;
}
catch (IOException e) when (e.InnerException is AddressInUseException)
{
    Console.Error.WriteLine($"antonio: {e.Message} — another process is listening there; choose other --urls.");
    return 1;
}
