using ApiManager.Gateway.Apis.OpenApi;
using ApiManager.Gateway.Backends;
using ApiManager.Gateway.Common;
using ApiManager.Gateway.Credentials.Plugins;
using ApiManager.Gateway.Data;
using ApiManager.Gateway.Plugins;
using Microsoft.EntityFrameworkCore;

namespace ApiManager.Gateway.Apis.Wizard;

/// <summary>
/// Creates an API in one go from the wizard's six steps: validates every step first (nothing is written while any
/// step is invalid; errors are keyed by step, e.g. <c>backend.host</c>, <c>api.path</c>, <c>openApi.content</c>), then
/// writes the backend (if new), the API with its OpenAPI document and operations, its access control and the plugins
/// through the feature services. When a later write fails, what was already created is removed again and the error is
/// reported.
/// </summary>
internal sealed class ApiWizardService(
    IDbContextFactory<GatewayDbContext> contextFactory,
    BackendService backends,
    ApiService apis,
    OpenApiImportService openApi,
    ApiAuthenticationService authentication,
    PluginService plugins)
{
    /// <summary>
    /// Checks one step without writing; returns its field errors (empty when the step is valid). The API step knows
    /// from step 1 whether the backend is new.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string[]>> ValidateStepAsync(ApiWizardInput input, ApiWizardStep step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new ValidationErrors();
        await CheckStepAsync(input, step, errors, cancellationToken);
        return Collect(errors);
    }

    /// <summary>Checks every step without writing; returns all field errors keyed by step.</summary>
    public async Task<IReadOnlyDictionary<string, string[]>> ValidateAsync(ApiWizardInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new ValidationErrors();
        foreach (var step in Enum.GetValues<ApiWizardStep>())
        {
            await CheckStepAsync(input, step, errors, cancellationToken);
        }

        return Collect(errors);
    }

    /// <summary>
    /// Validates everything, then writes backend (if new) → API (with document and operations) → access control →
    /// backend plugins → API plugins. Invalid input is a <see cref="ServiceValidationException"/> and writes nothing; a
    /// failed write removes what this call created and rethrows (validation errors keyed by their step).
    /// </summary>
    public async Task<ApiDefinition> CreateAsync(ApiWizardInput input, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = await ValidateAsync(input, cancellationToken);
        if (errors.Count > 0)
        {
            throw new ServiceValidationException(errors);
        }

        var undo = new Stack<Func<Task>>();
        var prefix = ApiWizardSteps.Prefix(ApiWizardStep.Backend);
        try
        {
            var backendId = input.BackendId ?? 0;
            if (input.BackendId is null)
            {
                var backend = await backends.CreateAsync(input.NewBackend!, actor, cancellationToken);
                backendId = backend.Id;
                undo.Push(() => backends.DeleteAsync(backend.Id, actor, CancellationToken.None));
            }

            prefix = ApiWizardSteps.Prefix(ApiWizardStep.Api);
            var apiInput = input.Api with { BackendId = backendId, IsPublic = input.IsPublic };
            ApiDefinition api;
            if (input.HasOpenApi)
            {
                prefix = ApiWizardSteps.Prefix(ApiWizardStep.OpenApi);
                var (preview, content) = await openApi.PrepareAsync(OpenApiRequest(input), cancellationToken);
                api = await apis.SaveImportedAsync(null, WithSpecDefaults(apiInput, preview), content, OpenApiImportService.OperationsOf(preview.Spec), actor, cancellationToken);
            }
            else
            {
                api = await apis.CreateAsync(apiInput, actor, cancellationToken);
            }

            undo.Push(() => apis.DeleteAsync(api.Id, actor, CancellationToken.None, removeMemberships: true));
            prefix = ApiWizardSteps.Prefix(ApiWizardStep.Access);
            if (!input.IsPublic && input.AcceptedCredentials != api.AcceptedCredentials)
            {
                var settings = ApiAuthenticationService.From(api) with { AcceptedCredentials = input.AcceptedCredentials };
                await authentication.UpdateAsync(api.Id, settings, actor, cancellationToken);
            }

            foreach (var (list, scope, targetId, pluginStep) in new[] { (input.BackendPlugins, "backend", backendId, ApiWizardStep.BackendPlugins), (input.ApiPlugins, "api", api.Id, ApiWizardStep.ApiPlugins) })
            {
                for (var i = 0; i < list.Count; i++)
                {
                    prefix = $"{ApiWizardSteps.Prefix(pluginStep)}[{i}]";
                    var created = await plugins.CreateAsync(ToInput(list[i], scope, targetId), actor, cancellationToken);
                    undo.Push(() => plugins.DeleteAsync(created.Id, actor, CancellationToken.None));
                }
            }

            return await apis.FindAsync(api.Id, cancellationToken) ?? api;
        }
        catch (Exception ex)
        {
            await UndoAsync(undo);
            if (ex is ServiceValidationException invalid)
            {
                throw new ServiceValidationException(invalid.Errors.ToDictionary(e => prefix + "." + e.Key, e => e.Value, StringComparer.Ordinal));
            }

            throw;
        }
    }

    /// <summary>
    /// Turns a template into wizard input: a new backend named after the API (<c>name-version</c>), a non-public API (default credentials) whose
    /// path is <c>/name/version</c>, with the document's operations. Minimum takes name and version from the document's
    /// <c>info.title</c> / <c>info.version</c> (slugified, lower case). Invalid input is a <see cref="ServiceValidationException"/>
    /// keyed like the wizard's (<c>backend.host</c>, <c>api.name</c>, <c>openApi.content</c>).
    /// </summary>
    public async Task<ApiWizardInput> FromTemplateAsync(ApiTemplateInput template, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(template);
        var errors = new ValidationErrors();
        var wizard = new ApiWizardInput { OpenApiContent = template.OpenApiContent, OpenApiUrl = template.OpenApiUrl };
        OpenApiSpecSummary? spec = null;
        if (!wizard.HasOpenApi)
        {
            errors.Add("openApi.content", "Paste an OpenAPI document, upload a file or give its URL.");
        }
        else
        {
            await CaptureAsync(errors, "openApi", async () => spec = (await openApi.PrepareAsync(OpenApiRequest(wizard), cancellationToken)).Preview.Spec);
        }

        string name;
        string version;
        if (template.Kind == ApiTemplateKind.Minimum)
        {
            if (spec is not null && string.IsNullOrWhiteSpace(spec.Title))
            {
                errors.Add("openApi.content", "The document has no info.title to name the API after; use the Basic template and enter a name.");
            }

            name = spec is null ? "" : OpenApiImportService.Slug(spec.Title, 90, "api").ToLowerInvariant();
            version = spec is null ? "" : OpenApiImportService.Slug(spec.Version, 30, "v1").ToLowerInvariant();
        }
        else
        {
            name = errors.RequiredText("api.name", "Name", template.Name, 90, "Name may hold up to 90 letters, digits, '.', '_' or '-'.");
            version = errors.RequiredText("api.version", "Version", template.Version, 30, "Version may hold up to 30 letters, digits, '.', '_' or '-'.");
        }

        errors.ThrowIfAny();
        return wizard with
        {
            NewBackend = new BackendInput { Name = name + "-" + version, Protocol = template.Protocol, Host = template.Host, Port = template.Port },
            Api = new ApiInput
            {
                Name = name,
                Version = version,
                DisplayName = string.IsNullOrWhiteSpace(spec!.Title) ? name : spec.Title.Trim()[..Math.Min(200, spec.Title.Trim().Length)],
                Path = "/" + name + "/" + version,
            },
        };
    }

    /// <summary>Creates an API from a template through <see cref="CreateAsync"/>.</summary>
    public async Task<ApiDefinition> CreateFromTemplateAsync(ApiTemplateInput template, Actor actor, CancellationToken cancellationToken) =>
        await CreateAsync(await FromTemplateAsync(template, cancellationToken), actor, cancellationToken);

    private static async Task UndoAsync(Stack<Func<Task>> undo)
    {
        while (undo.TryPop(out var step))
        {
            try
            {
                await step();
            }
            catch (Exception ex) when (ex is EntityNotFoundException or EntityConflictException or DbUpdateException)
            {
                // Someone removed or reused it meanwhile: keep undoing the rest.
            }
        }
    }

    private async Task CheckStepAsync(ApiWizardInput input, ApiWizardStep step, ValidationErrors errors, CancellationToken cancellationToken)
    {
        var prefix = ApiWizardSteps.Prefix(step);
        switch (step)
        {
            case ApiWizardStep.Backend:
                await CheckBackendAsync(input, errors, cancellationToken);
                break;
            case ApiWizardStep.BackendPlugins:
                await CheckPluginsAsync(input.BackendPlugins, "backend", prefix, errors, cancellationToken);
                break;
            case ApiWizardStep.Api:
                // The backend is chosen (and checked) in step 1.
                var apiErrors = new ValidationErrors();
                await apis.ValidateNewAsync(input.Api with { IsPublic = input.IsPublic }, backendPending: true, apiErrors, cancellationToken);
                AddAll(errors, prefix, Collect(apiErrors));

                break;
            case ApiWizardStep.OpenApi:
                if (input.HasOpenApi)
                {
                    await CaptureAsync(errors, prefix, () => openApi.PrepareAsync(OpenApiRequest(input), cancellationToken));
                }

                break;
            case ApiWizardStep.Access:
                var access = new ValidationErrors();
                ApiAuthenticationService.Validate(new ApiAuthenticationSettings { AcceptedCredentials = input.AcceptedCredentials }, input.IsPublic, access);
                AddAll(errors, prefix, Collect(access));
                break;
            case ApiWizardStep.ApiPlugins:
                await CheckPluginsAsync(input.ApiPlugins, "api", prefix, errors, cancellationToken);
                break;
        }
    }

    private async Task CheckBackendAsync(ApiWizardInput input, ValidationErrors errors, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (input.BackendId is { } id)
        {
            if (!await db.Backends.AnyAsync(b => b.Id == id, cancellationToken))
            {
                errors.Add("backend.backendId", $"Backend {id} does not exist.");
            }

            return;
        }

        if (input.NewBackend is null)
        {
            errors.Add("backend.backendId", "Choose a backend or create a new one.");
            return;
        }

        var backend = new ValidationErrors();
        var normalized = BackendService.Validate(input.NewBackend, backend);
        if (normalized.Name.Length > 0 && await db.Backends.AnyAsync(b => b.Name == normalized.Name, cancellationToken))
        {
            backend.Add("name", $"A backend named '{normalized.Name}' already exists.");
        }

        AddAll(errors, "backend", Collect(backend));
    }

    private async Task CheckPluginsAsync(IReadOnlyList<ApiWizardPlugin> list, string scope, string prefix, ValidationErrors errors, CancellationToken cancellationToken)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < list.Count; i++)
        {
            var itemPrefix = $"{prefix}[{i}]";
            if (!seen.Add(list[i].Type?.Trim() ?? ""))
            {
                errors.Add(itemPrefix + ".type", $"The {list[i].Type} plugin is already in this step; one plugin of each type per {scope}.");
                continue;
            }

            await CaptureAsync(errors, itemPrefix, () => plugins.ValidateForPendingTargetAsync(ToInput(list[i], scope, 0), cancellationToken));
        }
    }

    private static async Task CaptureAsync(ValidationErrors errors, string prefix, Func<Task> check)
    {
        try
        {
            await check();
        }
        catch (ServiceValidationException ex)
        {
            AddAll(errors, prefix, ex.Errors);
        }
    }

    private static PluginInput ToInput(ApiWizardPlugin plugin, string scope, int targetId) =>
        new() { Type = plugin.Type, Scope = scope, TargetId = targetId, Configuration = plugin.Configuration, Enabled = plugin.Enabled };

    private static OpenApiImportRequest OpenApiRequest(ApiWizardInput input) =>
        string.IsNullOrWhiteSpace(input.OpenApiContent) ? new() { Url = input.OpenApiUrl } : new() { Content = input.OpenApiContent };

    /// <summary>The document fills what step 3 left empty: the methods of its operations and its description.</summary>
    private static ApiInput WithSpecDefaults(ApiInput input, OpenApiImportPreview preview) => input with
    {
        Methods = input.Methods.Count == 0 ? preview.Methods : input.Methods,
        Description = string.IsNullOrWhiteSpace(input.Description) && !string.IsNullOrWhiteSpace(preview.Spec.Description)
            ? preview.Spec.Description.Trim()[..Math.Min(2000, preview.Spec.Description.Trim().Length)]
            : input.Description,
    };

    private static void AddAll(ValidationErrors errors, string prefix, IReadOnlyDictionary<string, string[]> source)
    {
        foreach (var (key, messages) in source)
        {
            AddAll(errors, prefix + "." + key, messages);
        }
    }

    private static void AddAll(ValidationErrors errors, string key, string[] messages)
    {
        foreach (var message in messages)
        {
            errors.Add(key, message);
        }
    }

    private static IReadOnlyDictionary<string, string[]> Collect(ValidationErrors errors) => errors.ToDictionary();
}
