using ApiManager.Gateway.CallLog;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ApiManager.Gateway.Data.EntityConfigurations;

/// <summary>
/// Table <c>CallLog</c>, written by raw SQL (<see cref="CallLogColumns"/>). <c>At</c> is stored as Unix milliseconds
/// (an integer is cheaper to insert, index and compare than text). Few indexes, as each costs insert time: time, API,
/// client, and stage only for rows that have one. Request ids are deliberately not indexed: callers may send random
/// ones, and a random-key index costs more than the rest of the row (measured: ~3×); a lookup by request id walks the
/// rows newest first and stops at the first match, which is quick for recent requests. Rows are read newest first by id.
/// </summary>
internal sealed class CallLogEntryConfiguration : IEntityTypeConfiguration<CallLogEntry>
{
    public void Configure(EntityTypeBuilder<CallLogEntry> builder)
    {
        builder.ToTable(CallLogColumns.Table);
        builder.HasKey(c => c.Id);
        builder.Property(c => c.At).HasConversion(v => CallLogColumns.ToUnixMilliseconds(v), v => CallLogColumns.FromUnixMilliseconds(v));
        builder.Property(c => c.RequestId).HasMaxLength(200);
        builder.Property(c => c.Node).HasMaxLength(200);
        builder.Property(c => c.ApiName).HasMaxLength(200);
        builder.Property(c => c.ApiVersion).HasMaxLength(50);
        builder.Property(c => c.ClientId).HasMaxLength(200);
        builder.Property(c => c.ClientName).HasMaxLength(200);
        builder.Property(c => c.CredentialType).HasMaxLength(20);
        builder.Property(c => c.CredentialId).HasMaxLength(200);
        builder.Property(c => c.CallerIp).HasMaxLength(64);
        builder.Property(c => c.Method).HasMaxLength(20);
        builder.Property(c => c.CacheStatus).HasMaxLength(20);
        builder.Property(c => c.Stage).HasMaxLength(30);
        builder.Property(c => c.Plugin).HasMaxLength(50);
        builder.Property(c => c.ErrorCode).HasMaxLength(100);
        builder.Property(c => c.Target).HasMaxLength(300);
        builder.Ignore(c => c.IsRejected);
        builder.HasIndex(c => c.At);
        builder.HasIndex(c => c.ApiId);
        builder.HasIndex(c => c.ClientId);
        builder.HasIndex(c => c.Stage).HasFilter("\"Stage\" IS NOT NULL");
    }
}
