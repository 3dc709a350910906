using System.Text.Json;
using Microsoft.Playwright;

namespace Universe.Cosmos.Tests.Gui;

/// <summary>Helpers the GUI tests share: axe-core checks, keyboard navigation, page-safety assertions.</summary>
internal static class GuiPages
{
    private static readonly Lazy<string> AxeSource = new(() => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Gui", "vendor", "axe.min.js")));

    /// <summary>Runs axe-core (WCAG 2.0/2.1/2.2 A and AA rules) on the page; returns the serious and critical violations.</summary>
    public static async Task<IReadOnlyList<string>> SeriousAxeViolationsAsync(IPage page)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe !== 'undefined'"))
        {
            await page.EvaluateAsync(AxeSource.Value);
        }

        var json = await page.EvaluateAsync<string>(@"async () => {
            const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } });
            if (r.passes.length < 10) return JSON.stringify(['axe-core checked only ' + r.passes.length + ' rules: it did not run on this page']);
            return JSON.stringify(r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
              .map(v => v.id + ' (' + v.impact + '): ' + v.help + ' at ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')));
        }");
        return JsonSerializer.Deserialize<string[]>(json) ?? [];
    }

    public static async Task AssertAccessibleAsync(IPage page, string what)
    {
        var violations = await SeriousAxeViolationsAsync(page);
        Assert.True(violations.Count == 0, $"{what}: axe-core serious/critical violations:\n" + string.Join("\n", violations));
    }

    /// <summary>Presses Tab (Shift+Tab when backwards) until the focused element matches <paramref name="selector"/>.</summary>
    public static async Task TabToAsync(IPage page, string selector, int max = 80, bool backwards = false)
    {
        for (var i = 0; i < max; i++)
        {
            if (await page.EvaluateAsync<bool>("s => !!document.activeElement && document.activeElement.matches(s)", selector))
            {
                return;
            }

            await page.Keyboard.PressAsync(backwards ? "Shift+Tab" : "Tab");
        }

        var focused = await page.EvaluateAsync<string>("() => document.activeElement ? document.activeElement.outerHTML.slice(0, 200) : 'none'");
        throw new Xunit.Sdk.XunitException($"Tab never reached {selector} in {max} presses (focus is on {focused})");
    }

    /// <summary>The page ran no injected script: no CSP violation was reported and the hostile flags are unset.</summary>
    public static async Task<string[]> CspViolationsAsync(IPage page) =>
        await page.EvaluateAsync<string[]>("() => window.__csp || []");
}
