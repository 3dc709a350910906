namespace Universe.Cosmos.Tests.Gui;

/// <summary>One Cosmos with the bundled universe and Runtime for a GUI test class.</summary>
public sealed class GuiHostFixture : IAsyncLifetime
{
    internal GuiHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await GuiHost.StartAsync();

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
