using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ApiManager.Gateway.Data.Migrations
{
    /// <inheritdoc />
    public partial class Credentials : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "AuthenticationOptions",
                table: "Apis",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

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
                name: "ApiUsers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false, collation: "NOCASE"),
                    DisplayName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: true),
                    PasswordHash = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    FailedAttempts = table.Column<int>(type: "INTEGER", nullable: false),
                    LockedUntil = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RestrictedToClients = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LastSignInAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ConcurrencyStamp = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApiUsers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ClientXApiKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ApiClientId = table.Column<int>(type: "INTEGER", nullable: false),
                    Alias = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false, collation: "NOCASE"),
                    KeyHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Mask = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    EffectiveAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    RevokedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ExpiryReminderSentAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClientXApiKeys", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ClientXApiKeys_ApiClients_ApiClientId",
                        column: x => x.ApiClientId,
                        principalTable: "ApiClients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "JwtCredentials",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ApiClientId = table.Column<int>(type: "INTEGER", nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Algorithm = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    ProtectedSecret = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    PublicKeyPem = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_JwtCredentials", x => x.Id);
                    table.ForeignKey(
                        name: "FK_JwtCredentials_ApiClients_ApiClientId",
                        column: x => x.ApiClientId,
                        principalTable: "ApiClients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "KeyAuthCredentials",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ApiClientId = table.Column<int>(type: "INTEGER", nullable: false),
                    KeyHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Mask = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_KeyAuthCredentials", x => x.Id);
                    table.ForeignKey(
                        name: "FK_KeyAuthCredentials_ApiClients_ApiClientId",
                        column: x => x.ApiClientId,
                        principalTable: "ApiClients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

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
                name: "ApiUserClients",
                columns: table => new
                {
                    ApiUserId = table.Column<int>(type: "INTEGER", nullable: false),
                    ApiClientId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApiUserClients", x => new { x.ApiUserId, x.ApiClientId });
                    table.ForeignKey(
                        name: "FK_ApiUserClients_ApiClients_ApiClientId",
                        column: x => x.ApiClientId,
                        principalTable: "ApiClients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ApiUserClients_ApiUsers_ApiUserId",
                        column: x => x.ApiUserId,
                        principalTable: "ApiUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ClientXApiKeyGroups",
                columns: table => new
                {
                    ClientXApiKeyId = table.Column<int>(type: "INTEGER", nullable: false),
                    ApiGroupId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClientXApiKeyGroups", x => new { x.ClientXApiKeyId, x.ApiGroupId });
                    table.ForeignKey(
                        name: "FK_ClientXApiKeyGroups_ApiGroups_ApiGroupId",
                        column: x => x.ApiGroupId,
                        principalTable: "ApiGroups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ClientXApiKeyGroups_ClientXApiKeys_ClientXApiKeyId",
                        column: x => x.ClientXApiKeyId,
                        principalTable: "ClientXApiKeys",
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
                name: "IX_ApiUserClients_ApiClientId",
                table: "ApiUserClients",
                column: "ApiClientId");

            migrationBuilder.CreateIndex(
                name: "IX_ApiUsers_UserName",
                table: "ApiUsers",
                column: "UserName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ClientXApiKeyGroups_ApiGroupId",
                table: "ClientXApiKeyGroups",
                column: "ApiGroupId");

            migrationBuilder.CreateIndex(
                name: "IX_ClientXApiKeys_ApiClientId_Alias",
                table: "ClientXApiKeys",
                columns: new[] { "ApiClientId", "Alias" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ClientXApiKeys_KeyHash",
                table: "ClientXApiKeys",
                column: "KeyHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_JwtCredentials_ApiClientId",
                table: "JwtCredentials",
                column: "ApiClientId");

            migrationBuilder.CreateIndex(
                name: "IX_JwtCredentials_Key",
                table: "JwtCredentials",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_KeyAuthCredentials_ApiClientId",
                table: "KeyAuthCredentials",
                column: "ApiClientId");

            migrationBuilder.CreateIndex(
                name: "IX_KeyAuthCredentials_KeyHash",
                table: "KeyAuthCredentials",
                column: "KeyHash",
                unique: true);

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
                name: "ApiUserClients");

            migrationBuilder.DropTable(
                name: "ClientXApiKeyGroups");

            migrationBuilder.DropTable(
                name: "JwtCredentials");

            migrationBuilder.DropTable(
                name: "KeyAuthCredentials");

            migrationBuilder.DropTable(
                name: "OAuthEncryptionKeys");

            migrationBuilder.DropTable(
                name: "OAuthSigningKeys");

            migrationBuilder.DropTable(
                name: "OAuthTokens");

            migrationBuilder.DropTable(
                name: "SignedApiKeyApis");

            migrationBuilder.DropTable(
                name: "ApiUsers");

            migrationBuilder.DropTable(
                name: "ClientXApiKeys");

            migrationBuilder.DropTable(
                name: "SignedApiKeys");

            migrationBuilder.DropColumn(
                name: "AuthenticationOptions",
                table: "Apis");

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
