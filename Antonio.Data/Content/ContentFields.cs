using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Antonio.Data.Content;

/// <summary>
/// The typed view of <see cref="ContentResource.Fields"/>. Unknown keys survive a read-modify-write
/// through <see cref="Extra"/>, so fields added by editors are never dropped.
/// </summary>
public sealed class ContentFields
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public string? Title { get; set; }
    public string? Slug { get; set; }
    public string State { get; set; } = ContentStates.Draft;
    public string Visibility { get; set; } = ContentVisibilities.Public;
    public string? Description { get; set; }
    public string? Body { get; set; }
    public string? CoverImage { get; set; }
    public DateTimeOffset? StartsAt { get; set; }
    public DateTimeOffset? EndsAt { get; set; }

    /// <summary>Video resources: the stream's playback id, its length and transcript.</summary>
    public string? PlaybackId { get; set; }
    public int? DurationSeconds { get; set; }
    public string? Transcript { get; set; }
    /// <summary>Video resources: new | processing | preparing | ready | errored.</summary>
    public string? VideoState { get; set; }
    /// <summary>Video resources from Mux: the asset the state is about, when that asset was created, and the time of the event last applied.</summary>
    public string? VideoAssetId { get; set; }
    public DateTimeOffset? VideoAssetCreatedAt { get; set; }
    public DateTimeOffset? VideoEventAt { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }

    public JsonDocument ToDocument() => JsonSerializer.SerializeToDocument(this, Json);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static ContentFields From(JsonDocument document) =>
        document.Deserialize<ContentFields>(Json) ?? new ContentFields();
}
