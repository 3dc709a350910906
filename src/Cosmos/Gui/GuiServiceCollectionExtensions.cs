using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Universe.Cosmos.Gui;

/// <summary>Registrations of the web GUI.</summary>
internal static class GuiServiceCollectionExtensions
{
    public static IServiceCollection AddCosmosGui(this IServiceCollection services)
    {
        services.TryAddSingleton<GuiAssets>();
        return services;
    }
}
