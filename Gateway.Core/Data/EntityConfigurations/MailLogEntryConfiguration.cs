using ApiManager.Gateway.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ApiManager.Gateway.Data.EntityConfigurations;

internal sealed class MailLogEntryConfiguration : IEntityTypeConfiguration<MailLogEntry>
{
    public void Configure(EntityTypeBuilder<MailLogEntry> builder)
    {
        builder.ToTable("MailLog");
        builder.Property(m => m.To).HasMaxLength(2000);
        builder.Property(m => m.Subject).HasMaxLength(500);
        builder.HasIndex(m => m.At);
        builder.HasIndex(m => m.OutboxMailId);
    }
}
