using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ServicePortal.Core.Data;

internal static class EntityConfigurationExtensions
{
    /// <summary>Version is the optimistic-concurrency token of every editable entity (see <see cref="Entity"/>).</summary>
    public static void ConfigureEntityBase<T>(this EntityTypeBuilder<T> builder)
        where T : Entity
    {
        builder.Property(e => e.Version).IsConcurrencyToken();
    }
}
