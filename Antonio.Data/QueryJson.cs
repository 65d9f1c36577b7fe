using System.Text.Json;
using System.Text.Json.Serialization;

namespace Antonio.Data;

/// <summary>How the JSON documents that PostgreSQL builds for the hot queries are read.</summary>
public static class QueryJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        // Editors type numbers into jsonb as strings now and then; read both.
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
    };
}
