using ApiManager.Admin.Model;
using ApiManager.Gateway.Common;

namespace ApiManager.Admin.Tests.Model;

public sealed class FieldErrorsTests
{
    [Fact]
    public async Task TryAsync_WriteSucceeds_ReturnsResultAndClearsOldErrors()
    {
        // Arrange
        var errors = new FieldErrors();
        errors.Set(new Dictionary<string, string[]> { ["name"] = ["Name is required."] });

        // Act
        var result = await errors.TryAsync(() => Task.FromResult("saved"), "api");

        // Assert
        Assert.Equal("saved", result);
        Assert.Equal(0, errors.Count);
    }

    [Fact]
    public async Task TryAsync_ValidationFails_ReturnsNullWithFieldErrors()
    {
        // Arrange
        var errors = new FieldErrors();

        // Act
        var result = await errors.TryAsync<string>(
            () => throw new ServiceValidationException(new Dictionary<string, string[]> { ["path"] = ["Path is required.", "Path must start with '/'."] }), "api");

        // Assert
        Assert.Null(result);
        Assert.Equal(["path"], errors.Fields);
        Assert.Equal("Path is required. Path must start with '/'.", errors.Text("path"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task TryAsync_NotFoundOrConflict_ReturnsNullWithMessageUnderOtherKey(bool conflict)
    {
        // Arrange
        var errors = new FieldErrors();
        Exception failure = conflict ? new EntityConflictException("The API was changed by someone else.") : new EntityNotFoundException("Backend", "7");

        // Act
        var result = await errors.TryAsync<string>(() => throw failure, "wizard");

        // Assert
        Assert.Null(result);
        Assert.Equal(failure.Message, errors.Text("wizard"));
        Assert.Equal(1, errors.Count);
    }

    [Fact]
    public async Task TryAsync_OtherException_Propagates()
    {
        // Arrange
        var errors = new FieldErrors();

        // Act
        var act = () => errors.TryAsync<string>(() => throw new InvalidOperationException("boom"), "api");

        // Assert
        await Assert.ThrowsAsync<InvalidOperationException>(act);
        Assert.Equal(0, errors.Count);
    }
}
