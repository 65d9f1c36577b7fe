using Antonio.Web.Admin;

namespace Antonio.Tests.Unit;

[Trait("Category", "Unit")]
public sealed class MuxSignatureTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_signature_made_with_the_secret_over_the_body_is_valid_within_five_minutes()
    {
        var header = MuxSignature.Header("secret", "{\"a\":1}", Now);
        Assert.Matches("^t=\\d+,v1=[0-9a-f]{64}$", header);
        Assert.True(MuxSignature.IsValid(header, "{\"a\":1}", "secret", Now.AddMinutes(4)));
        Assert.False(MuxSignature.IsValid(header, "{\"a\":1}", "secret", Now.AddMinutes(6)));
        Assert.False(MuxSignature.IsValid(header, "{\"a\":2}", "secret", Now));
        Assert.False(MuxSignature.IsValid(header, "{\"a\":1}", "other", Now));
    }

    [Fact]
    public void Any_of_several_signatures_may_match_during_a_secret_rotation()
    {
        var valid = MuxSignature.Header("secret", "body", Now);
        var t = valid.Split(',')[0];
        Assert.True(MuxSignature.IsValid($"{t},v1={new string('0', 64)},{valid.Split(',')[1]}", "body", "secret", Now));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("v1=abc")]
    [InlineData("t=,v1=")]
    [InlineData("t=1,v1=zz")]
    [InlineData("t=-5,v1=00")]
    [InlineData("garbage")]
    public void Malformed_headers_are_invalid(string? header) => Assert.False(MuxSignature.IsValid(header, "body", "secret", Now));
}
