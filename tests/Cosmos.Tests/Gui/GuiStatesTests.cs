using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Universe.Cosmos.Tests.EndToEnd;

namespace Universe.Cosmos.Tests.Gui;

/// <summary>Catalog states (loading, error, empty, a repository that is down), installed-older notices, version changes, the screenshot viewer.</summary>
[Collection(GuiTestGroup.Name)]
public sealed class GuiStatesTests(GuiBrowser browser)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(40);

    [GuiFact]
    public async Task Catalog_RepositoryDown_ShowsANoticeAndKeepsTheOtherPackages()
    {
        await using var host = await GuiHost.StartAsync(settings: new Dictionary<string, string?> { ["Cosmos:RepositoryRefreshSeconds"] = "1" });
        var root = GalleryPackage.Write(Path.Combine(Path.GetTempPath(), "gui-flaky-" + Guid.NewGuid().ToString("N")));
        await host.RpcAsync("/package/repository/add", "package.repository.add-request", "package.repository.add-response", new JsonObject { ["name"] = "flaky", ["uri"] = root });
        Directory.Delete(root, recursive: true);
        await Poll.UntilAsync("the deleted repository reports an error", Deadline, async () =>
        {
            var list = await host.RpcAsync("/package/repository/list", "package.repository.list-request", "package.repository.list-response", new JsonObject());
            return list["repositories"]!.AsArray().Any(r => r!["name"]!.GetValue<string>() == "flaky" && r["status"]?["state"]?.GetValue<string>() == "error") ? "error" : null;
        });

        var page = await browser.NewPageAsync();
        await page.GotoAsync(host.Url("/"));
        await Assertions.Expect(page.Locator(".notices .notice")).ToContainTextAsync("Repository “flaky” is unavailable");
        await Assertions.Expect(page.Locator("#results > li", new() { HasText = "web-server" })).ToHaveCountAsync(1);
        await GuiBrowser.ScreenshotAsync(page, "catalog-repository-down");
        await page.GotoAsync(host.Url("/repositories"));
        await Assertions.Expect(page.Locator("tr[data-repository=flaky]")).ToContainTextAsync("Error");
        await page.Context.CloseAsync();
    }

    [GuiFact]
    public async Task Catalog_LoadingErrorAndEmpty_EachHasItsState()
    {
        await using var host = await GuiHost.StartAsync();
        var page = await browser.NewPageAsync();
        var release = new TaskCompletionSource();
        await page.RouteAsync("**/package/search", async route =>
        {
            await release.Task;
            await route.FulfillAsync(new RouteFulfillOptions
            {
                Status = 500,
                ContentType = "application/vnd.dcos.package.error+json;charset=utf-8;version=v1",
                Body = "{\"type\":\"unhandled_exception\",\"message\":\"Search broke\"}",
            });
        });
        await page.GotoAsync(host.Url("/"));
        await Assertions.Expect(page.Locator(".results-status")).ToContainTextAsync("Loading packages…");
        await Assertions.Expect(page.Locator("#results")).ToHaveAttributeAsync("aria-busy", "true");
        release.SetResult();
        await Assertions.Expect(page.Locator(".results-status [role=alert]")).ToContainTextAsync("Search broke");
        await GuiBrowser.ScreenshotAsync(page, "catalog-error");
        await page.UnrouteAsync("**/package/search");
        await page.ClickAsync("text=Try again");
        await Assertions.Expect(page.Locator("#results > li").First).ToBeVisibleAsync();

        await page.RouteAsync("**/package/search", route => route.FulfillAsync(new RouteFulfillOptions { Status = 200, ContentType = "application/json", Body = "{\"packages\":[]}" }));
        await page.RouteAsync("**/package/repository/list", route => route.FulfillAsync(new RouteFulfillOptions { Status = 200, ContentType = "application/json", Body = "{\"repositories\":[]}" }));
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator(".empty h2")).ToHaveTextAsync("No package repositories");
        await Assertions.Expect(page.Locator(".empty a[href='/repositories']")).ToHaveCountAsync(1);
        await page.Context.CloseAsync();
    }

    [GuiFact]
    public async Task Service_InstalledOlderThanShown_IsFlaggedAndUpgradedThroughTheGui()
    {
        await using var host = await GuiHost.StartAsync();
        await host.RpcAsync("/package/install", "package.install-request", "package.install-response", new JsonObject { ["packageName"] = "web-server", ["packageVersion"] = "1.0.0" }, "v2");
        var page = await browser.NewPageAsync();
        await page.GotoAsync(host.Url("/catalog/packages/web-server"));
        await Assertions.Expect(page.Locator("#installed-h")).ToHaveTextAsync("Installed");
        await Assertions.Expect(page.Locator("section[aria-labelledby=installed-h]")).ToContainTextAsync("/web-server runs 1.0.0, older than 1.1.0");
        await page.GotoAsync(host.Url("/catalog/packages/web-server?version=1.0.0"));
        await Assertions.Expect(page.Locator("section[aria-labelledby=installed-h]")).Not.ToContainTextAsync("older");

        await page.ClickAsync("section[aria-labelledby=installed-h] a");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("/web-server");
        await page.ClickAsync("#edit-options");
        await page.GetByLabel("Package version").SelectOptionAsync("1.1.0");
        await page.ClickAsync("[role=tab]:has-text('Web')");
        await Assertions.Expect(page.Locator("#edit-_web_directory-listing")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".validation-status")).ToHaveTextAsync("Options are valid.");
        await page.ClickAsync("#review-changes");
        await Assertions.Expect(page.Locator("#edit")).ToContainTextAsync("Version 1.0.0 → 1.1.0");
        await Assertions.Expect(page.Locator("#app-diff")).ToContainTextAsync("/healthChecks");
        await page.ClickAsync("#apply-changes");
        await Assertions.Expect(page.Locator("#update-done")).ToBeVisibleAsync();
        var described = await host.RpcAsync("/service/describe", "service.describe-request", "service.describe-response", new JsonObject { ["appId"] = "/web-server" });
        Assert.Equal("1.1.0", described["package"]!["version"]!.GetValue<string>());
        await Assertions.Expect(page.Locator("#service-health")).ToHaveTextAsync("Healthy", new() { Timeout = 90000 });
        await page.Context.CloseAsync();
    }

    [GuiFact]
    public async Task Screenshots_ViewerWorksWithTheKeyboard()
    {
        var root = GalleryPackage.Write(Path.Combine(Path.GetTempPath(), "gui-gallery-" + Guid.NewGuid().ToString("N")));
        try
        {
            await using var host = await GuiHost.StartAsync(root);
            var page = await browser.NewPageAsync();
            await page.GotoAsync(host.Url("/catalog/packages/gallery"));
            var thumbs = page.Locator("#screenshots .thumb");
            await Assertions.Expect(thumbs).ToHaveCountAsync(3);
            await Assertions.Expect(thumbs.First.Locator("img")).ToHaveAttributeAsync("src", new System.Text.RegularExpressions.Regex("^/package/resource\\?url="));
            await GuiPages.TabToAsync(page, "#screenshots .thumb");
            await page.Keyboard.PressAsync("Enter");
            var viewer = page.Locator("dialog.viewer");
            await Assertions.Expect(viewer).ToBeVisibleAsync();
            await Assertions.Expect(viewer.Locator(".viewer-caption")).ToHaveTextAsync("Screenshot 1 of 3");
            await page.Keyboard.PressAsync("ArrowRight");
            await Assertions.Expect(viewer.Locator(".viewer-caption")).ToHaveTextAsync("Screenshot 2 of 3");
            await page.Keyboard.PressAsync("ArrowLeft");
            await page.Keyboard.PressAsync("ArrowLeft");
            await Assertions.Expect(viewer.Locator(".viewer-caption")).ToHaveTextAsync("Screenshot 3 of 3");
            await Assertions.Expect(viewer.Locator("img")).ToHaveAttributeAsync("alt", "gallery screenshot 3 of 3");
            await GuiPages.AssertAccessibleAsync(page, "screenshot viewer");
            await GuiBrowser.ScreenshotAsync(page, "screenshot-viewer");
            await page.Keyboard.PressAsync("Escape");
            await Assertions.Expect(viewer).ToBeHiddenAsync();
            await Assertions.Expect(thumbs.First).ToBeFocusedAsync();
            await Assertions.Expect(page.Locator("#information a[href='https://example.org/gallery']")).ToHaveCountAsync(1);
            await page.Context.CloseAsync();
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
