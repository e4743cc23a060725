using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ApiManager.Gateway.Data.Migrations
{
    /// <inheritdoc />
    public partial class TrafficControl : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CallLog",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    RequestId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Node = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ApiId = table.Column<int>(type: "INTEGER", nullable: true),
                    ApiName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ApiVersion = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    ClientId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ClientName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    CredentialType = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    CredentialId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    CallerIp = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Method = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Path = table.Column<string>(type: "TEXT", nullable: false),
                    Query = table.Column<string>(type: "TEXT", nullable: true),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    BackendStatus = table.Column<int>(type: "INTEGER", nullable: true),
                    LatencyMs = table.Column<double>(type: "REAL", nullable: false),
                    BackendLatencyMs = table.Column<double>(type: "REAL", nullable: true),
                    BytesIn = table.Column<long>(type: "INTEGER", nullable: true),
                    BytesOut = table.Column<long>(type: "INTEGER", nullable: true),
                    CacheStatus = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Stage = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    Plugin = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    ErrorCode = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ErrorDetail = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CallLog", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ClientQuotaUsages",
                columns: table => new
                {
                    ClientId = table.Column<int>(type: "INTEGER", nullable: false),
                    PeriodStart = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Used = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClientQuotaUsages", x => x.ClientId);
                    table.ForeignKey(
                        name: "FK_ClientQuotaUsages_ApiClients_ClientId",
                        column: x => x.ClientId,
                        principalTable: "ApiClients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Plugins",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Type = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Scope = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    BackendId = table.Column<int>(type: "INTEGER", nullable: true),
                    ApiId = table.Column<int>(type: "INTEGER", nullable: true),
                    ClientId = table.Column<int>(type: "INTEGER", nullable: true),
                    Enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    Configuration = table.Column<string>(type: "TEXT", nullable: false),
                    ProtectedSecret = table.Column<string>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ConcurrencyStamp = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Plugins", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Plugins_ApiClients_ClientId",
                        column: x => x.ClientId,
                        principalTable: "ApiClients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Plugins_Apis_ApiId",
                        column: x => x.ApiId,
                        principalTable: "Apis",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Plugins_Backends_BackendId",
                        column: x => x.BackendId,
                        principalTable: "Backends",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CallLog_ApiId",
                table: "CallLog",
                column: "ApiId");

            migrationBuilder.CreateIndex(
                name: "IX_CallLog_At",
                table: "CallLog",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_CallLog_ClientId",
                table: "CallLog",
                column: "ClientId");

            migrationBuilder.CreateIndex(
                name: "IX_CallLog_Stage",
                table: "CallLog",
                column: "Stage",
                filter: "\"Stage\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Plugins_ApiId",
                table: "Plugins",
                column: "ApiId");

            migrationBuilder.CreateIndex(
                name: "IX_Plugins_BackendId",
                table: "Plugins",
                column: "BackendId");

            migrationBuilder.CreateIndex(
                name: "IX_Plugins_ClientId",
                table: "Plugins",
                column: "ClientId");

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
            migrationBuilder.DropTable(
                name: "CallLog");

            migrationBuilder.DropTable(
                name: "ClientQuotaUsages");

            migrationBuilder.DropTable(
                name: "Plugins");
        }
    }
}
