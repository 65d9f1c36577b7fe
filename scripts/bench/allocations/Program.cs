// Reads a dotnet-trace gc-verbose trace (EventPipe) taken while wrk ran the signed-in mix and prints, as JSON, where
// the allocations were made: the runtime samples an allocation about every 100 KB (AllocationTick, with its type and
// stack); each sample is charged to the innermost frame of the app's own code on its stack — the app's call that
// allocated, or that called the framework code that did — or to the framework alone when no app frame is there.
using System.Text.Json;
using Microsoft.Diagnostics.Tracing.Etlx;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

if (args.Length < 1)
{
    Console.Error.WriteLine("usage: BenchAllocations <trace.nettrace> [top]");
    return 2;
}
var top = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 12;
using var log = new TraceLog(TraceLog.CreateFromEventPipeDataFile(args[0]));
var bySite = new Dictionary<string, long>();
var byType = new Dictionary<string, long>();
long total = 0;
foreach (var data in log.Events)
{
    if (data is not GCAllocationTickTraceData tick) continue;
    total += tick.AllocationAmount64;
    var type = tick.TypeName ?? "?";
    byType[type] = byType.GetValueOrDefault(type) + tick.AllocationAmount64;
    var site = "framework: " + Method(data.CallStack()?.CodeAddress.FullMethodName);
    string? callee = null; // the framework code the app's frame called, when it is that code that allocated
    for (var frame = data.CallStack(); frame is not null; frame = frame.Caller)
    {
        var name = Method(frame.CodeAddress.FullMethodName);
        if (name.StartsWith("Antonio.", StringComparison.Ordinal))
        {
            site = callee is null ? name : $"{name} → {callee}";
            break;
        }
        if (!name.StartsWith("System.Runtime.CompilerServices.", StringComparison.Ordinal) && !name.StartsWith("System.Threading.", StringComparison.Ordinal))
            callee = name;
    }
    bySite[site] = bySite.GetValueOrDefault(site) + tick.AllocationAmount64;
}

object Shares(Dictionary<string, long> counts) => counts.OrderByDescending(c => c.Value).Take(top)
    .Select(c => new { name = c.Key, percent = Math.Round(100.0 * c.Value / Math.Max(1, total), 1) }).ToList();
Console.WriteLine(JsonSerializer.Serialize(new { sampled_bytes = total, sites = Shares(bySite), types = Shares(byType) }));
return 0;

// "Antonio.Web!Antonio.Web.Caching.CachedReader+<GetAsync>d__12`1[System.__Canon].MoveNext()" → "Antonio.Web.Caching.CachedReader.GetAsync"
static string Method(string? name)
{
    if (string.IsNullOrEmpty(name)) return "?";
    if (name.IndexOf('(') is var args and > 0) name = name[..args];
    name = name[(name.IndexOf('!') + 1)..]; // the module
    name = System.Text.RegularExpressions.Regex.Replace(name, @"\+<(\w+)>d__\d+(`\d+)?(\[[^\]]*\])?\.MoveNext$", ".$1");
    name = System.Text.RegularExpressions.Regex.Replace(name, @"`\d+(\[[^\]]*\])?", "");
    return name;
}
