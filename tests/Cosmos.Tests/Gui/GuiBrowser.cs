using Microsoft.Playwright;
using Universe.Cosmos.Testing;

namespace Universe.Cosmos.Tests.Gui;

/// <summary>
/// One headless Debian Chromium for the GUI tests (Playwright with <c>ExecutablePath</c>: nothing is downloaded).
/// Screenshots go to <see cref="ArtifactsDirectory"/> (<c>gui-artifacts/</c> in the test output).
/// </summary>
public sealed class GuiBrowser : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public static string ArtifactsDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "gui-artifacts");

    public async Task InitializeAsync()
    {
        if (HeadlessChromium.Executable is null && !TestSupport.UpstreamUniverse.IsCi)
        {
            return;
        }

        Directory.CreateDirectory(ArtifactsDirectory);
        Assertions.SetDefaultExpectTimeout(20000);
        _playwright = await Playwright.CreateAsync();
        Browser = await HeadlessChromium.LaunchAsync(_playwright);
    }

    /// <summary>A fresh context (own cookies and sessionStorage) and page; 1280×900 unless given.</summary>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 900, ColorScheme scheme = ColorScheme.Light)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            ColorScheme = scheme,
            ReducedMotion = ReducedMotion.Reduce,
            AcceptDownloads = true,
        });
        context.SetDefaultTimeout(20000);
        var page = await context.NewPageAsync();
        await page.AddInitScriptAsync("window.__csp = []; document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));");
        return page;
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ArtifactsDirectory, name + ".png"), FullPage = true });

    public async Task DisposeAsync()
    {
        if (_playwright is null)
        {
            return;
        }

        await Browser.CloseAsync();
        _playwright.Dispose();
    }
}

/// <summary>The GUI test classes share one browser and run one after another (they start real processes).</summary>
[CollectionDefinition(Name)]
public sealed class GuiTestGroup : ICollectionFixture<GuiBrowser>
{
    public const string Name = "Gui";
}

/// <summary>A GUI fact: skipped with a reason where Chromium is missing, except in CI (CI=true), where it must run.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class GuiFactAttribute : FactAttribute
{
    public GuiFactAttribute()
    {
        if (HeadlessChromium.Executable is null && !TestSupport.UpstreamUniverse.IsCi)
        {
            Skip = $"Chromium not found at {HeadlessChromium.DefaultPath} (apt-get install chromium, or set UNIVERSE_CHROMIUM): GUI browser tests skipped.";
        }
    }
}
