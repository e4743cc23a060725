using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ApiManager.Gateway.Data.Migrations
{
    /// <inheritdoc />
    public partial class PluginUniqueness : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Plugins_Type_Scope_BackendId_ApiId_ClientId",
                table: "Plugins");

            migrationBuilder.CreateIndex(
                name: "IX_Plugins_Type_ApiId",
                table: "Plugins",
                columns: new[] { "Type", "ApiId" },
                unique: true,
                filter: "\"ApiId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Plugins_Type_BackendId",
                table: "Plugins",
                columns: new[] { "Type", "BackendId" },
                unique: true,
                filter: "\"BackendId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Plugins_Type_ClientId",
                table: "Plugins",
                columns: new[] { "Type", "ClientId" },
                unique: true,
                filter: "\"ClientId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Plugins_Type_Global",
                table: "Plugins",
                column: "Type",
                unique: true,
                filter: "\"Scope\" = 'Global'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Plugins_Type_ApiId",
                table: "Plugins");

            migrationBuilder.DropIndex(
                name: "IX_Plugins_Type_BackendId",
                table: "Plugins");

            migrationBuilder.DropIndex(
                name: "IX_Plugins_Type_ClientId",
                table: "Plugins");

            migrationBuilder.DropIndex(
                name: "IX_Plugins_Type_Global",
                table: "Plugins");

            migrationBuilder.CreateIndex(
                name: "IX_Plugins_Type_Scope_BackendId_ApiId_ClientId",
                table: "Plugins",
                columns: new[] { "Type", "Scope", "BackendId", "ApiId", "ClientId" },
                unique: true);
        }
    }
}
