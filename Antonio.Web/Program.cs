using Antonio.Web;
using Antonio.Web.Startup;
using Microsoft.AspNetCore.Connections;

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
catch (IOException e) when (e.InnerException is AddressInUseException)
{
    Console.Error.WriteLine($"antonio: {e.Message} — another process is listening there; choose other --urls.");
    return 1;
}
