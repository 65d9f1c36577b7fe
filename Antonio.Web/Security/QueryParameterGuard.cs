using System.Collections.Frozen;
using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Endpoints;

namespace Antonio.Web.Security;

/// <summary>
/// A query value a page cannot bind is a 400, not a 500. Blazor binds [SupplyParameterFromQuery]
/// properties by name and throws on a value of the wrong type (?quantity=abc, ?product=not-a-guid,
/// ?thanks=2147483648). This guard knows every such property of every component (read once, by
/// reflection, so a new page is covered without being listed) and checks each value the same way
/// Blazor will parse it, before the page renders.
/// </summary>
public sealed class QueryParameterGuard(RequestDelegate next, QueryParameterCatalog catalog)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<ComponentTypeMetadata>() is not null)
        {
            foreach (var (name, values) in context.Request.Query)
            {
                if (!catalog.Types.TryGetValue(name, out var type)) continue;
                foreach (var value in values)
                    if (!string.IsNullOrEmpty(value) && !QueryParameterCatalog.Parses(type, value))
                    {
                        context.Response.StatusCode = StatusCodes.Status400BadRequest;
                        return Task.CompletedTask;
                    }
            }
        }
        return next(context);
    }
}

/// <summary>Every query parameter a component of the app binds: name (case-insensitive, as Blazor matches it) → element type.</summary>
public sealed class QueryParameterCatalog
{
    public FrozenDictionary<string, Type> Types { get; }

    public QueryParameterCatalog(IEnumerable<Assembly> assemblies)
    {
        var types = new Dictionary<string, (Type Type, string Where)>(StringComparer.OrdinalIgnoreCase);
        foreach (var component in assemblies.SelectMany(a => a.GetTypes()).Where(t => typeof(IComponent).IsAssignableFrom(t)))
            foreach (var property in component.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
            {
                if (property.GetCustomAttribute<SupplyParameterFromQueryAttribute>() is not { } attribute) continue;
                var name = attribute.Name ?? property.Name;
                var type = ElementType(property.PropertyType);
                if (types.TryGetValue(name, out var seen) && seen.Type != type)
                    throw new InvalidOperationException($"Query parameter '{name}' is bound as {seen.Type.Name} in {seen.Where} and as {type.Name} in {component.Name}: one name, one type.");
                types[name] = (type, component.Name);
            }
        Types = types.ToFrozenDictionary(p => p.Key, p => p.Value.Type, StringComparer.OrdinalIgnoreCase);
    }

    private static Type ElementType(Type type)
    {
        if (type.IsArray) type = type.GetElementType()!;
        return Nullable.GetUnderlyingType(type) ?? type;
    }

    /// <summary>The same parse Blazor's query binding does (invariant culture).</summary>
    public static bool Parses(Type type, string value)
    {
        var c = CultureInfo.InvariantCulture;
        return type switch
        {
            _ when type == typeof(string) => true,
            _ when type == typeof(int) => int.TryParse(value, NumberStyles.Integer, c, out _),
            _ when type == typeof(long) => long.TryParse(value, NumberStyles.Integer, c, out _),
            _ when type == typeof(bool) => bool.TryParse(value, out _),
            _ when type == typeof(Guid) => Guid.TryParse(value, out _),
            _ when type == typeof(double) => double.TryParse(value, NumberStyles.Float | NumberStyles.AllowThousands, c, out _),
            _ when type == typeof(float) => float.TryParse(value, NumberStyles.Float | NumberStyles.AllowThousands, c, out _),
            _ when type == typeof(decimal) => decimal.TryParse(value, NumberStyles.Number, c, out _),
            _ when type == typeof(DateTime) => DateTime.TryParse(value, c, DateTimeStyles.None, out _),
            _ when type == typeof(DateOnly) => DateOnly.TryParse(value, c, out _),
            _ when type == typeof(TimeOnly) => TimeOnly.TryParse(value, c, out _),
            _ => throw new InvalidOperationException($"No parse rule for query parameters of type {type.Name}."),
        };
    }
}
