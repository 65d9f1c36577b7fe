using System.Reflection;
using System.Reflection.Emit;

namespace Antonio.Tests.Architecture;

/// <summary>
/// Which feature folder of Antonio.Web uses which, read from the compiled assembly: every type a type
/// names in its signatures and every type, method or field its method bodies (IL) refer to — so Razor
/// components count with what their render trees open, and compiler-generated state machines count for
/// the type that declared them. A feature is the folder under Antonio.Web (the namespace's third part).
/// </summary>
public sealed class FeatureGraph
{
    public const string Root = "Antonio.Web";

    /// <summary>(from feature, to feature) → the referencing and referenced type names, for messages.</summary>
    public Dictionary<(string From, string To), HashSet<string>> Edges { get; } = [];

    /// <summary>References from one feature to a non-public type of another.</summary>
    public List<string> HiddenTypeUses { get; } = [];

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!).ToDictionary(o => o.Value);

    public FeatureGraph(Assembly assembly)
    {
        foreach (var type in assembly.GetTypes().Where(t => !t.IsNested))
        {
            if (FeatureOf(type) is not { } from) continue;
            foreach (var used in Uses(type).Where(u => u.Assembly == assembly))
            {
                var target = Outermost(used);
                if (FeatureOf(target) is not { } to || to == from) continue;
                var key = (from, to);
                if (!Edges.TryGetValue(key, out var examples)) Edges[key] = examples = [];
                examples.Add($"{type.Name} → {target.Name}");
                if (!target.IsPublic) HiddenTypeUses.Add($"{from}.{type.Name} uses {to}.{target.Name}, which {to} does not expose (it is internal)");
            }
        }
    }

    public IEnumerable<string> DependenciesOf(string feature) => Edges.Keys.Where(k => k.From == feature).Select(k => k.To).Distinct();

    /// <summary>The feature folder of a type; null for the composition root (Antonio.Web itself) and anything outside it.</summary>
    public static string? FeatureOf(Type type)
    {
        var ns = type.Namespace;
        if (ns is null || !ns.StartsWith(Root + ".", StringComparison.Ordinal)) return null;
        return ns[(Root.Length + 1)..].Split('.')[0];
    }

    private static Type Outermost(Type type)
    {
        if (type.HasElementType) type = type.GetElementType()!;
        while (type.IsNested) type = type.DeclaringType!;
        return type;
    }

    private static HashSet<Type> Uses(Type type)
    {
        var seen = new HashSet<Type>();
        void Add(Type? t)
        {
            if (t is null || !seen.Add(t)) return;
            if (t.HasElementType) Add(t.GetElementType());
            if (t.IsGenericType) foreach (var a in t.GetGenericArguments()) Add(a);
        }
        foreach (var nested in AllNested(type))
        {
            Add(nested.BaseType);
            foreach (var i in nested.GetInterfaces()) Add(i);
            foreach (var a in nested.GetCustomAttributesData()) Add(a.AttributeType);
            const BindingFlags all = BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
            foreach (var f in nested.GetFields(all)) Add(f.FieldType);
            foreach (var p in nested.GetProperties(all)) Add(p.PropertyType);
            foreach (var m in nested.GetMethods(all).Cast<MethodBase>().Concat(nested.GetConstructors(all)))
            {
                if (m is MethodInfo mi) Add(mi.ReturnType);
                foreach (var p in m.GetParameters()) Add(p.ParameterType);
                foreach (var t in BodyReferences(m)) Add(t);
            }
        }
        return seen;
    }

    private static IEnumerable<Type> AllNested(Type type)
    {
        yield return type;
        foreach (var n in type.GetNestedTypes(BindingFlags.Public | BindingFlags.NonPublic))
            foreach (var inner in AllNested(n)) yield return inner;
    }

    /// <summary>Types named by the operands of a method body's IL (type, field, method and token operands).</summary>
    private static IEnumerable<Type> BodyReferences(MethodBase method)
    {
        byte[]? il;
        try { il = method.GetMethodBody()?.GetILAsByteArray(); }
        catch (InvalidOperationException) { yield break; }
        if (il is null) yield break;
        var typeArgs = method.DeclaringType is { IsGenericType: true } d ? d.GetGenericArguments() : null;
        var methodArgs = method.IsGenericMethod ? method.GetGenericArguments() : null;
        for (var i = 0; i < il.Length;)
        {
            var value = il[i] == 0xFE ? (short)(0xFE00 | il[i + 1]) : il[i];
            i += il[i] == 0xFE ? 2 : 1;
            if (!OpCodesByValue.TryGetValue(value, out var op)) yield break; // not IL we can read: stop rather than guess
            switch (op.OperandType)
            {
                case OperandType.InlineType or OperandType.InlineTok or OperandType.InlineMethod or OperandType.InlineField:
                    MemberInfo? member = null;
                    try { member = method.Module.ResolveMember(BitConverter.ToInt32(il, i), typeArgs, methodArgs); }
                    catch (Exception e) when (e is ArgumentException or BadImageFormatException) { }
                    switch (member)
                    {
                        case Type t: yield return t; break;
                        case MethodBase m:
                            if (m.DeclaringType is { } declaring) yield return declaring;
                            if (m.IsGenericMethod) foreach (var a in m.GetGenericArguments()) yield return a;
                            break;
                        case FieldInfo f: if (f.DeclaringType is { } owner) yield return owner; yield return f.FieldType; break;
                    }
                    i += 4;
                    break;
                case OperandType.InlineNone: break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar: i += 1; break;
                case OperandType.InlineVar: i += 2; break;
                case OperandType.InlineI8 or OperandType.InlineR: i += 8; break;
                case OperandType.InlineSwitch: i += 4 + 4 * BitConverter.ToInt32(il, i); break;
                default: i += 4; break;
            }
        }
    }
}
