using Antonio.Data.Content;
using Antonio.Web.Access;

namespace Antonio.Web.Learning;

/// <summary>Where learner pages show prices: the pages render by it, and shared templates are keyed by the prices when they show.</summary>
public static class PricingPlacement
{
    /// <summary>A lesson page: when the lesson is closed to the viewer, not merely waiting for its cohort to start.</summary>
    public static bool OnLessonPage(AccessFlags flags) => !flags.CanViewLesson && !flags.IsPendingOpenAccess;

    /// <summary>The viewer owns this paid workshop: the page says so instead of offering it.</summary>
    public static bool OwnsPaidWorkshop(WorkshopData workshop, AccessFlags flags) => flags.HasWorkshopAccess && !AccessRules.IsFreeWorkshop(workshop);

    /// <summary>A workshop page: unless the viewer owns it (then only to price team seats) or waits for their cohort.</summary>
    public static bool OnWorkshopPage(WorkshopData workshop, AccessFlags flags, int? teamQuantity) =>
        OwnsPaidWorkshop(workshop, flags) ? teamQuantity > 1 : !flags.IsPendingOpenAccess;
}
