using ApiManager.Gateway.Pipeline;

namespace ApiManager.Gateway.Tests.Pipeline;

public sealed class RequestIdsTests
{
    [Theory]
    [InlineData("a", true)]
    [InlineData("Abc.123_x-Y", true)]
    [InlineData("", false)]
    [InlineData(null, false)]
    [InlineData("with space", false)]
    [InlineData("tab\t", false)]
    [InlineData("ünïcode", false)]
    [InlineData("a:b", false)]
    public void IsWellFormed_Value_Classified(string? value, bool expected)
    {
        // Act
        var result = RequestIds.IsWellFormed(value);

        // Assert
        Assert.Equal(expected, result);
    }

    [Fact]
    public void IsWellFormed_LengthLimit_128Allowed129Refused()
    {
        // Act + Assert
        Assert.True(RequestIds.IsWellFormed(new string('x', 128)));
        Assert.False(RequestIds.IsWellFormed(new string('x', 129)));
    }

    [Fact]
    public void Create_ManyIds_UniqueCompactAndWellFormed()
    {
        // Act
        var ids = Enumerable.Range(0, 10_000).Select(_ => RequestIds.Create()).ToList();

        // Assert
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.All(ids, id => Assert.True(RequestIds.IsWellFormed(id), id));
        Assert.All(ids, id => Assert.InRange(id.Length, 14, 26));
        Assert.Single(ids.Select(id => id[..12]).Distinct(StringComparer.Ordinal));
    }
}
