using ApiManager.Admin.Components.Layout;
using ApiManager.Admin.Tests.Shared;
using Bunit;
using Microsoft.AspNetCore.Components;

namespace ApiManager.Admin.Tests.Components.Groups;

public sealed class ClientManagementNavTests : AdminTestContext
{
    [Fact]
    public void Render_Operator_ClientManagementGroupListsGroupsScopesAndLevelsInOrder()
    {
        // Arrange
        SignInAsOperator();

        // Act
        var cut = Render<MainLayout>(p => p.Add(x => x.Body, (RenderFragment)(b => b.AddContent(0, "body"))));

        // Assert
        cut.WaitForAssertion(() => Assert.Contains("Client management", cut.Markup, StringComparison.Ordinal));
        var hrefs = cut.FindAll("a[href]").Select(a => a.GetAttribute("href")).Where(h => h is "/groups" or "/scopes" or "/security-levels").ToList();
        Assert.Equal(["/groups", "/scopes", "/security-levels"], hrefs);
    }
}
