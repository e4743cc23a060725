namespace ApiManager.Gateway.Tests.Apis.OpenApi;

/// <summary>Small OpenAPI documents in each supported version and format.</summary>
internal static class OpenApiSamples
{
    public const string Json30 = """
        {
          "openapi": "3.0.3",
          "info": { "title": "Shop API", "version": "1.0", "description": "Orders and products." },
          "paths": {
            "/orders": {
              "get": { "summary": "List orders", "responses": { "200": { "description": "OK" } } },
              "post": { "operationId": "createOrder", "responses": { "201": { "description": "Created" } } }
            },
            "/orders/{id}": {
              "parameters": [ { "name": "id", "in": "path", "required": true, "schema": { "type": "string" } } ],
              "delete": { "responses": { "204": { "description": "Deleted" } } }
            }
          }
        }
        """;

    public const string Yaml31 = """
        openapi: 3.1.0
        info:
          title: Shop API
          version: "2.0"
        paths:
          /products:
            get:
              summary: List products
              responses:
                '200':
                  description: OK
            put:
              responses:
                '200':
                  description: OK
        """;

    public const string Json31 = """
        {
          "openapi": "3.1.0",
          "info": { "title": "Pets", "version": "v3" },
          "paths": { "/pets": { "patch": { "responses": { "200": { "description": "OK" } } } } }
        }
        """;

    public const string Yaml30 = """
        openapi: 3.0.1
        info:
          title: Inventory
          version: 1.0
        paths:
          /stock:
            head:
              responses:
                '200':
                  description: OK
        """;

    public const string Swagger20 = """
        {
          "swagger": "2.0",
          "info": { "title": "Legacy", "version": "0.9" },
          "host": "example.org",
          "basePath": "/legacy",
          "paths": { "/items": { "get": { "responses": { "200": { "description": "OK" } } } } }
        }
        """;

    /// <summary>Shop API 1.0 again, now with a PATCH operation and without DELETE.</summary>
    public const string Json30Changed = """
        {
          "openapi": "3.0.3",
          "info": { "title": "Shop API", "version": "1.0", "description": "Orders, second edition." },
          "paths": {
            "/orders": {
              "get": { "responses": { "200": { "description": "OK" } } },
              "patch": { "responses": { "200": { "description": "OK" } } }
            }
          }
        }
        """;
}
