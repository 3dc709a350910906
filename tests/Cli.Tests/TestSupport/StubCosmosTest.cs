namespace Universe.Cli.Tests.TestSupport;

/// <summary>Base of runner tests against a <see cref="StubServer"/> serving golden Cosmos responses.</summary>
public abstract class StubCosmosTest : IAsyncLifetime
{
    internal StubServer Server { get; private set; } = null!;

    internal TestCli Cli { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await StubServer.StartAsync();
        Cli = TestCli.ForUrl(Server.BaseAddress);
    }

    public async Task DisposeAsync()
    {
        Cli.Dispose();
        await Server.DisposeAsync();
    }
}
