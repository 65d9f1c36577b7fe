namespace Antonio.Web.Commerce;

/// <summary>Where a transfer offer is accepted.</summary>
public static class TransferLinks
{
    public static string Accept(string token) => $"/transfers/{Uri.EscapeDataString(token)}";
}
