using Antonio.Web;
using ArchUnitNET.Domain;
using ArchUnitNET.Loader;
using Microsoft.AspNetCore.Components;

namespace Antonio.Tests.Architecture;

/// <summary>
/// Which feature folder of Antonio.Web uses which, from ArchUnitNET's reading of the compiled assembly: every type a
/// type names in its signatures, attributes and method bodies — so Razor components count with what their render trees
/// open, and compiler-generated types (state machines, closures) count for the type that declared them. A feature is
/// the folder under Antonio.Web (the namespace's third part).
/// </summary>
public sealed class FeatureGraph
{
    public const string Root = "Antonio.Web";

    /// <summary>Antonio.Web as ArchUnitNET reads it, with Blazor's components (for rules on what a component may use).</summary>
    public static ArchUnitNET.Domain.Architecture Web { get; } = new ArchLoader().LoadAssemblies(typeof(AntonioApp).Assembly, typeof(ComponentBase).Assembly).Build();

    /// <summary>(from feature, to feature) → the referencing and referenced type names, for messages.</summary>
    public Dictionary<(string From, string To), HashSet<string>> Edges { get; } = [];

    /// <summary>References from one feature to a non-public type of another.</summary>
    public List<string> HiddenTypeUses { get; } = [];

    public FeatureGraph()
    {
        var own = Web.Types.Where(t => t.Assembly.FullName == typeof(AntonioApp).Assembly.FullName).ToDictionary(t => t.FullName);
        foreach (var type in own.Values)
        {
            if (FeatureOf(type) is not { } from) continue;
            var origin = own[Outermost(type.FullName)];
            foreach (var used in type.Dependencies.Select(d => d.Target))
            {
                if (!own.TryGetValue(Outermost(used.FullName), out var target) || FeatureOf(target) is not { } to || to == from) continue;
                var key = (from, to);
                if (!Edges.TryGetValue(key, out var examples)) Edges[key] = examples = [];
                examples.Add($"{origin.Name} → {target.Name}");
                if (target.Visibility != Visibility.Public) HiddenTypeUses.Add($"{from}.{origin.Name} uses {to}.{target.Name}, which {to} does not expose (it is internal)");
            }
        }
    }

    public IEnumerable<string> DependenciesOf(string feature) => Edges.Keys.Where(k => k.From == feature).Select(k => k.To).Distinct();

    /// <summary>The feature folder of a type; null for the composition root (Antonio.Web itself) and anything outside it.</summary>
    public static string? FeatureOf(IType type)
    {
        var ns = type.Namespace.FullName;
        return ns.StartsWith(Root + ".", StringComparison.Ordinal) ? ns[(Root.Length + 1)..].Split('.')[0] : null;
    }

    /// <summary>A nested type's outermost declaring type (ArchUnitNET names nested types Outer+Inner).</summary>
    private static string Outermost(string fullName) => fullName.Split('+')[0];
}
