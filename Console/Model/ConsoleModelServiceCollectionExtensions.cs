using ApiManager.Admin.Account;
using ApiManager.Admin.Model;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the console's view models and UI-facing services (shared by the host and the bUnit tests).</summary>
internal static class ConsoleModelServiceCollectionExtensions
{
    public static IServiceCollection AddConsoleModel(this IServiceCollection services)
    {
        services.AddScoped<AdminUserService>();
        services.AddScoped<ConsoleUserAccessor>();
        services.AddTransient<BackendEditViewModel>();
        services.AddTransient<BackendDetailsViewModel>();
        services.AddTransient<ApiEditViewModel>();
        services.AddTransient<ApiDetailsViewModel>();
        services.AddTransient<ApiGroupEditViewModel>();
        services.AddTransient<ApiGroupDetailsViewModel>();
        services.AddTransient<ApiScopeEditViewModel>();
        services.AddTransient<ApiScopeDetailsViewModel>();
        services.AddTransient<SecurityLevelEditViewModel>();
        services.AddTransient<SecurityLevelDetailsViewModel>();
        services.AddTransient<DashboardViewModel>();
        services.AddTransient<AuditViewModel>();
        services.AddTransient<TokensViewModel>();
        services.AddTransient<AdminUsersViewModel>();
        services.AddTransient<MailLogViewModel>();
        services.AddTransient<JobsViewModel>();
        services.AddTransient<ClientEditViewModel>();
        services.AddTransient<ClientDetailsViewModel>();
        services.AddTransient<ClientSecurityViewModel>();
        services.AddTransient<ApiUserEditViewModel>();
        services.AddTransient<ApiUserDetailsViewModel>();
        services.AddTransient<XApiKeysViewModel>();
        services.AddTransient<SignedKeysViewModel>();
        return services;
    }
}
