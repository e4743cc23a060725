using ApiManager.Admin.Account;
using ApiManager.Admin.Tests.Shared;
using ApiManager.Gateway.Auditing;
using ApiManager.Gateway.Common;
using ApiManager.Gateway.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ApiManager.Admin.Tests.Account;

public sealed class AdminUserServiceTests : AdminTestContext
{
    private static readonly Actor Admin = new("admin", "console");

    private AdminUserService Users => Services.GetRequiredService<AdminUserService>();

    [Fact]
    public async Task CreateAsync_ValidInput_CreatesUserWithRoleAndAuditsWithoutPassword()
    {
        // Act
        var created = await Users.CreateAsync(new NewAdminUser { UserName = "olivia", DisplayName = "Olivia", Role = AdminRoles.Operator, Password = "Operat0r-Pass!" }, Admin, Ct);

        // Assert
        var listed = Assert.Single(await Users.ListAsync(Ct), u => u.UserName == "olivia");
        Assert.Equal((AdminRoles.Operator, "Olivia", false), (listed.Role, listed.DisplayName, listed.IsDisabled));
        Assert.Equal(Time.GetUtcNow().UtcDateTime, listed.CreatedAt);
        var audit = await SingleAuditAsync(created.Id, "Created");
        Assert.Equal("admin", audit.Actor);
        Assert.Equal("console", audit.Source);
        Assert.Contains("\"role\":\"Operator\"", audit.After, StringComparison.Ordinal);
        Assert.DoesNotContain("Operat0r-Pass!", audit.After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_BadInput_ReportsEveryFieldError()
    {
        // Act
        var ex = await Assert.ThrowsAsync<ServiceValidationException>(() =>
            Users.CreateAsync(new NewAdminUser { UserName = "bad name!", Role = "Root", Password = "short" }, Admin, Ct));

        // Assert
        Assert.Equal(["password", "role", "userName"], ex.Errors.Keys.Order());
        Assert.Contains(ex.Errors["password"], m => m.Contains("at least 8", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CreateAsync_DuplicateUserName_ReportsUserNameError()
    {
        // Act
        var ex = await Assert.ThrowsAsync<ServiceValidationException>(() =>
            Users.CreateAsync(new NewAdminUser { UserName = "ADMIN", Role = AdminRoles.Operator, Password = "Operat0r-Pass!" }, Admin, Ct));

        // Assert
        Assert.Equal("A user named 'ADMIN' already exists.", Assert.Single(ex.Errors["userName"]));
    }

    [Fact]
    public async Task SetRoleAsync_OperatorToAdministrator_ChangesRoleAndAudits()
    {
        // Arrange
        var olivia = await CreateOperatorAsync("olivia");

        // Act
        await Users.SetRoleAsync(olivia.Id, AdminRoles.Administrator, Admin, Ct);

        // Assert
        Assert.Equal(AdminRoles.Administrator, (await Users.ListAsync(Ct)).Single(u => u.Id == olivia.Id).Role);
        var audit = await SingleAuditAsync(olivia.Id, "RoleChanged");
        Assert.Contains("Operator", audit.Before, StringComparison.Ordinal);
        Assert.Contains("Administrator", audit.After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetRoleAsync_LastAdministratorToOperator_Refused()
    {
        // Act
        var ex = await Assert.ThrowsAsync<EntityConflictException>(() => Users.SetRoleAsync(AdminUserId, AdminRoles.Operator, Admin, Ct));

        // Assert
        Assert.Contains("last enabled Administrator", ex.Message, StringComparison.Ordinal);
        Assert.Equal(AdminRoles.Administrator, (await Users.ListAsync(Ct)).Single(u => u.Id == AdminUserId).Role);
    }

    [Fact]
    public async Task SetRoleAsync_UnknownRole_ReportsRoleError()
    {
        // Act
        var ex = await Assert.ThrowsAsync<ServiceValidationException>(() => Users.SetRoleAsync(AdminUserId, "Root", Admin, Ct));

        // Assert
        Assert.True(ex.Errors.ContainsKey("role"));
    }

    [Fact]
    public async Task SetDisabledAsync_Self_Refused()
    {
        // Arrange: a second administrator exists, so only the self rule applies.
        var other = await Users.CreateAsync(new NewAdminUser { UserName = "ada", Role = AdminRoles.Administrator, Password = "Adm1n-Second!" }, Admin, Ct);

        // Act
        var ex = await Assert.ThrowsAsync<EntityConflictException>(() => Users.SetDisabledAsync(other.Id, true, new Actor("ada", "console"), Ct));

        // Assert
        Assert.Equal("You cannot disable your own account.", ex.Message);
    }

    [Fact]
    public async Task SetDisabledAsync_LastEnabledAdministrator_Refused()
    {
        // Act
        var ex = await Assert.ThrowsAsync<EntityConflictException>(() => Users.SetDisabledAsync(AdminUserId, true, new Actor("someone-else", "api"), Ct));

        // Assert
        Assert.Contains("last enabled Administrator", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetDisabledAsync_Operator_DisablesChangesStampAndAudits()
    {
        // Arrange
        var olivia = await CreateOperatorAsync("olivia");
        var userManager = Services.GetRequiredService<UserManager<Data.AdminUser>>();
        var stampBefore = (await userManager.FindByIdAsync(olivia.Id))!.SecurityStamp;

        // Act
        await Users.SetDisabledAsync(olivia.Id, true, Admin, Ct);

        // Assert
        var user = await userManager.FindByIdAsync(olivia.Id);
        Assert.True(user!.IsDisabled);
        Assert.NotEqual(stampBefore, user.SecurityStamp);
        await SingleAuditAsync(olivia.Id, "Disabled");
    }

    [Fact]
    public async Task SetDisabledAsync_ReEnable_EnablesAndAudits()
    {
        // Arrange
        var olivia = await CreateOperatorAsync("olivia");
        await Users.SetDisabledAsync(olivia.Id, true, Admin, Ct);

        // Act
        await Users.SetDisabledAsync(olivia.Id, false, Admin, Ct);

        // Assert
        Assert.False((await Users.ListAsync(Ct)).Single(u => u.Id == olivia.Id).IsDisabled);
        await SingleAuditAsync(olivia.Id, "Enabled");
    }

    [Fact]
    public async Task SetDisabledAsync_UnknownUser_ThrowsNotFound()
    {
        // Act / Assert
        await Assert.ThrowsAsync<EntityNotFoundException>(() => Users.SetDisabledAsync("no-such-id", true, Admin, Ct));
    }

    [Fact]
    public async Task UnlockAsync_LockedUser_ClearsLockout()
    {
        // Arrange
        var olivia = await CreateOperatorAsync("olivia");
        var userManager = Services.GetRequiredService<UserManager<Data.AdminUser>>();
        var user = await userManager.FindByIdAsync(olivia.Id);
        await userManager.SetLockoutEndDateAsync(user!, Time.GetUtcNow().AddMinutes(15));
        Assert.NotNull((await Users.ListAsync(Ct)).Single(u => u.Id == olivia.Id).LockedUntil);

        // Act
        await Users.UnlockAsync(olivia.Id, Admin, Ct);

        // Assert
        Assert.Null((await Users.ListAsync(Ct)).Single(u => u.Id == olivia.Id).LockedUntil);
        await SingleAuditAsync(olivia.Id, "Unlocked");
    }

    [Fact]
    public async Task ResetPasswordAsync_ValidPassword_NewPasswordWorksAndAuditHasNoPassword()
    {
        // Arrange
        var olivia = await CreateOperatorAsync("olivia");
        var userManager = Services.GetRequiredService<UserManager<Data.AdminUser>>();

        // Act
        await Users.ResetPasswordAsync(olivia.Id, "Brand-N3w-Pass!", Admin, Ct);

        // Assert
        var user = await userManager.FindByIdAsync(olivia.Id);
        Assert.True(await userManager.CheckPasswordAsync(user!, "Brand-N3w-Pass!"));
        Assert.False(await userManager.CheckPasswordAsync(user!, "Operat0r-Pass!"));
        var audit = await SingleAuditAsync(olivia.Id, "PasswordReset");
        Assert.DoesNotContain("Brand-N3w-Pass!", audit.After ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResetPasswordAsync_WeakPassword_ReportsPasswordErrorAndKeepsOldPassword()
    {
        // Arrange
        var olivia = await CreateOperatorAsync("olivia");
        var userManager = Services.GetRequiredService<UserManager<Data.AdminUser>>();

        // Act
        var ex = await Assert.ThrowsAsync<ServiceValidationException>(() => Users.ResetPasswordAsync(olivia.Id, "weak", Admin, Ct));

        // Assert
        Assert.True(ex.Errors.ContainsKey("password"));
        Assert.True(await userManager.CheckPasswordAsync((await userManager.FindByIdAsync(olivia.Id))!, "Operat0r-Pass!"));
    }

    [Fact]
    public async Task ChangeOwnPasswordAsync_Valid_NewPasswordWorksAndAuditedAsTheUser()
    {
        // Arrange
        var olivia = await CreateOperatorAsync("olivia");
        var userManager = Services.GetRequiredService<UserManager<Data.AdminUser>>();
        var user = (await userManager.FindByIdAsync(olivia.Id))!;

        // Act
        await Users.ChangeOwnPasswordAsync(user, "Operat0r-Pass!", "Brand-N3w-Pass!", "Brand-N3w-Pass!", Ct);

        // Assert
        user = (await userManager.FindByIdAsync(olivia.Id))!;
        Assert.True(await userManager.CheckPasswordAsync(user, "Brand-N3w-Pass!"));
        var audit = await SingleAuditAsync(olivia.Id, "PasswordChanged");
        Assert.Equal("olivia", audit.Actor);
        Assert.DoesNotContain("Brand-N3w-Pass!", audit.After ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChangeOwnPasswordAsync_WrongCurrentWeakAndMismatched_ReportsEveryFieldAndKeepsOldPassword()
    {
        // Arrange
        var olivia = await CreateOperatorAsync("olivia");
        var userManager = Services.GetRequiredService<UserManager<Data.AdminUser>>();
        var user = (await userManager.FindByIdAsync(olivia.Id))!;

        // Act
        var ex = await Assert.ThrowsAsync<ServiceValidationException>(() => Users.ChangeOwnPasswordAsync(user, "wrong", "weak", "other", Ct));

        // Assert
        Assert.Equal(["confirmPassword", "currentPassword", "newPassword"], ex.Errors.Keys.Order());
        Assert.Equal("The current password is wrong.", Assert.Single(ex.Errors["currentPassword"]));
        Assert.True(await userManager.CheckPasswordAsync((await userManager.FindByIdAsync(olivia.Id))!, "Operat0r-Pass!"));
    }

    [Fact]
    public async Task ChangeOwnPasswordAsync_WrongCurrentOnly_ReportsCurrentPassword()
    {
        // Arrange
        var olivia = await CreateOperatorAsync("olivia");
        var user = (await Services.GetRequiredService<UserManager<Data.AdminUser>>().FindByIdAsync(olivia.Id))!;

        // Act
        var ex = await Assert.ThrowsAsync<ServiceValidationException>(() => Users.ChangeOwnPasswordAsync(user, "Wrong-Pass-1!", "Brand-N3w-Pass!", "Brand-N3w-Pass!", Ct));

        // Assert
        Assert.Equal("The current password is wrong.", Assert.Single(Assert.Single(ex.Errors).Value));
    }

    private Task<AdminUserInfo> CreateOperatorAsync(string userName) =>
        Users.CreateAsync(new NewAdminUser { UserName = userName, Role = AdminRoles.Operator, Password = "Operat0r-Pass!" }, Admin, Ct);

    private async Task<AuditEntry> SingleAuditAsync(string userId, string action)
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<GatewayDbContext>>().CreateDbContextAsync(Ct);
        return await db.AuditEntries.SingleAsync(a => a.EntityType == AdminUserService.EntityName && a.EntityId == userId && a.Action == action, Ct);
    }
}
