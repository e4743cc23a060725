using ApiManager.Gateway.Mail;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the mail outbox (options, validation, service). The SMTP transport is registered by the host.</summary>
public static class MailServiceCollectionExtensions
{
    /// <summary>Adds <see cref="MailOptions"/> from section <c>Mail</c> (validated on start) and <see cref="MailOutboxService"/>.</summary>
    public static IServiceCollection AddMailOutbox(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<MailOptions>().Bind(configuration.GetSection(MailOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MailOptions>, MailOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<MailOutboxService>();
        return services;
    }
}
