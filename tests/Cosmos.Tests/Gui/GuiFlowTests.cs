using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Universe.Cosmos.Tests.EndToEnd;

namespace Universe.Cosmos.Tests.Gui;

/// <summary>
/// The GUI in Debian's Chromium against a real Cosmos with the bundled universe and Runtime: browse, search, detail,
/// configure with an error and fix it, review the rendered app, install, watch it run healthy, edit with a diff,
/// apply, uninstall.
/// </summary>
[Collection(GuiTestGroup.Name)]
public sealed class GuiFlowTests(GuiBrowser browser, GuiHostFixture fixture) : IClassFixture<GuiHostFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(40);
    private GuiHost Host => fixture.Host;

    [GuiFact]
    public async Task Catalog_SearchFilterTagsAndBack_MatchCosmosSearchAndKeepStateInUrl()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(Host.Url("/"));
        var tiles = page.Locator("#results > li");
        await Assertions.Expect(tiles).ToHaveCountAsync(await ServerCountAsync(null));
        var web = page.Locator("#results > li", new() { HasText = "web-server" });
        await Assertions.Expect(web.Locator("img")).ToHaveAttributeAsync("alt", "web-server logo");
        await Assertions.Expect(web.Locator(".badge")).ToHaveTextAsync("Certified");
        await Assertions.Expect(web.Locator(".version")).ToHaveTextAsync("1.1.0");
        await Assertions.Expect(page.Locator("#results > li", new() { HasText = "ticker" }).Locator(".badge")).ToHaveTextAsync("Community");
        await GuiBrowser.ScreenshotAsync(page, "catalog");

        foreach (var query in new[] { "web", "WEB", "web*", "*server", "w*r", "*example*", "Example", "nothing-like-this" })
        {
            await page.FillAsync("input[type=search]", query);
            await Assertions.Expect(page.Locator("#results")).ToHaveAttributeAsync("data-query", query);
            Assert.Equal(await ServerCountAsync(query), await tiles.CountAsync());
        }

        await Assertions.Expect(page.Locator(".empty")).ToContainTextAsync("No packages match");
        await GuiBrowser.ScreenshotAsync(page, "catalog-no-results");
        await page.FillAsync("input[type=search]", "e");
        await page.ClickAsync("button[data-filter=community]");
        Assert.Contains("filter=community", page.Url, StringComparison.Ordinal);
        Assert.Contains("q=e", page.Url, StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("#results .badge.certified").CountAsync());
        await page.ClickAsync("button[data-tag=example]");
        Assert.Contains("tag=example", page.Url, StringComparison.Ordinal);
        var withTag = await tiles.CountAsync();
        Assert.True(withTag > 0);

        await page.GoBackAsync();
        await Assertions.Expect(page.Locator("button[data-tag=example]")).ToHaveAttributeAsync("aria-pressed", "false");
        await Assertions.Expect(page.Locator("button[data-filter=community]")).ToHaveAttributeAsync("aria-pressed", "true");
        await page.GoBackAsync();
        await Assertions.Expect(page.Locator("button[data-filter=all]")).ToHaveAttributeAsync("aria-pressed", "true");

        var shared = await browser.NewPageAsync();
        await shared.GotoAsync(Host.Url("/catalog?q=web&filter=certified"));
        await Assertions.Expect(shared.Locator("input[type=search]")).ToHaveValueAsync("web");
        await Assertions.Expect(shared.Locator("button[data-filter=certified]")).ToHaveAttributeAsync("aria-pressed", "true");
        await Assertions.Expect(shared.Locator("#results > li")).ToHaveCountAsync(1);
        await shared.Context.CloseAsync();
        await page.Context.CloseAsync();
    }

    [GuiFact]
    public async Task Detail_VersionPickerNotesLicenceAndMinDcos_AreShown()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(Host.Url("/"));
        await page.ClickAsync("#results a:text-is('web-server')");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("web-server");
        var picker = page.GetByLabel("Version", new() { Exact = true });
        await Assertions.Expect(picker).ToHaveValueAsync("1.1.0");
        await Assertions.Expect(picker.Locator("option")).ToHaveTextAsync(["1.1.0", "1.0.0"]);
        await Assertions.Expect(page.Locator("#description")).ToContainTextAsync("1.1.0 adds an HTTP health check");
        await Assertions.Expect(page.Locator("#post-install")).ToContainTextAsync("The web server is starting");
        await Assertions.Expect(page.Locator("#licences a")).ToHaveAttributeAsync("href", "https://www.apache.org/licenses/LICENSE-2.0");
        await Assertions.Expect(page.Locator("#information")).ToContainTextAsync("1.10 or later (minDcosReleaseVersion)");
        await Assertions.Expect(page.Locator("#information a[href='mailto:universe@example.org']")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#tags a")).ToHaveCountAsync(4);
        await GuiBrowser.ScreenshotAsync(page, "detail");

        await picker.SelectOptionAsync("1.0.0");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("version=1\\.0\\.0$"));
        await Assertions.Expect(page.Locator("#description")).Not.ToContainTextAsync("1.1.0 adds");
        await Assertions.Expect(page.Locator(".detail-header a.button")).ToHaveAttributeAsync("href", "/catalog/packages/web-server/install?version=1.0.0");
        await page.Context.CloseAsync();
    }

    [GuiFact]
    public async Task InstallEditUninstall_WebServer_EveryStepInTheBrowser()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(Host.Url("/catalog/packages/web-server"));
        await page.ClickAsync("text=Review & install");
        await Assertions.Expect(page.Locator("[role=tab]")).ToHaveTextAsync(["Service", "Web"]);
        var instances = page.Locator("#install-_service_instances");
        await Assertions.Expect(instances).ToHaveValueAsync("1");
        await Assertions.Expect(page.Locator("label[for=install-_service_name] .visually-hidden")).ToHaveTextAsync(" (required)");
        await Assertions.Expect(page.Locator("#install-_service_instances-desc")).ToHaveTextAsync("Number of server processes");

        await instances.FillAsync("11");
        var error = page.Locator("#install-_service_instances-err");
        await Assertions.Expect(error).ToBeVisibleAsync();
        await Assertions.Expect(error).ToContainTextAsync("maximum");
        await Assertions.Expect(instances).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(page.Locator("[role=tab]").First).ToContainTextAsync("1 error");
        await Assertions.Expect(page.Locator(".error-summary")).ToContainTextAsync("/service/instances");
        await Assertions.Expect(page.Locator(".json-editor")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("\"instances\": 11"));
        await GuiBrowser.ScreenshotAsync(page, "install-error");
        await instances.FillAsync("1");
        await Assertions.Expect(error).ToBeHiddenAsync();
        await Assertions.Expect(instances).Not.ToHaveAttributeAsync("aria-invalid", "true");

        await page.ClickAsync("[role=tab]:has-text('Web')");
        await page.FillAsync("#install-_web_greeting", "hello from the GUI");
        await Assertions.Expect(page.Locator(".json-editor")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("\"greeting\": \"hello from the GUI\""));
        await page.FillAsync(".json-editor", "{ \"web\": { \"greeting\": \"from the JSON editor\" } }");
        await Assertions.Expect(page.Locator("#install-_web_greeting")).ToHaveValueAsync("from the JSON editor");
        await page.FillAsync("#install-_web_greeting", "hello from the GUI");
        await Assertions.Expect(page.Locator(".validation-status")).ToHaveTextAsync("Options are valid.");

        await page.ClickAsync("#review-button");
        var rendered = page.Locator("#rendered-app");
        await Assertions.Expect(rendered).ToContainTextAsync("\"id\": \"/web-server\"");
        await Assertions.Expect(rendered).ToContainTextAsync("\"GREETING\": \"hello from the GUI\"");
        await Assertions.Expect(rendered).ToContainTextAsync("DCOS_PACKAGE_NAME");
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#download-options"));
        Assert.Equal("web-server-options.json", download.SuggestedFilename);
        var file = Path.Combine(GuiBrowser.ArtifactsDirectory, "web-server-options.json");
        await download.SaveAsAsync(file);
        Assert.Equal("hello from the GUI", JsonNode.Parse(await File.ReadAllTextAsync(file))!["web"]!["greeting"]!.GetValue<string>());
        await GuiBrowser.ScreenshotAsync(page, "install-review");

        await page.ClickAsync("#install-button");
        await page.ClickAsync("#open-service");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("/web-server");
        await Assertions.Expect(page.Locator("#service-status")).ToHaveTextAsync("Running", new() { Timeout = 40000 });
        await Assertions.Expect(page.Locator("#service-health")).ToHaveTextAsync("Healthy", new() { Timeout = 40000 });
        await page.ClickAsync("#tasks button:has-text('Show logs')");
        await Assertions.Expect(page.Locator("#stderr")).Not.ToHaveTextAsync("Loading…");
        await GuiBrowser.ScreenshotAsync(page, "service-detail");

        await page.ClickAsync("header nav >> text=Services");
        var row = page.Locator("tr[data-app-id='/web-server']");
        await Assertions.Expect(row.Locator(".cell-status")).ToHaveTextAsync("Running");
        await Assertions.Expect(row.Locator(".cell-health")).ToHaveTextAsync("Healthy");
        await Assertions.Expect(row.Locator(".cell-instances")).ToHaveTextAsync("1 / 1");
        await Assertions.Expect(row.Locator(".bar[aria-label^='CPU: 0.1']")).ToHaveCountAsync(1);
        await GuiBrowser.ScreenshotAsync(page, "services");

        await row.Locator("a").ClickAsync();
        await page.ClickAsync("#edit-options");
        await page.ClickAsync("[role=tab]:has-text('Web')");
        await page.FillAsync("#edit-_web_greeting", "edited in the GUI");
        await Assertions.Expect(page.Locator(".validation-status")).ToHaveTextAsync("Options are valid.");
        await page.ClickAsync("#review-changes");
        var optionsDiff = page.Locator("#options-diff");
        await Assertions.Expect(optionsDiff).ToContainTextAsync("/web/greeting");
        await Assertions.Expect(optionsDiff).ToContainTextAsync("\"hello from the GUI\"");
        await Assertions.Expect(optionsDiff).ToContainTextAsync("\"edited in the GUI\"");
        await Assertions.Expect(page.Locator("#app-diff")).ToContainTextAsync("/env/GREETING");
        await GuiBrowser.ScreenshotAsync(page, "service-edit-diff");
        Assert.Equal("hello from the GUI", (await DescribeAsync("/web-server"))["userProvidedOptions"]!["web"]!["greeting"]!.GetValue<string>());

        await page.ClickAsync("#apply-changes");
        await Assertions.Expect(page.Locator("#update-done")).ToBeVisibleAsync();
        Assert.Equal("edited in the GUI", (await DescribeAsync("/web-server"))["userProvidedOptions"]!["web"]!["greeting"]!.GetValue<string>());
        await Assertions.Expect(page.Locator("#current-options")).ToContainTextAsync("edited in the GUI");

        await page.ClickAsync("#uninstall");
        var confirm = page.Locator("#confirm-uninstall");
        await Assertions.Expect(confirm).ToBeDisabledAsync();
        await page.FillAsync("dialog[open] input", "web-serve");
        await Assertions.Expect(confirm).ToBeDisabledAsync();
        await page.FillAsync("dialog[open] input", "web-server");
        await confirm.ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("/web-server uninstalled");
        await Host.WaitForNoTasksAsync("/web-server", Deadline);
        Assert.Empty(await CspViolationsAsync(page));
        await page.Context.CloseAsync();
    }

    [GuiFact]
    public async Task KeyboardOnly_InstallTickerReadItsLogsAndUninstall()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(Host.Url("/"));
        await Assertions.Expect(page.Locator("input[type=search]")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("ticker");
        await Assertions.Expect(page.Locator("#results > li")).ToHaveCountAsync(1);
        await GuiPages.TabToAsync(page, "#results a");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("ticker");
        await Assertions.Expect(page.Locator("h1")).ToBeFocusedAsync();
        await GuiPages.TabToAsync(page, "a.button.primary");
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page.Locator("[role=tab][aria-selected=true]")).ToHaveTextAsync("Service");
        await GuiPages.TabToAsync(page, "[role=tab][aria-selected=true]");
        await page.Keyboard.PressAsync("ArrowRight");
        await Assertions.Expect(page.Locator("[role=tab]:has-text('Ticker')")).ToBeFocusedAsync();
        await GuiPages.TabToAsync(page, "#install-_ticker_interval");
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync("0");
        await Assertions.Expect(page.Locator("#install-_ticker_interval-err")).ToContainTextAsync("minimum");
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync("1");
        await Assertions.Expect(page.Locator("#install-_ticker_interval-err")).ToBeHiddenAsync();
        await GuiPages.TabToAsync(page, "#install-_ticker_message");
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync("typed without a mouse");
        await Assertions.Expect(page.Locator(".validation-status")).ToHaveTextAsync("Options are valid.");
        await GuiPages.TabToAsync(page, "#review-button");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#rendered-app")).ToContainTextAsync("typed without a mouse");
        await GuiPages.TabToAsync(page, "#install-button", backwards: true);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#open-service")).ToBeVisibleAsync();
        await GuiPages.TabToAsync(page, "#open-service");
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page.Locator("#service-status")).ToHaveTextAsync("Running", new() { Timeout = 40000 });
        await GuiPages.TabToAsync(page, "#tasks button");
        await page.Keyboard.PressAsync("Enter");
        await GuiPages.TabToAsync(page, "#logs button");
        await Poll.UntilAsync("ticker's stdout tail shows its message", Deadline, async () =>
        {
            var text = await page.Locator("#stdout").TextContentAsync();
            if (text?.Contains("typed without a mouse", StringComparison.Ordinal) == true)
            {
                return text;
            }

            await Task.Delay(500);
            await page.Keyboard.PressAsync("Enter");
            return null;
        });

        await GuiPages.TabToAsync(page, "#uninstall");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("dialog[open] input")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("ticker");
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.Locator("#confirm-uninstall")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("/ticker uninstalled");
        await Host.WaitForNoTasksAsync("/ticker", Deadline);
        await page.Context.CloseAsync();
    }

    private static Task<string[]> CspViolationsAsync(IPage page) => GuiPages.CspViolationsAsync(page);

    private async Task<int> ServerCountAsync(string? query)
    {
        var body = await Host.RpcAsync("/package/search", "package.search-request", "package.search-response", query is null ? [] : new JsonObject { ["query"] = query });
        return body["packages"]!.AsArray().Count;
    }

    private Task<JsonNode> DescribeAsync(string appId) =>
        Host.RpcAsync("/service/describe", "service.describe-request", "service.describe-response", new JsonObject { ["appId"] = appId });
}
