namespace Antonio.Web.PageCaching;

/// <summary>
/// Marks a page whose anonymous rendering may be shared whole between anonymous visitors (the learner
/// catalogue, workshop and lesson pages): <c>@attribute [SharedPage]</c>. Everything else is rendered per request.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class SharedPageAttribute : Attribute;
