using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Logging;

namespace Clawdbot.Sdk;

/// <summary>Registers Bedrock in a host's services.</summary>
/// <remarks>
/// <para>Registered (each only when not registered already):</para>
/// <list type="bullet">
/// <item><see cref="BedrockClient"/> (singleton) for the main Bedrock provider, and one keyed by provider id per
/// Bedrock provider of the config. Its network handler comes from <c>IHttpClientFactory</c> (client
/// <see cref="BedrockOptions.HttpClientName"/>, so handlers added there apply; logged header values are redacted);
/// it logs through the host's <see cref="ILoggerFactory"/>.</item>
/// <item><see cref="BedrockModelCatalog"/>: the declared models merged with discovery.</item>
/// <item><see cref="BedrockClientProvider"/> handing out the registered clients by provider id. When the config is a
/// generated <c>Bedrock.Config</c>, an <see cref="IHostedService"/> links the generated <c>Bedrock.Clients</c> to it
/// while the host runs, so <c>Bedrock.Models.X.StreamAsync(...)</c> uses the host's clients (handler, options, logging)
/// too (see <see cref="BedrockClientProvider"/>).</item>
/// <item><see cref="BedrockDiscoveryCache"/>: the host's discovery cache, shared by its clients and catalogue.</item>
/// <item>A keyed <see cref="IChatClient"/> per declared model under each of its keys: the model id
/// (<c>anthropic.claude-opus-4-5-20251101-v1:0</c>), the reference <c>provider/id</c>, the C# name of
/// <c>Bedrock.Models</c> (<c>ClaudeOpus45</c>) and its aliases (<c>opus</c>). When two models share a key, the first
/// declared keeps it.</item>
/// <item>For each declared embedding model (Titan Text Embeddings V2, Cohere Embed v3 or v4), a keyed
/// <c>IEmbeddingGenerator&lt;string, Embedding&lt;float&gt;&gt;</c> (a <see cref="BedrockEmbeddingGenerator"/>) under the same
/// keys.</item>
/// <item>An unkeyed <see cref="IChatClient"/> for <see cref="BedrockOptions.DefaultModel"/>, else the config's
/// primary model (read by the rule of <see cref="ModelReference"/>) when it names a Bedrock provider. A declared
/// primary fails over through <c>agents.defaults.model.fallbacks</c> (a <see cref="BedrockFallbackChain"/>, cool-downs
/// kept by the host's clients); <see cref="BedrockOptions.DefaultModel"/> names one model and never fails over.</item>
/// </list>
/// </remarks>
public static class BedrockServiceCollectionExtensions
{
    /// <summary>Registers Bedrock configured by <paramref name="configure"/>.</summary>
    public static IServiceCollection AddBedrock(this IServiceCollection services, Action<BedrockOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = new BedrockOptions();
        configure?.Invoke(options);
        return Register(services, options);
    }

    /// <summary>
    /// Registers Bedrock configured from <paramref name="configuration"/>, then by <paramref name="configure"/>: pass
    /// the app's configuration (its <see cref="BedrockOptions.SectionName"/> section is read) or the section itself.
    /// </summary>
    public static IServiceCollection AddBedrock(this IServiceCollection services, IConfiguration configuration, Action<BedrockOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var named = configuration.GetSection(BedrockOptions.SectionName);
        var options = BedrockSection.Read(named.GetChildren().Any() ? named : configuration);
        configure?.Invoke(options);
        return Register(services, options);
    }

    /// <summary>Registers Bedrock with the models declared in <paramref name="config"/> (e.g. the generated <c>Bedrock.Config</c>).</summary>
    public static IServiceCollection AddBedrock(this IServiceCollection services, ClawdbotConfig config, Action<BedrockOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(config);
        var options = new BedrockOptions { Config = config };
        configure?.Invoke(options);
        return Register(services, options);
    }

    private static IServiceCollection Register(IServiceCollection services, BedrockOptions options)
    {
        var config = options.Config ?? (options.ConfigFile is { } file ? ClawdbotConfig.Load(file) : null);
        var mainProvider = options.ProviderId ?? (config is null ? ClawdbotConfigReader.BedrockProviderId : ModelMerger.DiscoveryProviderId(config));

        services.AddHttpClient(BedrockOptions.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => BedrockTransport.CreateNetworkHandler(options.ConnectTimeout ?? new BedrockClientOptions().ConnectTimeout, TimeProvider.System))
            // A client keeps its handler for its lifetime; SocketsHttpHandler recycles connections itself.
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .RedactLoggedHeaders(static _ => true);

        services.TryAddSingleton(options);
        // The options pattern: the effective options, for whoever reads IOptions<BedrockOptions>.
        services.TryAddSingleton(Microsoft.Extensions.Options.Options.Create(options));
        services.TryAddSingleton(static _ => new BedrockDiscoveryCache());
        var providers = config?.Models.Providers.Where(ClawdbotConfigReader.IsBedrock).Select(static p => p.Id).ToList() ?? [];
        if (!providers.Contains(mainProvider, StringComparer.Ordinal))
        {
            providers.Add(mainProvider);
        }

        foreach (var providerId in providers)
        {
            services.TryAddKeyedSingleton(providerId, (sp, _) => CreateClient(sp, options, config, providerId));
        }

        services.TryAddSingleton(sp => sp.GetRequiredKeyedService<BedrockClient>(mainProvider));
        // The declared models' calls go through BedrockModel (as generated descriptors' do), on the registered clients.
        services.TryAddSingleton(sp =>
        {
            var clients = new BedrockClientProvider(config ?? new ClawdbotConfig());
            foreach (var providerId in providers)
            {
                clients.Use(sp.GetRequiredKeyedService<BedrockClient>(providerId), providerId);
            }

            return clients;
        });
        services.TryAddSingleton(sp => new BedrockModelCatalog(config ?? new ClawdbotConfig(), sp.GetRequiredService<BedrockClient>()));
        if (config is not null && BedrockClientProvider.DeclaredFor(config) is { } generated)
        {
            services.AddHostedService(sp => new DeclaredModelsAttachment(generated, sp.GetRequiredService<BedrockClientProvider>()));
        }

        var models = DeclaredModels(config);
        // One chat client per model, created under its reference; every other key hands out the same instance.
        foreach (var (key, model) in models)
        {
            if (key == model.Reference)
            {
                services.TryAddKeyedSingleton<IChatClient>(key, (sp, _) => new BedrockChatClient(new BedrockModel(sp.GetRequiredService<BedrockClientProvider>(), model.ProviderId, model.Definition)));
            }
            else
            {
                services.TryAddKeyedSingleton<IChatClient>(key, (sp, _) => sp.GetRequiredKeyedService<IChatClient>(model.Reference));
            }

            if (EmbeddingFamily.Find(model.Definition.Id) is null)
            {
                continue;
            }

            // An embedding model is also an embedding generator, under the same keys.
            if (key == model.Reference)
            {
                services.TryAddKeyedSingleton<IEmbeddingGenerator<string, Embedding<float>>>(key, (sp, _) => new BedrockEmbeddingGenerator(new BedrockModel(sp.GetRequiredService<BedrockClientProvider>(), model.ProviderId, model.Definition)));
            }
            else
            {
                services.TryAddKeyedSingleton<IEmbeddingGenerator<string, Embedding<float>>>(key, (sp, _) => sp.GetRequiredKeyedService<IEmbeddingGenerator<string, Embedding<float>>>(model.Reference));
            }
        }

        var defaultModel = options.DefaultModel;
        if (!string.IsNullOrWhiteSpace(defaultModel))
        {
            // The host's own setting: a key of a declared model (id, provider/id, alias, C# name) or a Bedrock model id.
            if (models.TryGetValue(defaultModel, out var declared) || (config is not null && ReferenceKey(config, defaultModel) is { } reference && models.TryGetValue(reference, out declared)))
            {
                services.TryAddSingleton(sp => sp.GetRequiredKeyedService<IChatClient>(declared.Reference));
            }
            else if (defaultModel.IndexOf('/') < 0 || defaultModel.StartsWith("arn:", StringComparison.Ordinal))
            {
                services.TryAddSingleton<IChatClient>(sp => new BedrockChatClient(sp.GetRequiredService<BedrockClient>(), defaultModel));
            }
        }
        else if (config?.AgentDefaults.PrimaryModel is { } primary && ModelReference.TryResolve(config, primary, out var reference))
        {
            // agents.defaults.model.primary, read by the one reference rule, as Bedrock.Models.Default and the CLI read it:
            // a bare id that is no alias means anthropic/<id>, which no Bedrock client serves.
            if (models.TryGetValue(reference.ToString(), out var declared) && config.AgentDefaults.FallbackModels.Count == 0)
            {
                services.TryAddSingleton(sp => sp.GetRequiredKeyedService<IChatClient>(declared.Reference));
            }
            else if (declared is not null)
            {
                // As Bedrock.Models.Default: the primary fails over through agents.defaults.model.fallbacks.
                services.TryAddSingleton<IChatClient>(sp =>
                {
                    var clients = sp.GetRequiredService<BedrockClientProvider>();
                    return new BedrockChatClient(BedrockFallbackChain.ForPrimary(clients, new BedrockModel(clients, declared.ProviderId, declared.Definition)));
                });
            }
            else if (providers.Contains(reference.Provider, StringComparer.Ordinal))
            {
                var parameters = config.AgentDefaults.ParamsFor(reference.Provider, reference.ModelId);
                services.TryAddSingleton<IChatClient>(sp => new BedrockChatClient(sp.GetRequiredKeyedService<BedrockClient>(reference.Provider), reference.ModelId, parameters));
            }
        }

        return services;
    }

    private static BedrockClient CreateClient(IServiceProvider services, BedrockOptions options, ClawdbotConfig? config, string providerId)
    {
        var clientOptions = new BedrockClientOptions
        {
            LoggerFactory = services.GetService<ILoggerFactory>(),
            DiscoveryCache = services.GetRequiredService<BedrockDiscoveryCache>(),
            HttpMessageHandlerFactory = () => services.GetRequiredService<IHttpMessageHandlerFactory>().CreateHandler(BedrockOptions.HttpClientName),
        };
        options.ApplyTo(clientOptions);
        options.ConfigureClient?.Invoke(clientOptions);
        return config is null ? new BedrockClient(clientOptions) : BedrockClient.FromConfig(config, providerId, clientOptions);
    }

    /// <summary>Every key of every declared Bedrock model; the first model declared keeps a shared key.</summary>
    private static Dictionary<string, DeclaredModel> DeclaredModels(ClawdbotConfig? config)
    {
        var keys = new Dictionary<string, DeclaredModel>(StringComparer.Ordinal);
        if (config is null)
        {
            return keys;
        }

        foreach (var provider in config.Models.Providers.Where(ClawdbotConfigReader.IsBedrock))
        {
            foreach (var definition in provider.Models)
            {
                var model = new DeclaredModel(provider.Id, definition);
                keys.TryAdd(provider.Id + "/" + definition.Id, model);
                keys.TryAdd(definition.Id, model);
                keys.TryAdd(ModelIdentifier.FromModel(definition.Name, definition.Id), model);
            }
        }

        foreach (var entry in config.AgentDefaults.Models)
        {
            if (!string.IsNullOrWhiteSpace(entry.Alias) && ReferenceKey(config, entry.Ref) is { } reference && keys.TryGetValue(reference, out var model))
            {
                keys.TryAdd(entry.Alias.Trim(), model);
            }
        }

        return keys;
    }

    private static string? ReferenceKey(ClawdbotConfig config, string text)
        => ModelReference.TryResolve(config, text, out var reference) ? reference.ToString() : null;

    private sealed record DeclaredModel(string ProviderId, ModelDefinition Definition)
    {
        public string Reference => ProviderId + "/" + Definition.Id;
    }
}
