using ApiManager.Gateway.Apis.OpenApi;

namespace ApiManager.Gateway.Tests.Apis.OpenApi;

public sealed class OpenApiSpecReaderTests
{
    [Fact]
    public void Read_OpenApi30Json_ListsInfoAndOperations()
    {
        // Act
        var result = OpenApiSpecReader.Read(OpenApiSamples.Json30);

        // Assert
        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        var spec = result.Summary!;
        Assert.Equal(("Shop API", "1.0", "Orders and products.", "3.0", "json"), (spec.Title, spec.Version, spec.Description, spec.SpecVersion, spec.Format));
        Assert.Equal(
            ["GET /orders", "POST /orders", "DELETE /orders/{id}"],
            spec.Operations.Select(o => $"{o.Method} {o.Path}").ToArray());
        Assert.Equal("List orders", spec.Operations[0].Summary);
        Assert.Equal("createOrder", spec.Operations[1].Summary);
    }

    [Fact]
    public void Read_OpenApi31Yaml_ListsInfoAndOperations()
    {
        // Act
        var result = OpenApiSpecReader.Read(OpenApiSamples.Yaml31);

        // Assert
        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        var spec = result.Summary!;
        Assert.Equal(("Shop API", "2.0", "3.1", "yaml"), (spec.Title, spec.Version, spec.SpecVersion, spec.Format));
        Assert.Equal(["GET /products", "PUT /products"], spec.Operations.Select(o => $"{o.Method} {o.Path}").ToArray());
    }

    [Fact]
    public void Read_OpenApi31Json_ReadsVersion31()
    {
        // Act
        var result = OpenApiSpecReader.Read(OpenApiSamples.Json31);

        // Assert
        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        Assert.Equal(("3.1", "json"), (result.Summary!.SpecVersion, result.Summary.Format));
        Assert.Equal(["PATCH /pets"], result.Summary.Operations.Select(o => $"{o.Method} {o.Path}").ToArray());
    }

    [Fact]
    public void Read_OpenApi30YamlWithUnquotedNumberVersion_KeepsVersionText()
    {
        // Act
        var result = OpenApiSpecReader.Read(OpenApiSamples.Yaml30);

        // Assert
        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        Assert.Equal(("Inventory", "1.0", "3.0", "yaml"), (result.Summary!.Title, result.Summary.Version, result.Summary.SpecVersion, result.Summary.Format));
        Assert.Equal(["HEAD /stock"], result.Summary.Operations.Select(o => $"{o.Method} {o.Path}").ToArray());
    }

    [Fact]
    public void Read_Swagger20_IsSupported()
    {
        // Act
        var result = OpenApiSpecReader.Read(OpenApiSamples.Swagger20);

        // Assert
        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        Assert.Equal(("Legacy", "2.0"), (result.Summary!.Title, result.Summary.SpecVersion));
        Assert.Equal(["GET /items"], result.Summary.Operations.Select(o => $"{o.Method} {o.Path}").ToArray());
    }

    [Fact]
    public void Read_MalformedJson_ReportsLine()
    {
        // Arrange
        const string content = "{\n  \"openapi\": \"3.0.3\",\n  \"info\": { \"title\": \"x\" \"version\": \"1\" }\n}";

        // Act
        var result = OpenApiSpecReader.Read(content);

        // Assert
        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("Line 3, column", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MalformedYaml_ReportsLine()
    {
        // Arrange
        const string content = "openapi: 3.0.3\ninfo:\n  title: x\n   version: [1\npaths: {}\n";

        // Act
        var result = OpenApiSpecReader.Read(content);

        // Assert
        Assert.False(result.Succeeded);
        Assert.Matches("^Line [0-9]+, column [0-9]+: ", Assert.Single(result.Errors));
    }

    [Fact]
    public void Read_DuplicateYamlKey_ReportsLine()
    {
        // Arrange
        const string content = "openapi: 3.0.3\ninfo:\n  title: x\n  title: y\n  version: '1'\npaths: {}\n";

        // Act
        var result = OpenApiSpecReader.Read(content);

        // Assert
        Assert.StartsWith("Line 4, column 3: Duplicate key", Assert.Single(result.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void Read_InvalidDocument_ReportsJsonPointers()
    {
        // Arrange: 'info' has no title and a path does not start with a slash.
        const string content = """{ "openapi": "3.0.3", "info": { "version": "1" }, "paths": { "orders": { "get": { "responses": { "200": { "description": "OK" } } } } } }""";

        // Act
        var result = OpenApiSpecReader.Read(content);

        // Assert
        Assert.False(result.Succeeded);
        Assert.NotEmpty(result.Errors);
        Assert.All(result.Errors, e => Assert.StartsWith("#/", e, StringComparison.Ordinal));
    }

    [Fact]
    public void Read_NoVersionField_ExplainsIt()
    {
        // Act
        var result = OpenApiSpecReader.Read("""{ "info": { "title": "x", "version": "1" }, "paths": {} }""");

        // Assert
        Assert.StartsWith("#/openapi:", Assert.Single(result.Errors), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("[1, 2]")]
    [InlineData("just text")]
    public void Read_NotADocument_Fails(string content)
    {
        // Act
        var result = OpenApiSpecReader.Read(content);

        // Assert
        Assert.False(result.Succeeded);
        Assert.NotEmpty(result.Errors);
    }
}
