// GUI speed bench: Cosmos on loopback with a universe tree (default ../shared/universe-upstream) as its repository,
// Debian's Chromium through Playwright. Reports, per cold page load: first paint of the catalog tiles, the transfer of
// the catalog page excluding icons; and per keystroke of a search typed with Playwright's keyboard: the time from
// keydown to the first frame after the results changed.
// Usage: dotnet run --project bench/Gui.Bench -c Release -- [--repo DIR] [--runs N] [--query TEXT]
using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;
using Universe.Cosmos.Testing;

var repo = Arg("--repo") ?? FindUpstream() ?? throw new InvalidOperationException("No --repo and no ../shared/universe-upstream found");
var runs = int.Parse(Arg("--runs") ?? "5", CultureInfo.InvariantCulture);
var query = Arg("--query") ?? "cassandra";
var data = Path.Combine(Path.GetTempPath(), "gui-bench-" + Guid.NewGuid().ToString("N"));
Directory.CreateDirectory(data);

var (app, baseAddress) = await LoopbackCosmos.StartAsync(data, new Dictionary<string, string?>
{
    ["Cosmos:DataDirectory"] = data,
    ["Cosmos:DefaultRepositoryUri"] = repo,
    ["Runtime:LocalAgent:Enabled"] = "false",
    ["Runtime:SimulatedAgents:Count"] = "1",
});
await using var _ = app;
var baseUrl = baseAddress.ToString().TrimEnd('/');

using var playwright = await Playwright.CreateAsync();
await using var browser = await HeadlessChromium.LaunchAsync(playwright);

// Warm-up: the first load makes Cosmos read the repository; it is reported apart.
var warm = System.Diagnostics.Stopwatch.StartNew();
await MeasureLoadAsync(browser, baseUrl);
Console.WriteLine($"repository: {repo}");
Console.WriteLine($"first load (Cosmos reads the repository): {warm.ElapsedMilliseconds} ms");

var paints = new List<double>();
var transfers = new List<long>();
var tiles = 0;
Dictionary<string, long>? files = null;
for (var i = 0; i < runs; i++)
{
    var (paint, transfer, count, byFile) = await MeasureLoadAsync(browser, baseUrl);
    paints.Add(paint);
    transfers.Add(transfer);
    tiles = count;
    files = byFile;
}

Console.WriteLine($"tiles: {tiles}");
Console.WriteLine($"first paint of tiles (navigation start → first frame with the tiles), {runs} cold loads: median {Median(paints):0} ms, max {paints.Max():0} ms");
Console.WriteLine($"catalog page transfer excluding icons: {transfers.Max() / 1024.0:0.0} KB");
foreach (var (name, size) in files!.OrderByDescending(f => f.Value))
{
    Console.WriteLine($"  {size,8} B  {name}");
}

var latencies = await MeasureTypingAsync(browser, baseUrl, query);
Console.WriteLine($"search typing \"{query}\" ({latencies.Count} keystrokes, keydown → first frame with new results): median {Median(latencies):0.0} ms, max {latencies.Max():0.0} ms");
Console.WriteLine("  per keystroke: " + string.Join(", ", latencies.Select(l => l.ToString("0.0", CultureInfo.InvariantCulture))));

await app.StopAsync();
Directory.Delete(data, recursive: true);
return 0;

static async Task<(double Paint, long Transfer, int Tiles, Dictionary<string, long> Files)> MeasureLoadAsync(IBrowser browser, string baseUrl)
{
    await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
    var page = await context.NewPageAsync();
    await page.AddInitScriptAsync("new MutationObserver(() => { if (!window.__tiles && document.querySelector('#results > li')) { window.__tiles = performance.now(); requestAnimationFrame(() => requestAnimationFrame(() => { window.__painted = performance.now(); })); } }).observe(document, { childList: true, subtree: true });");
    await page.GotoAsync(baseUrl + "/", new PageGotoOptions { WaitUntil = WaitUntilState.Load });
    await page.WaitForFunctionAsync("() => window.__painted !== undefined", null, new PageWaitForFunctionOptions { Timeout = 60000 });
    await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    var json = await page.EvaluateAsync<string>(@"() => JSON.stringify({
        paint: window.__painted,
        tiles: document.querySelectorAll('#results > li').length,
        entries: [performance.getEntriesByType('navigation')[0], ...performance.getEntriesByType('resource')]
          .filter(e => !e.name.includes('/package/resource'))
          .map(e => [new URL(e.name).pathname, e.transferSize]) })");
    using var doc = JsonDocument.Parse(json);
    var files = new Dictionary<string, long>();
    foreach (var entry in doc.RootElement.GetProperty("entries").EnumerateArray())
    {
        var name = entry[0].GetString()!;
        files[name] = files.GetValueOrDefault(name) + entry[1].GetInt64();
    }

    return (doc.RootElement.GetProperty("paint").GetDouble(), files.Values.Sum(), doc.RootElement.GetProperty("tiles").GetInt32(), files);
}

static async Task<List<double>> MeasureTypingAsync(IBrowser browser, string baseUrl, string text)
{
    await using var context = await browser.NewContextAsync();
    var page = await context.NewPageAsync();
    await page.AddInitScriptAsync(@"window.__lat = [];
        document.addEventListener('keydown', () => { window.__kd = performance.now(); }, true);
        document.addEventListener('input', () => { const t = window.__kd; requestAnimationFrame(() => window.__lat.push(performance.now() - t)); });");
    await page.GotoAsync(baseUrl + "/");
    await page.WaitForSelectorAsync("#results > li");
    await page.FocusAsync("input[type=search]");
    var typed = string.Empty;
    foreach (var ch in text)
    {
        typed += ch;
        await page.Keyboard.PressAsync(ch.ToString());
        await page.WaitForFunctionAsync("q => document.querySelector('#results').dataset.query === q", typed);
        await page.WaitForFunctionAsync("n => window.__lat.length >= n", typed.Length);
    }

    return [.. await page.EvaluateAsync<double[]>("() => window.__lat")];
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}

string? Arg(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

static string? FindUpstream()
{
    for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
    {
        var candidate = Path.Combine(dir.FullName, "shared", "universe-upstream");
        if (Directory.Exists(Path.Combine(candidate, "repo", "packages")))
        {
            return candidate;
        }
    }

    return null;
}
