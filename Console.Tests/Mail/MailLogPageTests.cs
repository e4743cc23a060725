using ApiManager.Admin.Account;
using ApiManager.Admin.Components.Pages;
using ApiManager.Admin.Model;
using ApiManager.Gateway.Mail;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace ApiManager.Admin.Tests.Mail;

/// <summary>bUnit render tests of the Mail log page over the real mail services.</summary>
public sealed class MailLogPageTests
{
    private static async Task<(MailTestHost Host, BunitContext Context)> CreateAsync(string role, Dictionary<string, string?>? mail, CancellationToken ct)
    {
        var host = await MailTestHost.CreateAsync(mail, cancellationToken: ct);
        var context = new BunitContext();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices(o => o.PopoverOptions.CheckForPopoverProvider = false);
        context.Services.AddSingleton(host.Outbox);
        context.Services.AddScoped<MailLogViewModel>();
        var auth = context.AddAuthorization();
        auth.SetAuthorized(role == AdminRoles.Administrator ? "admin" : "viewer");
        auth.SetRoles(role);
        auth.SetPolicies(role == AdminRoles.Administrator ? [AdminPolicies.Read, AdminPolicies.Write] : [AdminPolicies.Read]);
        context.SetRendererInfo(new RendererInfo("Server", true));
        return (host, context);
    }

    [Fact]
    public async Task Render_SmtpNotConfigured_ShowsNotice()
    {
        // Arrange
        var ct = Xunit.TestContext.Current.CancellationToken;
        var (host, context) = await CreateAsync(AdminRoles.Administrator, null, ct);
        await using var _ = host;
        await using var __ = context;

        // Act
        var page = context.Render<MailLog>();

        // Assert
        page.WaitForAssertion(() => Assert.Contains("SMTP not configured", page.Find("[data-testid=smtp-not-configured]").TextContent));
    }

    [Fact]
    public async Task SendTestMail_Administrator_QueuedMailListedInOutbox()
    {
        // Arrange
        var ct = Xunit.TestContext.Current.CancellationToken;
        var (host, context) = await CreateAsync(AdminRoles.Administrator, new() { ["Host"] = "127.0.0.1" }, ct);
        await using var _ = host;
        await using var __ = context;
        var page = context.Render<MailLog>();
        page.WaitForAssertion(() => Assert.Contains("The outbox is empty.", page.Find("[data-testid=outbox-table]").TextContent));

        // Act
        page.Find("input[data-testid=test-recipient]").Input("ops@example.com");
        await page.Find("button[data-testid=send-test-mail]").ClickAsync(new());

        // Assert
        page.WaitForAssertion(() => Assert.Contains("ops@example.com", page.Find("[data-testid=outbox-table]").TextContent));
        Assert.Empty(page.FindAll("[data-testid=smtp-not-configured]"));
    }

    [Fact]
    public async Task SendTestMail_BadRecipient_ErrorShownNextToField()
    {
        // Arrange
        var ct = Xunit.TestContext.Current.CancellationToken;
        var (host, context) = await CreateAsync(AdminRoles.Administrator, new() { ["Host"] = "127.0.0.1" }, ct);
        await using var _ = host;
        await using var __ = context;
        var page = context.Render<MailLog>();

        // Act
        page.Find("input[data-testid=test-recipient]").Input("not-an-address");
        await page.Find("button[data-testid=send-test-mail]").ClickAsync(new());

        // Assert
        page.WaitForAssertion(() => Assert.Contains("is not a valid e-mail address", page.Markup));
        Assert.Contains("The outbox is empty.", page.Find("[data-testid=outbox-table]").TextContent);
    }

    [Fact]
    public async Task Render_Operator_SendTestMailDisabled()
    {
        // Arrange
        var ct = Xunit.TestContext.Current.CancellationToken;
        var (host, context) = await CreateAsync(AdminRoles.Operator, null, ct);
        await using var _ = host;
        await using var __ = context;

        // Act
        var page = context.Render<MailLog>();

        // Assert
        page.WaitForAssertion(() => Assert.True(page.Find("button[data-testid=send-test-mail]").HasAttribute("disabled")));
    }

    [Fact]
    public async Task Render_LogWithAttempts_ShowsResultAndError()
    {
        // Arrange
        var ct = Xunit.TestContext.Current.CancellationToken;
        var (host, context) = await CreateAsync(AdminRoles.Operator, new() { ["Host"] = "127.0.0.1" }, ct);
        await using var _ = host;
        await using var __ = context;
        await host.Outbox.EnqueueAsync("bob@example.com", "Weekly report", "Body", false, ct);
        host.Transport!.FailWith = "Connection refused";
        await host.Outbox.SendDueAsync(host.Transport, ct);

        // Act
        var page = context.Render<MailLog>();

        // Assert
        page.WaitForAssertion(() =>
        {
            var log = page.Find("[data-testid=mail-log-table]").TextContent;
            Assert.Contains("Weekly report", log);
            Assert.Contains("Failed", log);
            Assert.Contains("IOException: Connection refused", log);
        });
        Assert.Contains(nameof(OutboxMailStatus.Pending), page.Find("[data-testid=outbox-table]").TextContent);
    }
}
