using Microsoft.Playwright;

namespace Universe.Cosmos.Testing;

/// <summary>Debian's Chromium through Playwright (<c>ExecutablePath</c>: no browser is ever downloaded), headless, with the flags of ecosystem.md.</summary>
internal static class HeadlessChromium
{
    public const string DefaultPath = "/usr/bin/chromium";

    private static readonly string[] Flags =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic", "--disable-dev-shm-usage",
    ];

    /// <summary>Where Chromium is (<c>UNIVERSE_CHROMIUM</c>, else /usr/bin/chromium), or null.</summary>
    public static string? Executable =>
        Environment.GetEnvironmentVariable("UNIVERSE_CHROMIUM") is { Length: > 0 } configured ? configured
        : File.Exists(DefaultPath) ? DefaultPath : null;

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) =>
        playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Executable ?? throw new InvalidOperationException($"Chromium not found at {DefaultPath} (apt-get install chromium, or set UNIVERSE_CHROMIUM)"),
            Headless = true,
            Args = Flags,
        });
}
