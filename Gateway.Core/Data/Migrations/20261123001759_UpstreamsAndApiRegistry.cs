using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ApiManager.Gateway.Data.Migrations
{
    /// <inheritdoc />
    public partial class UpstreamsAndApiRegistry : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ApiOpenApiDocuments",
                columns: table => new
                {
                    ApiDefinitionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Content = table.Column<string>(type: "TEXT", nullable: false),
                    ImportedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApiOpenApiDocuments", x => x.ApiDefinitionId);
                    table.ForeignKey(
                        name: "FK_ApiOpenApiDocuments_Apis_ApiDefinitionId",
                        column: x => x.ApiDefinitionId,
                        principalTable: "Apis",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Upstreams",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 253, nullable: false, collation: "NOCASE"),
                    Algorithm = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    HashOn = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    HashOnHeader = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    HashOnCookie = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    HashOnCookiePath = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    HashOnQueryArg = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    HashFallback = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    HashFallbackHeader = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    HashFallbackQueryArg = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Slots = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ConcurrencyStamp = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Upstreams", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "UpstreamTargets",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UpstreamId = table.Column<int>(type: "INTEGER", nullable: false),
                    Target = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false, collation: "NOCASE"),
                    Weight = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UpstreamTargets", x => x.Id);
                    table.ForeignKey(
                        name: "FK_UpstreamTargets_Upstreams_UpstreamId",
                        column: x => x.UpstreamId,
                        principalTable: "Upstreams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Upstreams_Name",
                table: "Upstreams",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_UpstreamTargets_UpstreamId_Target",
                table: "UpstreamTargets",
                columns: new[] { "UpstreamId", "Target" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ApiOpenApiDocuments");

            migrationBuilder.DropTable(
                name: "UpstreamTargets");

            migrationBuilder.DropTable(
                name: "Upstreams");
        }
    }
}
