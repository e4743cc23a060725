using ApiManager.Admin.Components.Pages.Apis;
using ApiManager.Admin.Tests.Shared;
using ApiManager.Gateway.Apis;
using ApiManager.Gateway.Common;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace ApiManager.Admin.Tests.Components.Apis;

public sealed class ApiTemplateTests : AdminTestContext
{
    private const string Spec = """
        {
          "openapi": "3.0.3",
          "info": { "title": "Pet Store", "version": "2.0" },
          "paths": { "/pets": { "get": { "responses": { "200": { "description": "OK" } } } } }
        }
        """;

    [Fact]
    public async Task Create_MinimumWithDocument_CreatesApiNamedAfterDocument()
    {
        // Arrange
        var cut = Render<ApiTemplate>(p => p.Add(x => x.Kind, "minimum"));
        cut.WaitForElement("[data-testid=template-host]");
        Assert.Empty(cut.FindAll("[data-testid=template-name]"));
        cut.Find("[data-testid=template-host]").Change("pets.internal");
        cut.Find("[data-testid=openapi-content]").Change(Spec);

        // Act
        await cut.Find("[data-testid=template-create]").ClickAsync(new());

        // Assert
        var api = Assert.Single((await Services.GetRequiredService<ApiService>().ListAsync(new PageRequest(), Ct)).Items);
        Assert.Equal(("pet-store", "2.0", "/pet-store/2.0"), (api.Name, api.Version, api.Path));
        cut.WaitForAssertion(() => Assert.Equal($"/apis/{api.Id}", CurrentPath));
    }

    [Fact]
    public async Task Create_MinimumWithoutTitle_ShowsFieldErrorAskingForBasic()
    {
        // Arrange
        var cut = Render<ApiTemplate>(p => p.Add(x => x.Kind, "minimum"));
        cut.WaitForElement("[data-testid=template-host]");
        cut.Find("[data-testid=template-host]").Change("pets.internal");
        cut.Find("[data-testid=openapi-content]").Change(Spec.Replace("Pet Store", "", StringComparison.Ordinal));

        // Act
        await cut.Find("[data-testid=template-create]").ClickAsync(new());

        // Assert
        cut.WaitForAssertion(() => Assert.Contains("use the Basic template", FieldErrorOf(cut, "openapi-content"), StringComparison.Ordinal));
        Assert.Equal(0, (await Services.GetRequiredService<ApiService>().ListAsync(new PageRequest(), Ct)).Total);
    }

    [Fact]
    public async Task Create_BasicWithoutName_ShowsNameError()
    {
        // Arrange
        var cut = Render<ApiTemplate>(p => p.Add(x => x.Kind, "basic"));
        cut.WaitForElement("[data-testid=template-name]");
        cut.Find("[data-testid=template-host]").Change("pets.internal");
        cut.Find("[data-testid=openapi-content]").Change(Spec);

        // Act
        await cut.Find("[data-testid=template-create]").ClickAsync(new());

        // Assert
        cut.WaitForAssertion(() => Assert.Equal("Name is required.", FieldErrorOf(cut, "template-name")));
    }

    [Fact]
    public void Render_UnknownKind_ShowsNotFound()
    {
        // Act
        var cut = Render<ApiTemplate>(p => p.Add(x => x.Kind, "fancy"));

        // Assert
        Assert.Empty(cut.FindAll("[data-testid=template-create]"));
        Assert.Contains("fancy", cut.Markup, StringComparison.Ordinal);
    }
}
