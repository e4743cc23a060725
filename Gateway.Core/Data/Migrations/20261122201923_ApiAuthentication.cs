using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ApiManager.Gateway.Data.Migrations
{
    /// <inheritdoc />
    public partial class ApiAuthentication : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "AcceptedCredentials",
                table: "Apis",
                type: "INTEGER",
                nullable: false,
                // Existing APIs accept what a new API accepts by default (CredentialTypes.Default).
                defaultValue: 15);

            migrationBuilder.AddColumn<bool>(
                name: "ForwardCredentials",
                table: "Apis",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AcceptedCredentials",
                table: "Apis");

            migrationBuilder.DropColumn(
                name: "ForwardCredentials",
                table: "Apis");
        }
    }
}
