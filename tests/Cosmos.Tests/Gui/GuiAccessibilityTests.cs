using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace Universe.Cosmos.Tests.Gui;

/// <summary>axe-core finds no serious or critical violation on any page (light and dark); everything works at 320 px.</summary>
[Collection(GuiTestGroup.Name)]
public sealed class GuiAccessibilityTests(GuiBrowser browser, GuiHostFixture fixture) : IClassFixture<GuiHostFixture>
{
    private GuiHost Host => fixture.Host;

    [GuiFact]
    public async Task EveryPage_LightAndDark_NoSeriousOrCriticalAxeViolations()
    {
        await InstallTickerAsync();
        foreach (var scheme in new[] { ColorScheme.Light, ColorScheme.Dark })
        {
            var page = await browser.NewPageAsync(scheme: scheme);
            await page.GotoAsync(Host.Url("/"));
            await Assertions.Expect(page.Locator("#results > li").First).ToBeVisibleAsync();
            await GuiPages.AssertAccessibleAsync(page, $"catalog ({scheme})");
            await page.ClickAsync("button[data-tag=example]");
            await page.FillAsync("input[type=search]", "zzz-nothing");
            await GuiPages.AssertAccessibleAsync(page, $"catalog with no results ({scheme})");

            await page.GotoAsync(Host.Url("/catalog/packages/web-server"));
            await Assertions.Expect(page.Locator("#description")).ToBeVisibleAsync();
            await GuiPages.AssertAccessibleAsync(page, $"detail ({scheme})");

            await page.GotoAsync(Host.Url("/catalog/packages/web-server/install"));
            await page.FillAsync("#install-_service_instances", "99");
            await Assertions.Expect(page.Locator("#install-_service_instances-err")).ToBeVisibleAsync();
            await GuiPages.AssertAccessibleAsync(page, $"install with an error ({scheme})");
            await page.FillAsync("#install-_service_instances", "1");
            await Assertions.Expect(page.Locator(".validation-status")).ToHaveTextAsync("Options are valid.");
            await page.ClickAsync("#review-button");
            await Assertions.Expect(page.Locator("#rendered-app")).ToBeVisibleAsync();
            await GuiPages.AssertAccessibleAsync(page, $"install review ({scheme})");

            await page.GotoAsync(Host.Url("/services"));
            await Assertions.Expect(page.Locator("tr[data-app-id='/ticker']")).ToBeVisibleAsync();
            await GuiPages.AssertAccessibleAsync(page, $"services ({scheme})");

            await page.GotoAsync(Host.Url("/services/detail?id=%2Fticker"));
            await Assertions.Expect(page.Locator("#service-status")).ToBeVisibleAsync();
            await page.ClickAsync("#edit-options");
            await GuiPages.AssertAccessibleAsync(page, $"service detail with the editor ({scheme})");
            await page.ClickAsync("#uninstall");
            await GuiPages.AssertAccessibleAsync(page, $"uninstall dialog ({scheme})");
            await page.Keyboard.PressAsync("Escape");

            await page.GotoAsync(Host.Url("/repositories"));
            await Assertions.Expect(page.Locator("tr[data-repository]").First).ToBeVisibleAsync();
            await GuiPages.AssertAccessibleAsync(page, $"repositories ({scheme})");
            if (scheme == ColorScheme.Dark)
            {
                await GuiBrowser.ScreenshotAsync(page, "repositories-dark");
                await page.GotoAsync(Host.Url("/"));
                await Assertions.Expect(page.Locator("#results > li").First).ToBeVisibleAsync();
                await GuiBrowser.ScreenshotAsync(page, "catalog-dark");
            }

            Assert.Empty(await GuiPages.CspViolationsAsync(page));
            await page.Context.CloseAsync();
        }
    }

    [GuiFact]
    public async Task Width320_EveryPageFitsWithoutHorizontalScrolling()
    {
        await InstallTickerAsync();
        var page = await browser.NewPageAsync(320, 720);
        var pages = new (string Url, string Ready, string Shot)[]
        {
            ("/", "#results > li", "catalog-320"),
            ("/catalog/packages/web-server", "#description", "detail-320"),
            ("/catalog/packages/web-server/install", ".json-editor", "install-320"),
            ("/services", "tr[data-app-id='/ticker']", "services-320"),
            ("/services/detail?id=%2Fticker", "#service-status", "service-320"),
            ("/repositories", "tr[data-repository]", "repositories-320"),
        };
        foreach (var (url, ready, shot) in pages)
        {
            await page.GotoAsync(Host.Url(url));
            await Assertions.Expect(page.Locator(ready).First).ToBeVisibleAsync();
            var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
            Assert.True(overflow <= 0, $"{url} scrolls sideways by {overflow}px at 320px");
            await GuiBrowser.ScreenshotAsync(page, shot);
        }

        await page.GotoAsync(Host.Url("/"));
        await page.ClickAsync("#results a:text-is('web-server')");
        await page.ClickAsync("text=Review & install");
        await page.ClickAsync("#review-button");
        await Assertions.Expect(page.Locator("#install-button")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    /// <summary>Installs ticker through the API (idempotent) so the services pages have a row.</summary>
    private async Task InstallTickerAsync()
    {
        var (status, text) = await Host.RpcRawAsync("/package/install", "package.install-request", "package.install-response", new JsonObject { ["packageName"] = "ticker" }, "v2");
        Assert.True(status == System.Net.HttpStatusCode.OK || text.Contains("PackageAlreadyInstalled", StringComparison.Ordinal), text);
    }
}
