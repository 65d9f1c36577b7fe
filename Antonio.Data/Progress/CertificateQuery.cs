namespace Antonio.Data.Progress;

/// <summary>One certificate by its public code, with what its page shows, in ONE SQL command (unique index on code).</summary>
public static class CertificateQuery
{
    private const string Sql = """
        SELECT json_build_object(
          'code', c.code, 'userId', c.user_id, 'workshopId', c.workshop_id,
          'recipientName', COALESCE(c.recipient_name, u.name), 'workshopTitle', c.workshop_title,
          'workshopSlug', CASE WHEN w.deleted_at IS NULL THEN w.fields->>'slug' END,
          'completedAt', c.completed_at, 'revokedAt', c.revoked_at
        ) AS "Value"
          FROM certificates c JOIN users u ON u.id = c.user_id JOIN content_resources w ON w.id = c.workshop_id
         WHERE c.code = {0}
        """;

    public static Task<CertificateView?> LoadAsync(AntonioDbContext db, string code, CancellationToken ct = default) =>
        QueryJson.ReadAsync<CertificateView>(db, Sql, [code], ct);
}

/// <summary>What a certificate's public page shows, and whose it is (so the page can greet its owner and tags can drop it).</summary>
public sealed record CertificateView
{
    public required string Code { get; init; }
    public required Guid UserId { get; init; }
    public required Guid WorkshopId { get; init; }
    /// <summary>The name at issue, else the account's current name; null when neither exists (or the account was deleted).</summary>
    public string? RecipientName { get; init; }
    public required string WorkshopTitle { get; init; }
    public string? WorkshopSlug { get; init; }
    public DateTimeOffset CompletedAt { get; init; }
    public DateTimeOffset? RevokedAt { get; init; }
    public bool IsValid => RevokedAt is null;
}
