namespace Antonio.Web.Admin;

/// <summary>What an admin is told after a save, one sentence per outcome, saying what to do next.</summary>
public static class EditMessages
{
    public static (string Text, bool IsError) For(EditOutcome outcome) => outcome switch
    {
        EditOutcome.Saved => ("Saved. Learners see the change now.", false),
        EditOutcome.Conflict => ("Someone else saved this in the meantime. Your changes were not saved: reload to see theirs, then edit again.", true),
        EditOutcome.SlugTaken => ("Another item of this type already uses this slug (removed items keep theirs). Choose another.", true),
        EditOutcome.InvalidSlug => ("That slug is not URL-safe: use lower-case letters, digits and single hyphens.", true),
        EditOutcome.CodeTaken => ("Another coupon already uses this code. Choose another.", true),
        EditOutcome.NotAllowedHere => ("That can't go there: workshops hold sections and lessons, sections hold lessons.", true),
        _ => ("This item no longer exists (someone may have removed it). Go back to the list.", true),
    };
}
