using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ApiManager.Gateway.Data.Migrations
{
    /// <inheritdoc />
    public partial class TokenSettings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "AccessTokenQuota",
                table: "ApiClients",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "AccessTokenValidity",
                table: "ApiClients",
                type: "INTEGER",
                nullable: false,
                defaultValue: 3600);

            migrationBuilder.AddColumn<int>(
                name: "AllowedGrants",
                table: "ApiClients",
                type: "INTEGER",
                nullable: false,
                defaultValue: 5);

            migrationBuilder.AddColumn<string>(
                name: "RedirectUris",
                table: "ApiClients",
                type: "TEXT",
                maxLength: 10500,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "RefreshTokenQuota",
                table: "ApiClients",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "RefreshTokenValidity",
                table: "ApiClients",
                type: "INTEGER",
                nullable: false,
                defaultValue: 86400);

            migrationBuilder.CreateTable(
                name: "OAuthEncryptionKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProtectedKey = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OAuthEncryptionKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "OAuthSigningKeys",
                columns: table => new
                {
                    Kid = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Algorithm = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    ProtectedPrivateKey = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RetiredAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RemovedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OAuthSigningKeys", x => x.Kid);
                });

            migrationBuilder.CreateTable(
                name: "OAuthTokens",
                columns: table => new
                {
                    Jti = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ApiClientId = table.Column<int>(type: "INTEGER", nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Scope = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    GroupIds = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    FamilyId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    RefreshJti = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    IssuedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UseQuota = table.Column<int>(type: "INTEGER", nullable: false),
                    Uses = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OAuthTokens", x => x.Jti);
                    table.ForeignKey(
                        name: "FK_OAuthTokens_ApiClients_ApiClientId",
                        column: x => x.ApiClientId,
                        principalTable: "ApiClients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_OAuthTokens_ApiClientId",
                table: "OAuthTokens",
                column: "ApiClientId");

            migrationBuilder.CreateIndex(
                name: "IX_OAuthTokens_ExpiresAt",
                table: "OAuthTokens",
                column: "ExpiresAt");

            migrationBuilder.CreateIndex(
                name: "IX_OAuthTokens_FamilyId",
                table: "OAuthTokens",
                column: "FamilyId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "OAuthEncryptionKeys");

            migrationBuilder.DropTable(
                name: "OAuthSigningKeys");

            migrationBuilder.DropTable(
                name: "OAuthTokens");

            migrationBuilder.DropColumn(
                name: "AccessTokenQuota",
                table: "ApiClients");

            migrationBuilder.DropColumn(
                name: "AccessTokenValidity",
                table: "ApiClients");

            migrationBuilder.DropColumn(
                name: "AllowedGrants",
                table: "ApiClients");

            migrationBuilder.DropColumn(
                name: "RedirectUris",
                table: "ApiClients");

            migrationBuilder.DropColumn(
                name: "RefreshTokenQuota",
                table: "ApiClients");

            migrationBuilder.DropColumn(
                name: "RefreshTokenValidity",
                table: "ApiClients");
        }
    }
}
