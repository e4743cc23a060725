using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace ApiManager.Gateway.Data.Migrations
{
    /// <inheritdoc />
    public partial class ClientsGroupsScopesLevels : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ApiScopes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false, collation: "NOCASE"),
                    Description = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ConcurrencyStamp = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApiScopes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SecurityLevels",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Code = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false, collation: "NOCASE"),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Rank = table.Column<int>(type: "INTEGER", nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    IsSystem = table.Column<bool>(type: "INTEGER", nullable: false),
                    IsDefault = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ConcurrencyStamp = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SecurityLevels", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ApiClients",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ClientId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false, collation: "NOCASE"),
                    ClientName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false, collation: "NOCASE"),
                    ApplicationNo = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    DisplayName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    PasswordHash = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    SecurityLevelId = table.Column<int>(type: "INTEGER", nullable: false),
                    StartDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ExpiryDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ServiceStartTime = table.Column<TimeOnly>(type: "TEXT", nullable: true),
                    ServiceEndTime = table.Column<TimeOnly>(type: "TEXT", nullable: true),
                    TimeZoneId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ApiQuota = table.Column<long>(type: "INTEGER", nullable: false),
                    QuotaResetPeriod = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    TpsPerNode = table.Column<int>(type: "INTEGER", nullable: false),
                    Priority = table.Column<int>(type: "INTEGER", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Audience = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Emails = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Remark = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    FailedAttemptThreshold = table.Column<int>(type: "INTEGER", nullable: false),
                    FailedAttempts = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ConcurrencyStamp = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApiClients", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ApiClients_SecurityLevels_SecurityLevelId",
                        column: x => x.SecurityLevelId,
                        principalTable: "SecurityLevels",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ApiGroups",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false, collation: "NOCASE"),
                    Alias = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Description = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    SecurityLevelId = table.Column<int>(type: "INTEGER", nullable: false),
                    AllowedDays = table.Column<int>(type: "INTEGER", nullable: false),
                    AllowedStartTime = table.Column<TimeOnly>(type: "TEXT", nullable: true),
                    AllowedEndTime = table.Column<TimeOnly>(type: "TEXT", nullable: true),
                    TimeZoneId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ConcurrencyStamp = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApiGroups", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ApiGroups_SecurityLevels_SecurityLevelId",
                        column: x => x.SecurityLevelId,
                        principalTable: "SecurityLevels",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ClientIpBindings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ApiClientId = table.Column<int>(type: "INTEGER", nullable: false),
                    HostName = table.Column<string>(type: "TEXT", maxLength: 253, nullable: false),
                    IpAddress = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClientIpBindings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ClientIpBindings_ApiClients_ApiClientId",
                        column: x => x.ApiClientId,
                        principalTable: "ApiClients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ClientScopes",
                columns: table => new
                {
                    ApiClientId = table.Column<int>(type: "INTEGER", nullable: false),
                    ApiScopeId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClientScopes", x => new { x.ApiClientId, x.ApiScopeId });
                    table.ForeignKey(
                        name: "FK_ClientScopes_ApiClients_ApiClientId",
                        column: x => x.ApiClientId,
                        principalTable: "ApiClients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ClientScopes_ApiScopes_ApiScopeId",
                        column: x => x.ApiScopeId,
                        principalTable: "ApiScopes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ApiGroupApis",
                columns: table => new
                {
                    ApiGroupId = table.Column<int>(type: "INTEGER", nullable: false),
                    ApiDefinitionId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApiGroupApis", x => new { x.ApiGroupId, x.ApiDefinitionId });
                    table.ForeignKey(
                        name: "FK_ApiGroupApis_ApiGroups_ApiGroupId",
                        column: x => x.ApiGroupId,
                        principalTable: "ApiGroups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ApiGroupApis_Apis_ApiDefinitionId",
                        column: x => x.ApiDefinitionId,
                        principalTable: "Apis",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ApiScopeGroups",
                columns: table => new
                {
                    ApiScopeId = table.Column<int>(type: "INTEGER", nullable: false),
                    ApiGroupId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApiScopeGroups", x => new { x.ApiScopeId, x.ApiGroupId });
                    table.ForeignKey(
                        name: "FK_ApiScopeGroups_ApiGroups_ApiGroupId",
                        column: x => x.ApiGroupId,
                        principalTable: "ApiGroups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ApiScopeGroups_ApiScopes_ApiScopeId",
                        column: x => x.ApiScopeId,
                        principalTable: "ApiScopes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ClientGroups",
                columns: table => new
                {
                    ApiClientId = table.Column<int>(type: "INTEGER", nullable: false),
                    ApiGroupId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClientGroups", x => new { x.ApiClientId, x.ApiGroupId });
                    table.ForeignKey(
                        name: "FK_ClientGroups_ApiClients_ApiClientId",
                        column: x => x.ApiClientId,
                        principalTable: "ApiClients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ClientGroups_ApiGroups_ApiGroupId",
                        column: x => x.ApiGroupId,
                        principalTable: "ApiGroups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.InsertData(
                table: "SecurityLevels",
                columns: new[] { "Id", "Code", "ConcurrencyStamp", "CreatedAt", "Description", "IsDefault", "IsSystem", "Name", "Rank", "UpdatedAt" },
                values: new object[,]
                {
                    { 1, "A", new Guid("6f1f5c1e-0000-4000-8000-00000000000a"), new DateTime(2026, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), "Highest security level.", false, true, "Level A", 1, new DateTime(2026, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc) },
                    { 2, "B", new Guid("6f1f5c1e-0000-4000-8000-00000000000b"), new DateTime(2026, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), null, false, true, "Level B", 2, new DateTime(2026, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc) },
                    { 3, "C", new Guid("6f1f5c1e-0000-4000-8000-00000000000c"), new DateTime(2026, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), null, false, true, "Level C", 3, new DateTime(2026, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc) },
                    { 4, "D", new Guid("6f1f5c1e-0000-4000-8000-00000000000d"), new DateTime(2026, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), "Lowest security level; the default.", true, true, "Level D", 4, new DateTime(2026, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc) }
                });

            migrationBuilder.CreateIndex(
                name: "IX_ApiClients_ClientId",
                table: "ApiClients",
                column: "ClientId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ApiClients_ClientName",
                table: "ApiClients",
                column: "ClientName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ApiClients_SecurityLevelId",
                table: "ApiClients",
                column: "SecurityLevelId");

            migrationBuilder.CreateIndex(
                name: "IX_ApiGroupApis_ApiDefinitionId",
                table: "ApiGroupApis",
                column: "ApiDefinitionId");

            migrationBuilder.CreateIndex(
                name: "IX_ApiGroups_Name",
                table: "ApiGroups",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ApiGroups_SecurityLevelId",
                table: "ApiGroups",
                column: "SecurityLevelId");

            migrationBuilder.CreateIndex(
                name: "IX_ApiScopeGroups_ApiGroupId",
                table: "ApiScopeGroups",
                column: "ApiGroupId");

            migrationBuilder.CreateIndex(
                name: "IX_ApiScopes_Name",
                table: "ApiScopes",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ClientGroups_ApiGroupId",
                table: "ClientGroups",
                column: "ApiGroupId");

            migrationBuilder.CreateIndex(
                name: "IX_ClientIpBindings_ApiClientId",
                table: "ClientIpBindings",
                column: "ApiClientId");

            migrationBuilder.CreateIndex(
                name: "IX_ClientScopes_ApiScopeId",
                table: "ClientScopes",
                column: "ApiScopeId");

            migrationBuilder.CreateIndex(
                name: "IX_SecurityLevels_Code",
                table: "SecurityLevels",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SecurityLevels_Rank",
                table: "SecurityLevels",
                column: "Rank",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ApiGroupApis");

            migrationBuilder.DropTable(
                name: "ApiScopeGroups");

            migrationBuilder.DropTable(
                name: "ClientGroups");

            migrationBuilder.DropTable(
                name: "ClientIpBindings");

            migrationBuilder.DropTable(
                name: "ClientScopes");

            migrationBuilder.DropTable(
                name: "ApiGroups");

            migrationBuilder.DropTable(
                name: "ApiClients");

            migrationBuilder.DropTable(
                name: "ApiScopes");

            migrationBuilder.DropTable(
                name: "SecurityLevels");
        }
    }
}
