using ApiManager.Admin.Components.Layout;
using ApiManager.Admin.Tests.Shared;
using Bunit;
using Microsoft.AspNetCore.Components;

namespace ApiManager.Admin.Tests.Components.Layout;

public sealed class MainLayoutTests : AdminTestContext
{
    [Fact]
    public void Render_Administrator_ShowsUserRoleAndAdminUsersLink()
    {
        // Act
        var cut = Render<MainLayout>(p => p.Add(x => x.Body, (RenderFragment)(b => b.AddContent(0, "body"))));

        // Assert
        cut.WaitForAssertion(() => Assert.Equal("admin", cut.Find("[data-testid=signed-in-user]").TextContent));
        Assert.Equal("Administrator", cut.Find("[data-testid=role-chip]").TextContent);
        Assert.NotEmpty(cut.FindAll("a[href='/admin-users']"));
        Assert.NotNull(cut.Find("form[action='account/logout'] [data-testid=logout]"));
    }

    [Fact]
    public void Render_Operator_HidesAdminUsersLink()
    {
        // Arrange
        SignInAsOperator();

        // Act
        var cut = Render<MainLayout>(p => p.Add(x => x.Body, (RenderFragment)(b => b.AddContent(0, "body"))));

        // Assert
        cut.WaitForAssertion(() => Assert.Equal("Operator", cut.Find("[data-testid=role-chip]").TextContent));
        Assert.Empty(cut.FindAll("a[href='/admin-users']"));
        Assert.NotEmpty(cut.FindAll("a[href='/backends']"));
    }

    [Fact]
    public void Render_NavMenu_EveryLinkLeadsToAnExistingPage()
    {
        // Arrange
        var templates = typeof(MainLayout).Assembly.GetTypes()
            .SelectMany(t => t.GetCustomAttributes(typeof(RouteAttribute), inherit: false).Cast<RouteAttribute>())
            .Select(r => r.Template.TrimEnd('/'))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

        // Act
        var cut = Render<MainLayout>(p => p.Add(x => x.Body, (RenderFragment)(b => b.AddContent(0, "body"))));

        // Assert
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("a[href='/admin-users']")));
        var hrefs = cut.FindAll(".mud-navmenu a[href]").Select(a => a.GetAttribute("href")!).ToList();
        Assert.True(hrefs.Count >= 12, $"Only {hrefs.Count} navigation links rendered.");
        Assert.All(hrefs, href => Assert.Contains(href == "/" ? "" : href.TrimEnd('/'), templates));
    }
}
