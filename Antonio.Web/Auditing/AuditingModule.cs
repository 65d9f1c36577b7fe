namespace Antonio.Web.Auditing;

/// <summary>The audit trail: every admin write and every refund adds a row in its own transaction (<see cref="AuditTrail"/>); the reader lists them.</summary>
public static class AuditingModule
{
    public static WebApplicationBuilder AddAuditing(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<AuditLogReader>();
        return builder;
    }
}
