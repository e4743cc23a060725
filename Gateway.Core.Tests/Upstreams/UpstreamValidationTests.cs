using ApiManager.Gateway.Common;
using ApiManager.Gateway.Upstreams;

namespace ApiManager.Gateway.Tests.Upstreams;

/// <summary>Kong's upstream and target validity rules, checked without a database.</summary>
public sealed class UpstreamValidationTests
{
    [Fact]
    public void Validate_NameOnly_KongDefaults()
    {
        // Arrange
        var errors = new ValidationErrors();

        // Act
        var result = UpstreamService.Validate(new UpstreamInput { Name = " Orders.Internal " }, errors);

        // Assert
        Assert.True(errors.IsEmpty);
        Assert.Equal("orders.internal", result.Name);
        Assert.Equal(UpstreamAlgorithms.RoundRobin, result.Algorithm);
        Assert.Equal(UpstreamHashKinds.None, result.HashOn);
        Assert.Equal(UpstreamHashKinds.None, result.HashFallback);
        Assert.Equal("/", result.HashOnCookiePath);
        Assert.Equal(10000, result.Slots);
    }

    [Theory]
    [InlineData("")]
    [InlineData("bad name")]
    [InlineData("-leading")]
    [InlineData("under_score")]
    [InlineData("10.0.0.1")]
    [InlineData("1234")]
    public void Validate_BadName_NameError(string name)
    {
        AssertOnly(new UpstreamInput { Name = name }, "name");
    }

    [Theory]
    [InlineData(9)]
    [InlineData(65537)]
    [InlineData(0)]
    public void Validate_SlotsOutOfRange_SlotsError(int slots)
    {
        AssertOnly(new UpstreamInput { Name = "u", Slots = slots }, "slots");
    }

    [Theory]
    [InlineData(10)]
    [InlineData(65536)]
    public void Validate_SlotsAtBounds_Accepted(int slots)
    {
        var errors = new ValidationErrors();
        UpstreamService.Validate(new UpstreamInput { Name = "u", Slots = slots }, errors);
        Assert.True(errors.IsEmpty);
    }

    [Fact]
    public void Validate_UnknownAlgorithm_AlgorithmError()
    {
        AssertOnly(new UpstreamInput { Name = "u", Algorithm = "latency" }, "algorithm");
    }

    [Fact]
    public void Validate_UnknownHashOn_HashOnError()
    {
        AssertOnly(new UpstreamInput { Name = "u", HashOn = "uri_capture" }, "hashOn");
    }

    [Fact]
    public void Validate_UnknownFallback_FallbackError()
    {
        AssertOnly(new UpstreamInput { Name = "u", HashOn = "ip", HashFallback = "body" }, "hashFallback");
    }

    [Fact]
    public void Validate_HashOnWithoutAlgorithm_SwitchesToConsistentHashing()
    {
        var errors = new ValidationErrors();
        var result = UpstreamService.Validate(new UpstreamInput { Name = "u", HashOn = "ip" }, errors);
        Assert.True(errors.IsEmpty);
        Assert.Equal(UpstreamAlgorithms.ConsistentHashing, result.Algorithm);
    }

    [Fact]
    public void Validate_HashOnWithRoundRobin_AlgorithmError()
    {
        AssertOnly(new UpstreamInput { Name = "u", Algorithm = "round-robin", HashOn = "ip" }, "algorithm");
    }

    [Fact]
    public void Validate_FallbackWhenHashOnNone_FallbackError()
    {
        AssertOnly(new UpstreamInput { Name = "u", HashFallback = "ip" }, "hashFallback");
    }

    [Fact]
    public void Validate_FallbackWhenHashOnCookie_FallbackError()
    {
        AssertOnly(new UpstreamInput { Name = "u", HashOn = "cookie", HashOnCookie = "sticky", HashFallback = "ip" }, "hashFallback");
    }

    [Fact]
    public void Validate_FallbackCookie_FallbackError()
    {
        AssertOnly(new UpstreamInput { Name = "u", HashOn = "ip", HashFallback = "cookie" }, "hashFallback");
    }

    [Theory]
    [InlineData("ip")]
    [InlineData("consumer")]
    [InlineData("path")]
    public void Validate_FallbackEqualsHashOn_FallbackError(string kind)
    {
        AssertOnly(new UpstreamInput { Name = "u", HashOn = kind, HashFallback = kind }, "hashFallback");
    }

    [Fact]
    public void Validate_HeaderFallbackSameHeader_FallbackHeaderError()
    {
        AssertOnly(new UpstreamInput { Name = "u", HashOn = "header", HashOnHeader = "X-A", HashFallback = "header", HashFallbackHeader = "x-a" }, "hashFallbackHeader");
    }

    [Fact]
    public void Validate_HeaderFallbackOtherHeader_Accepted()
    {
        var errors = new ValidationErrors();
        var result = UpstreamService.Validate(new UpstreamInput { Name = "u", HashOn = "header", HashOnHeader = "X-A", HashFallback = "header", HashFallbackHeader = "X-B" }, errors);
        Assert.True(errors.IsEmpty);
        Assert.Equal("X-B", result.HashFallbackHeader);
    }

    [Fact]
    public void Validate_QueryArgFallbackSameArg_FallbackQueryArgError()
    {
        AssertOnly(new UpstreamInput { Name = "u", HashOn = "query_arg", HashOnQueryArg = "id", HashFallback = "query_arg", HashFallbackQueryArg = "id" }, "hashFallbackQueryArg");
    }

    [Theory]
    [InlineData("header", "hashOnHeader")]
    [InlineData("cookie", "hashOnCookie")]
    [InlineData("query_arg", "hashOnQueryArg")]
    public void Validate_HashOnFieldMissing_FieldError(string kind, string field)
    {
        AssertOnly(new UpstreamInput { Name = "u", HashOn = kind }, field);
    }

    [Theory]
    [InlineData("header", "hashFallbackHeader")]
    [InlineData("query_arg", "hashFallbackQueryArg")]
    public void Validate_FallbackFieldMissing_FieldError(string kind, string field)
    {
        AssertOnly(new UpstreamInput { Name = "u", HashOn = "ip", HashFallback = kind }, field);
    }

    [Fact]
    public void Validate_BadHeaderName_FieldError()
    {
        AssertOnly(new UpstreamInput { Name = "u", HashOn = "header", HashOnHeader = "X A" }, "hashOnHeader");
    }

    [Fact]
    public void Validate_CookiePathWithoutSlash_FieldError()
    {
        AssertOnly(new UpstreamInput { Name = "u", HashOn = "cookie", HashOnCookie = "c", HashOnCookiePath = "app" }, "hashOnCookiePath");
    }

    [Fact]
    public void Validate_FieldsOfOtherKinds_Dropped()
    {
        var errors = new ValidationErrors();
        var result = UpstreamService.Validate(new UpstreamInput { Name = "u", HashOn = "ip", HashOnHeader = "X-A", HashOnQueryArg = "q", HashOnCookie = "c" }, errors);
        Assert.True(errors.IsEmpty);
        Assert.Null(result.HashOnHeader);
        Assert.Null(result.HashOnQueryArg);
        Assert.Null(result.HashOnCookie);
    }

    [Fact]
    public void Validate_EveryErrorAtOnce()
    {
        var errors = new ValidationErrors();
        UpstreamService.Validate(new UpstreamInput { Name = "", Algorithm = "x", HashOn = "y", Slots = 1 }, errors);
        var exception = Assert.Throws<ServiceValidationException>(errors.ThrowIfAny);
        Assert.Equal(["algorithm", "hashOn", "name", "slots"], exception.Errors.Keys.Order());
    }

    [Theory]
    [InlineData("10.0.0.1:8080", "10.0.0.1:8080")]
    [InlineData("10.0.0.1", "10.0.0.1:8000")]
    [InlineData("API.Example.com:443", "api.example.com:443")]
    [InlineData("[::1]:9000", "[::1]:9000")]
    [InlineData("[0:0::1]", "[::1]:8000")]
    public void NormalizeTarget_Valid_Normalized(string input, string expected)
    {
        var errors = new ValidationErrors();
        Assert.Equal(expected, UpstreamService.NormalizeTarget(input, errors));
        Assert.True(errors.IsEmpty);
    }

    [Theory]
    [InlineData("")]
    [InlineData("::1")]
    [InlineData("::1:80")]
    [InlineData("host:0")]
    [InlineData("host:65536")]
    [InlineData("host:abc")]
    [InlineData("[::1")]
    [InlineData("[::1]x")]
    [InlineData("[10.0.0.1]:80")]
    [InlineData("bad host:80")]
    [InlineData("http://host:80")]
    public void NormalizeTarget_Invalid_TargetError(string input)
    {
        var errors = new ValidationErrors();
        Assert.Null(UpstreamService.NormalizeTarget(input, errors));
        var exception = Assert.Throws<ServiceValidationException>(errors.ThrowIfAny);
        Assert.Equal(["target"], exception.Errors.Keys);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(65536)]
    public void ValidateTarget_WeightOutOfRange_WeightError(int weight)
    {
        var errors = new ValidationErrors();
        UpstreamService.ValidateTarget(new UpstreamTargetInput { Target = "a:1", Weight = weight }, errors);
        var exception = Assert.Throws<ServiceValidationException>(errors.ThrowIfAny);
        Assert.Equal(["weight"], exception.Errors.Keys);
    }

    [Fact]
    public void ValidateTarget_WeightOmitted_Default100()
    {
        var errors = new ValidationErrors();
        var result = UpstreamService.ValidateTarget(new UpstreamTargetInput { Target = "a:1" }, errors);
        Assert.True(errors.IsEmpty);
        Assert.Equal(100, result.Weight);
    }

    private static void AssertOnly(UpstreamInput input, string field)
    {
        // Arrange
        var errors = new ValidationErrors();

        // Act
        UpstreamService.Validate(input, errors);

        // Assert
        var exception = Assert.Throws<ServiceValidationException>(errors.ThrowIfAny);
        Assert.Equal([field], exception.Errors.Keys);
    }
}
