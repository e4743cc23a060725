using System.Text.RegularExpressions;
using ApiManager.Gateway.Common;

namespace ApiManager.Gateway.Tests.Common;

public sealed class ValidationErrorsTests
{
    private static readonly Regex Letters = new("^[a-z]+$");

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void RequiredText_Empty_ReportsRequired(string? value)
    {
        // Arrange
        var errors = new ValidationErrors();

        // Act
        errors.RequiredText("name", "Name", value, 5, "bad", Letters);

        // Assert
        var ex = Assert.Throws<ServiceValidationException>(errors.ThrowIfAny);
        Assert.Equal(["Name is required."], ex.Errors["name"]);
    }

    [Theory]
    [InlineData("abcdef")]
    [InlineData("ab1")]
    public void RequiredText_TooLongOrPatternMismatch_ReportsInvalidMessage(string value)
    {
        // Arrange
        var errors = new ValidationErrors();

        // Act
        errors.RequiredText("name", "Name", value, 5, "Use up to 5 letters.", Letters);

        // Assert
        var ex = Assert.Throws<ServiceValidationException>(errors.ThrowIfAny);
        Assert.Equal(["Use up to 5 letters."], ex.Errors["name"]);
    }

    [Fact]
    public void RequiredText_Valid_ReturnsTrimmedWithoutErrors()
    {
        // Arrange
        var errors = new ValidationErrors();

        // Act
        var text = errors.RequiredText("name", "Name", "  abc ", 5, "bad", Letters);

        // Assert
        Assert.Equal("abc", text);
        Assert.True(errors.IsEmpty);
    }
}
