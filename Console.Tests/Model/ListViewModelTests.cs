using ApiManager.Admin.Model;
using ApiManager.Gateway.Common;

namespace ApiManager.Admin.Tests.Model;

public sealed class ListViewModelTests
{
    [Fact]
    public async Task LoadPageAsync_ZeroBasedIndex_AsksOneBasedPageWithSearch()
    {
        // Arrange
        PageRequest? asked = null;
        var viewModel = new ListViewModel<string>((request, _) =>
        {
            asked = request;
            return Task.FromResult(new PagedResult<string>(["x"], 41, request.Page, request.PageSize));
        })
        { Search = "ord" };

        // Act
        var page = await viewModel.LoadPageAsync(2, 20, TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(new PageRequest(3, 20, "ord"), asked);
        Assert.Equal(41, viewModel.Total);
        Assert.Equal(["x"], page.Items);
        Assert.Null(viewModel.Error);
    }

    [Fact]
    public async Task LoadPageAsync_LoaderFails_ReturnsEmptyPageWithError()
    {
        // Arrange
        var viewModel = new ListViewModel<string>((_, _) => throw new InvalidOperationException("database is locked"));

        // Act
        var page = await viewModel.LoadPageAsync(0, 10, TestContext.Current.CancellationToken);

        // Assert
        Assert.Empty(page.Items);
        Assert.Equal("database is locked", viewModel.Error);
    }

    [Fact]
    public void FieldErrors_Others_ListsOnlyFieldsWithoutInput()
    {
        // Arrange
        var errors = new FieldErrors();
        errors.Set(new Dictionary<string, string[]> { ["name"] = ["Name is required."], ["weird"] = ["Odd."] });

        // Act
        var others = errors.Others(["name"]);

        // Assert
        Assert.Equal(["weird: Odd."], others);
        Assert.Equal("Name is required.", errors.Text("NAME"));
        Assert.Null(errors.Text("host"));
    }
}
