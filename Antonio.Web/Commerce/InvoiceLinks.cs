namespace Antonio.Web.Commerce;

/// <summary>Where a charge's invoice lives.</summary>
public static class InvoiceLinks
{
    public static string Invoice(Guid chargeId) => $"/invoices/{chargeId:N}";
}
