using Microsoft.Playwright;

namespace Universe.Cosmos.Tests.Gui;

/// <summary>Package text never runs as script; the token flow asks once, keeps the token for the session, sends it.</summary>
[Collection(GuiTestGroup.Name)]
public sealed class GuiSecurityTests(GuiBrowser browser)
{
    private const string Token = "gui-test-token-7d1e";

    [GuiFact]
    public async Task HostilePackage_ScriptLinksAndHandlers_AreNeutralisedOnEveryPage()
    {
        var root = Path.Combine(Path.GetTempPath(), "gui-hostile-" + Guid.NewGuid().ToString("N"));
        await using var host = await GuiHost.StartAsync(HostilePackage.Write(root));
        try
        {
            var page = await browser.NewPageAsync();
            await page.GotoAsync(host.Url("/"));
            var tile = page.Locator("#results > li", new() { HasText = HostilePackage.Name });
            await Assertions.Expect(tile).ToHaveCountAsync(1);
            await Assertions.Expect(tile.Locator("img")).ToHaveAttributeAsync("data-fallback", "true");
            await AssertInertAsync(page, "catalog");

            await tile.Locator("a").ClickAsync();
            var description = page.Locator("#description");
            await Assertions.Expect(description).ToContainTextAsync("Plain <script>window.__pwned = 'script'</script> text");
            await Assertions.Expect(description.Locator("h3")).ToContainTextAsync("Hostile <script>");
            await Assertions.Expect(description.Locator("a")).ToHaveCountAsync(2);
            await Assertions.Expect(description.Locator("a").First).ToHaveAttributeAsync("href", "https://example.org/docs");
            await Assertions.Expect(description.Locator("a").Nth(1)).ToHaveAttributeAsync("href", "mailto:ops@example.org");
            await Assertions.Expect(description.Locator(".blocked-link")).ToHaveCountAsync(6);
            await Assertions.Expect(description.Locator("pre code")).ToHaveTextAsync("<script>window.__pwned = 'code'</script>");
            await Assertions.Expect(page.Locator("#information")).ToContainTextAsync("javascript:window.__pwned='maintainer'");
            await Assertions.Expect(page.Locator("#licences")).ToContainTextAsync("<b onmouseover=");
            await Assertions.Expect(page.Locator("#tags")).ToContainTextAsync("<script>window.__pwned='tag'</script>");
            await GuiBrowser.ScreenshotAsync(page, "hostile-detail");
            await AssertInertAsync(page, "detail");

            if (await page.Locator("#screenshots button").CountAsync() > 0)
            {
                await page.Locator("#screenshots button").First.ClickAsync();
                await page.Keyboard.PressAsync("ArrowRight");
                await page.Keyboard.PressAsync("Escape");
                await AssertInertAsync(page, "screenshot viewer");
            }

            await page.ClickAsync("text=Review & install");
            await Assertions.Expect(page.Locator("#install-_service_name")).ToHaveValueAsync("\"><script>window.__pwned='default'</script>");
            await Assertions.Expect(page.Locator("label[for=install-_service_name]")).ToContainTextAsync("<script>window.__pwned='title'</script>");
            await Assertions.Expect(page.Locator(".validation-status")).ToHaveTextAsync("Options are valid.");
            await page.ClickAsync("#review-button");
            await Assertions.Expect(page.Locator("#rendered-app")).ToContainTextAsync("window.__pwned='default'");
            await Assertions.Expect(page.Locator("section.notice.warning")).ToContainTextAsync("<script>window.__pwned='pre'</script>");
            await AssertInertAsync(page, "install review");
            await page.Context.CloseAsync();
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [GuiFact]
    public async Task Token_AskedOnceKeptForTheSessionAndSent_401ShownWithoutIt()
    {
        await using var host = await GuiHost.StartAsync(settings: new Dictionary<string, string?> { ["Cosmos:Auth:Token"] = Token });
        var page = await browser.NewPageAsync();
        var authorizations = new List<string>();
        page.Request += (_, request) =>
        {
            if (request.Method == "POST" && request.Url.Contains("/package/repository/add", StringComparison.Ordinal))
            {
                authorizations.Add(request.Headers.TryGetValue("authorization", out var value) ? value : "(none)");
            }
        };
        await page.GotoAsync(host.Url("/repositories"));
        var dialog = page.Locator("#token-dialog");
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#token-input")).ToBeFocusedAsync();
        await GuiPages.AssertAccessibleAsync(page, "token dialog");
        await GuiBrowser.ScreenshotAsync(page, "token-dialog");
        await page.ClickAsync("#token-dialog button[value=cancel]");
        await Assertions.Expect(dialog).ToBeHiddenAsync();

        var repo = Path.Combine(Path.GetTempPath(), "gui-token-repo-" + Guid.NewGuid().ToString("N"));
        HostilePackage.Write(repo);
        try
        {
            await page.FillAsync("input[name=name]", "second");
            await page.FillAsync("input[name=uri]", repo);
            await page.ClickAsync("text=Add repository");
            var alert = page.Locator(".repo-form [role=alert]");
            await Assertions.Expect(alert).ToContainTextAsync("Authorization: Bearer");
            await Assertions.Expect(alert).ToContainTextAsync("HTTP 401");
            await GuiBrowser.ScreenshotAsync(page, "token-401");

            await page.ClickAsync(".repo-form button:has-text('Enter token')");
            await page.FillAsync("#token-input", Token);
            await page.ClickAsync("#token-dialog button[value=save]");
            await Assertions.Expect(page.Locator("#token-button")).ToHaveTextAsync("Token set");
            await page.FillAsync("input[name=name]", "second");
            await page.FillAsync("input[name=uri]", repo);
            await page.FillAsync("input[name=index]", "0");
            await page.ClickAsync("text=Add repository");
            await Assertions.Expect(page.Locator("tr[data-repository]").First).ToHaveAttributeAsync("data-repository", "second");
            await Assertions.Expect(page.Locator("tr[data-repository]")).ToHaveCountAsync(2);
            Assert.Equal(["(none)", "Bearer " + Token], authorizations);
            Assert.Equal(Token, await page.EvaluateAsync<string>("() => sessionStorage.getItem('universe.cosmos.token')"));
            Assert.Null(await page.EvaluateAsync<string?>("() => localStorage.getItem('universe.cosmos.token')"));

            await page.ReloadAsync();
            await Assertions.Expect(page.Locator("tr[data-repository=second]")).ToHaveCountAsync(1);
            await Assertions.Expect(dialog).ToBeHiddenAsync();
            await page.ClickAsync("tr[data-repository=second] button:has-text('Remove')");
            await page.ClickAsync("#confirm-remove");
            await Assertions.Expect(page.Locator("tr[data-repository=second]")).ToHaveCountAsync(0);

            var other = await browser.NewPageAsync();
            await other.GotoAsync(host.Url("/repositories"));
            await Assertions.Expect(other.Locator("#token-dialog")).ToBeVisibleAsync();
            await other.Context.CloseAsync();
        }
        finally
        {
            Directory.Delete(repo, recursive: true);
        }

        await page.Context.CloseAsync();
    }

    private static async Task AssertInertAsync(IPage page, string where)
    {
        Assert.Null(await page.EvaluateAsync<string?>("() => window.__pwned ?? null"));
        Assert.Equal(1, await page.EvaluateAsync<int>("() => document.scripts.length"));
        Assert.Equal(0, await page.EvaluateAsync<int>("() => document.querySelectorAll('main iframe, main object, main embed, main style, main svg, main script').length"));
        var handlers = await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('*')].flatMap(e => [...e.attributes].filter(a => /^on/i.test(a.name)).map(a => e.tagName + ' ' + a.name))");
        Assert.True(handlers.Length == 0, $"{where}: event handler attributes: {string.Join(", ", handlers)}");
        var links = await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('a[href]')].map(a => a.href).filter(h => !/^(https?:|mailto:)/.test(h))");
        Assert.True(links.Length == 0, $"{where}: links with other schemes: {string.Join(", ", links)}");
        var images = await page.EvaluateAsync<string[]>("() => [...document.images].map(i => i.src).filter(s => s && new URL(s).origin !== location.origin)");
        Assert.True(images.Length == 0, $"{where}: images from elsewhere: {string.Join(", ", images)}");
        Assert.Empty(await GuiPages.CspViolationsAsync(page));
    }
}
