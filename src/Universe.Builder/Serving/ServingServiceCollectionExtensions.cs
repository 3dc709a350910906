using Universe.Http;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Universe.Builder.Serving;

/// <summary>Registrations of the repo server: the <see cref="IRepoSource"/> the endpoints serve.</summary>
public static class ServingServiceCollectionExtensions
{
    public static IServiceCollection AddUniverseServing(this IServiceCollection services, IRepoSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        services.TryAddSingleton(source);
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping);
        services.AddRequestLimits();
        return services;
    }
}
