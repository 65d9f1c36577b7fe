using System.Diagnostics;

namespace Antonio.Tests.Infrastructure;

/// <summary>What a program run to its end said: its exit code, standard output and standard error.</summary>
public sealed record CommandResult(int ExitCode, string Output, string Error);

/// <summary>Runs a program to its end (pg_ctl, redis-cli, haproxy -c, kill …), reading both of its streams at once so neither can fill and stall it.</summary>
public static class CommandLine
{
    public static async Task<CommandResult> RunAsync(string file, IEnumerable<string> args, IDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return new CommandResult(process.ExitCode, await output, await error);
    }
}
