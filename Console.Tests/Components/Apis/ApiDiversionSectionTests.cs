using ApiManager.Admin.Components.Pages.Apis;
using ApiManager.Admin.Tests.Shared;
using ApiManager.Gateway.Apis.Diversion;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace ApiManager.Admin.Tests.Components.Apis;

public sealed class ApiDiversionSectionTests : AdminTestContext
{
    [Fact]
    public async Task Save_TwoNewRules_StoredInOrder()
    {
        // Arrange
        var api = await CreateApiAsync("shop", (await CreateBackendAsync("orders")).Id, "/shop");
        var cut = Render<ApiDiversionSection>(p => p.Add(x => x.ApiId, api.Id));
        cut.WaitForElement("[data-testid=diversion-empty]");

        // Act
        await cut.Find("[data-testid=diversion-add]").ClickAsync(new());
        await cut.Find("[data-testid=diversion-add]").ClickAsync(new());
        cut.FindAll("[data-testid=diversion-source]")[0].Change("10.0.0.0/8");
        cut.FindAll("[data-testid=diversion-target]")[0].Change("http://10.0.0.5:8080/base");
        cut.FindAll("[data-testid=diversion-source]")[1].Change("2001:db8::/32");
        cut.FindAll("[data-testid=diversion-target]")[1].Change("https://v6.example");
        await cut.Find("[data-testid=diversion-save]").ClickAsync(new());

        // Assert
        var rules = await Services.GetRequiredService<ApiDiversionService>().ListAsync(api.Id, Ct);
        Assert.Equal([("10.0.0.0/8", "http://10.0.0.5:8080/base"), ("2001:db8::/32", "https://v6.example")], rules.Select(r => (r.Source, r.TargetUrl)));
        cut.WaitForAssertion(() => Assert.True(cut.Find("[data-testid=diversion-save]").HasAttribute("disabled")));
    }

    [Fact]
    public async Task MoveDownAndRemove_ThenSave_ListReplaced()
    {
        // Arrange
        var api = await CreateApiAsync("shop", (await CreateBackendAsync("orders")).Id, "/shop");
        var service = Services.GetRequiredService<ApiDiversionService>();
        await service.ReplaceAsync(api.Id, [new("10.0.0.1", "http://a:1"), new("10.0.0.2", "http://b:1"), new("10.0.0.3", "http://c:1")], SeedActor, Ct);
        var cut = Render<ApiDiversionSection>(p => p.Add(x => x.ApiId, api.Id));
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[data-testid=diversion-row]").Count));

        // Act
        await cut.FindAll("[data-testid=diversion-down]")[0].ClickAsync(new());
        await cut.FindAll("[data-testid=diversion-remove]")[2].ClickAsync(new());
        await cut.Find("[data-testid=diversion-save]").ClickAsync(new());

        // Assert
        cut.WaitForAssertion(() => Assert.True(cut.Find("[data-testid=diversion-save]").HasAttribute("disabled")));
        Assert.Equal(["10.0.0.2", "10.0.0.1"], (await service.ListAsync(api.Id, Ct)).Select(r => r.Source));
    }

    [Fact]
    public async Task Save_BadRule_FieldMessagesAndNothingStored()
    {
        // Arrange
        var api = await CreateApiAsync("shop", (await CreateBackendAsync("orders")).Id, "/shop");
        var cut = Render<ApiDiversionSection>(p => p.Add(x => x.ApiId, api.Id));
        cut.WaitForElement("[data-testid=diversion-empty]");
        await cut.Find("[data-testid=diversion-add]").ClickAsync(new());

        // Act
        cut.Find("[data-testid=diversion-source]").Change("10.0.0.300");
        cut.Find("[data-testid=diversion-target]").Change("ftp://files.example");
        await cut.Find("[data-testid=diversion-save]").ClickAsync(new());

        // Assert
        cut.WaitForAssertion(() => Assert.Contains("is not an IPv4/IPv6 address or CIDR range", FieldErrorOf(cut, "diversion-source"), StringComparison.Ordinal));
        Assert.Contains("http:// or https://", FieldErrorOf(cut, "diversion-target"), StringComparison.Ordinal);
        Assert.Empty(await Services.GetRequiredService<ApiDiversionService>().ListAsync(api.Id, Ct));
    }

    [Fact]
    public async Task Render_Operator_RulesShownButEditingDisabled()
    {
        // Arrange
        var api = await CreateApiAsync("shop", (await CreateBackendAsync("orders")).Id, "/shop");
        await Services.GetRequiredService<ApiDiversionService>().ReplaceAsync(api.Id, [new("10.0.0.1", "http://a:1")], SeedActor, Ct);
        SignInAsOperator();

        // Act
        var cut = Render<ApiDiversionSection>(p => p.Add(x => x.ApiId, api.Id));

        // Assert
        cut.WaitForAssertion(() => Assert.Equal("10.0.0.1", cut.Find("[data-testid=diversion-source]").GetAttribute("value")));
        Assert.True(cut.Find("[data-testid=diversion-add]").HasAttribute("disabled"));
        Assert.True(cut.Find("[data-testid=diversion-remove]").HasAttribute("disabled"));
    }
}
