using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ApiManager.Gateway.Data.Migrations
{
    /// <inheritdoc />
    public partial class UpstreamHealthchecks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Healthchecks",
                table: "Upstreams",
                type: "TEXT",
                nullable: false,
                defaultValue: "");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Healthchecks",
                table: "Upstreams");
        }
    }
}
