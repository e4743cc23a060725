using ApiManager.Admin.Account;
using ApiManager.Admin.Model;
using ApiManager.Admin.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace ApiManager.Admin.Tests.Model;

public sealed class TokensViewModelTests : AdminTestContext
{
    private ConsoleUser AdminUser => new(AdminUserId, "admin", AdminRoles.Administrator, true);

    [Fact]
    public async Task CreateAsync_ValidName_ReturnsValueOnceAndListsPrefix()
    {
        // Arrange
        var viewModel = Services.GetRequiredService<TokensViewModel>();
        viewModel.NewName = "ci";

        // Act
        var created = await viewModel.CreateAsync(AdminUser, Ct);

        // Assert
        Assert.NotNull(created);
        Assert.StartsWith(AccessTokenService.TokenPrefix, created.Value, StringComparison.Ordinal);
        var listed = Assert.Single(viewModel.Tokens);
        Assert.Equal(("ci", created.Value[..10], true), (listed.Name, listed.Prefix, listed.IsActive));
        Assert.Equal("", viewModel.NewName);
        Assert.NotNull(await Services.GetRequiredService<AccessTokenService>().ValidateAsync(created.Value, Ct));
    }

    [Fact]
    public async Task CreateAsync_EmptyNameAndPastExpiry_ReportsFieldErrors()
    {
        // Arrange
        var viewModel = Services.GetRequiredService<TokensViewModel>();
        viewModel.NewExpiresAt = Time.GetUtcNow().UtcDateTime.AddDays(-2);

        // Act
        var created = await viewModel.CreateAsync(AdminUser, Ct);

        // Assert
        Assert.Null(created);
        Assert.True(viewModel.Errors.Has("name"));
        Assert.True(viewModel.Errors.Has("expiresAt"));
        Assert.Empty(viewModel.Tokens);
    }

    [Fact]
    public async Task RevokeAsync_ActiveToken_StopsValidating()
    {
        // Arrange
        var viewModel = Services.GetRequiredService<TokensViewModel>();
        viewModel.NewName = "ci";
        var created = await viewModel.CreateAsync(AdminUser, Ct);

        // Act
        await viewModel.RevokeAsync(AdminUser, created!.Id, Ct);

        // Assert
        Assert.False(Assert.Single(viewModel.Tokens).IsActive);
        Assert.Null(await Services.GetRequiredService<AccessTokenService>().ValidateAsync(created.Value, Ct));
    }

    [Fact]
    public async Task CreateAsync_Anonymous_Refused()
    {
        // Arrange
        var viewModel = Services.GetRequiredService<TokensViewModel>();
        viewModel.NewName = "ci";

        // Act
        var created = await viewModel.CreateAsync(ConsoleUser.Anonymous, Ct);

        // Assert
        Assert.Null(created);
        Assert.NotNull(viewModel.Alert);
    }
}
