using ApiManager.Gateway.SecurityLevels;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ApiManager.Gateway.Data.EntityConfigurations;

internal sealed class SecurityLevelConfiguration : IEntityTypeConfiguration<SecurityLevel>
{
    public void Configure(EntityTypeBuilder<SecurityLevel> builder)
    {
        builder.ToTable("SecurityLevels");
        builder.Property(l => l.Code).HasMaxLength(20).UseCollation("NOCASE");
        builder.HasIndex(l => l.Code).IsUnique();
        builder.Property(l => l.Name).HasMaxLength(100);
        builder.HasIndex(l => l.Rank).IsUnique();
        builder.Property(l => l.Description).HasMaxLength(500);
        builder.Property(l => l.ConcurrencyStamp).IsConcurrencyToken();
        var seeded = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        builder.HasData(
            new SecurityLevel { Id = 1, Code = "A", Name = "Level A", Rank = 1, Description = "Highest security level.", IsSystem = true, CreatedAt = seeded, UpdatedAt = seeded, ConcurrencyStamp = new Guid("6f1f5c1e-0000-4000-8000-00000000000a") },
            new SecurityLevel { Id = 2, Code = "B", Name = "Level B", Rank = 2, IsSystem = true, CreatedAt = seeded, UpdatedAt = seeded, ConcurrencyStamp = new Guid("6f1f5c1e-0000-4000-8000-00000000000b") },
            new SecurityLevel { Id = 3, Code = "C", Name = "Level C", Rank = 3, IsSystem = true, CreatedAt = seeded, UpdatedAt = seeded, ConcurrencyStamp = new Guid("6f1f5c1e-0000-4000-8000-00000000000c") },
            new SecurityLevel { Id = 4, Code = "D", Name = "Level D", Rank = 4, Description = "Lowest security level; the default.", IsSystem = true, IsDefault = true, CreatedAt = seeded, UpdatedAt = seeded, ConcurrencyStamp = new Guid("6f1f5c1e-0000-4000-8000-00000000000d") });
    }
}
