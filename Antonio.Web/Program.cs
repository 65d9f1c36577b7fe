using Antonio.Web;
using Antonio.Web.Startup;

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
