using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ApiManager.Gateway.Data.Migrations
{
    /// <inheritdoc />
    public partial class ApiRegistry : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "OpenApiSpec",
                table: "Apis",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "OpenApiSpec",
                table: "Apis");
        }
    }
}
