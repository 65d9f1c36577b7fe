namespace Antonio.Data.Progress;

/// <summary>
/// Proof that a learner completed every lesson of a workshop. Its public address is <see cref="Code"/>
/// (128 random bits, unguessable); the name and title are kept as they were on the day it was issued,
/// so later edits do not rewrite a document someone has shared. A refund of the access or the
/// deletion of the account revokes it: the public page then says it is no longer valid.
/// </summary>
public class Certificate
{
    public Guid Id { get; set; }
    /// <summary>The public id in the certificate's URL (base64url, 22 characters).</summary>
    public string Code { get; set; } = "";
    public Guid UserId { get; set; }
    public Guid WorkshopId { get; set; }
    /// <summary>Erased (null) when the account is deleted.</summary>
    public string? RecipientName { get; set; }
    public string WorkshopTitle { get; set; } = "";
    /// <summary>When the last lesson was completed.</summary>
    public DateTimeOffset CompletedAt { get; set; }
    public DateTimeOffset IssuedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    /// <summary>Why: <see cref="CertificateRevocations"/>.</summary>
    public string? RevokedReason { get; set; }
}

public static class CertificateRevocations
{
    public const string Refunded = "refunded";
    public const string AccountDeleted = "account-deleted";
}
