using Antonio.Web.PageCaching;
using Antonio.Web.Security;

namespace Antonio.Web.Commerce;

/// <summary>
/// An anonymous page depends on the visitor's country only through a PPP offer (which names the
/// country): countries without one share a page, which also bounds how many copies a forged header
/// could make.
/// </summary>
internal sealed class PppPageVariation(RequestCountry country) : IPageVariation
{
    public string Name => "ppp";

    public string ValueFor(HttpContext context)
    {
        var code = country.Of(context);
        return PppTable.Shipped.Find(code) is { } found && PricingEngine.PppDiscount(found.Ratio) is not null ? code : "none";
    }
}
