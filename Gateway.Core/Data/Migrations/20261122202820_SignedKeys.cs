using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ApiManager.Gateway.Data.Migrations
{
    /// <inheritdoc />
    public partial class SignedKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SignedApiKeys",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ApiClientId = table.Column<int>(type: "INTEGER", nullable: false),
                    Alias = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ApiKey = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ProtectedSecret = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    SecretMask = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    TimesQuota = table.Column<long>(type: "INTEGER", nullable: false),
                    RemainingUses = table.Column<long>(type: "INTEGER", nullable: false),
                    QuotaSetAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    RevokedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ExpiryReminderSentAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SignedApiKeys", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SignedApiKeys_ApiClients_ApiClientId",
                        column: x => x.ApiClientId,
                        principalTable: "ApiClients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SignedApiKeyApis",
                columns: table => new
                {
                    SignedApiKeyId = table.Column<long>(type: "INTEGER", nullable: false),
                    ApiDefinitionId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SignedApiKeyApis", x => new { x.SignedApiKeyId, x.ApiDefinitionId });
                    table.ForeignKey(
                        name: "FK_SignedApiKeyApis_Apis_ApiDefinitionId",
                        column: x => x.ApiDefinitionId,
                        principalTable: "Apis",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_SignedApiKeyApis_SignedApiKeys_SignedApiKeyId",
                        column: x => x.SignedApiKeyId,
                        principalTable: "SignedApiKeys",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SignedApiKeyApis_ApiDefinitionId",
                table: "SignedApiKeyApis",
                column: "ApiDefinitionId");

            migrationBuilder.CreateIndex(
                name: "IX_SignedApiKeys_ApiClientId",
                table: "SignedApiKeys",
                column: "ApiClientId");

            migrationBuilder.CreateIndex(
                name: "IX_SignedApiKeys_ApiKey",
                table: "SignedApiKeys",
                column: "ApiKey",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SignedApiKeyApis");

            migrationBuilder.DropTable(
                name: "SignedApiKeys");
        }
    }
}
