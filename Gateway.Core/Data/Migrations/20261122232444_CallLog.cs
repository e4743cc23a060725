using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ApiManager.Gateway.Data.Migrations
{
    /// <inheritdoc />
    public partial class CallLog : Migration
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CallLog");
        }
    }
}
