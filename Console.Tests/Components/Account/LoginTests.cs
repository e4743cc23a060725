using ApiManager.Admin.Account;
using ApiManager.Admin.Components.Pages.Account;
using ApiManager.Admin.Data;
using ApiManager.Admin.Tests.Shared;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ApiManager.Admin.Tests.Components.Account;

public sealed class LoginTests : AdminTestContext
{
    [Theory]
    [InlineData(null, "/")]
    [InlineData("/backends", "/backends")]
    [InlineData("backends/3?x=1", "/backends/3?x=1")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("//evil.example/", "/")]
    [InlineData("/\\evil.example", "/")]
    [InlineData("/account/login", "/")]
    public void SafeReturnUrl_Input_OnlyLocalPaths(string? returnUrl, string expected)
    {
        // Act
        var result = Login.SafeReturnUrl(returnUrl);

        // Assert
        Assert.Equal(expected, result);
    }

    [Fact]
    public async Task IsStillValidAsync_DisabledUser_False()
    {
        // Arrange
        await using var scope = Services.CreateAsyncScope();
        var userManager = scope.ServiceProvider.GetRequiredService<UserManager<AdminUser>>();
        var created = await scope.ServiceProvider.GetRequiredService<AdminUserService>().CreateAsync(
            new NewAdminUser { UserName = "olivia", Role = AdminRoles.Operator, Password = "Operat0r-Pass!" }, SeedActor, Ct);
        var user = await userManager.FindByIdAsync(created.Id);
        var principal = await scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<AdminUser>>().CreateAsync(user!);
        var options = scope.ServiceProvider.GetRequiredService<IOptions<IdentityOptions>>().Value;
        Assert.True(await AdminRevalidatingAuthenticationStateProvider.IsStillValidAsync(userManager, principal, options));

        // Act
        await scope.ServiceProvider.GetRequiredService<AdminUserService>().SetDisabledAsync(created.Id, true, SeedActor, Ct);

        // Assert
        Assert.False(await AdminRevalidatingAuthenticationStateProvider.IsStillValidAsync(userManager, principal, options));
    }
}
