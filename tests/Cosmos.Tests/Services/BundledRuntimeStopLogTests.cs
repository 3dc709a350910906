using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Universe.Cosmos.Tests.Http;

namespace Universe.Cosmos.Tests.Services;

/// <summary>When Cosmos stops, the bundled Runtime's log says its tasks keep running and are re-adopted at the next start.</summary>
public sealed class BundledRuntimeStopLogTests
{
    [Fact]
    public async Task CosmosStops_WithATaskRunning_LogsThatTasksKeepRunningAndAreReadoptedAtTheNextStart()
    {
        var logs = new CapturingLoggerProvider();
        var factory = new CosmosApplicationFactory { DefaultRepositoryUri = BundledUniverse.RootPath, ConfigureServices = services => services.AddSingleton<ILoggerProvider>(logs) };
        factory.Settings["Runtime:LocalAgent:Enabled"] = "false";
        factory.Settings["Runtime:SimulatedAgents:Count"] = "1";
        factory.Settings["Runtime:AllocationIntervalMilliseconds"] = "50";
        try
        {
            using var client = factory.CreateClient();
            using (var created = await client.PostAsJsonAsync("/marathon/v2/apps", new { id = "/stays", cmd = "sleep 600", cpus = 0.1, mem = 16 }))
            {
                Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            }

            for (var attempt = 0; (int)(await client.GetFromJsonAsync<JsonNode>("/marathon/v2/apps/stays"))!["app"]!["tasksRunning"]! != 1; attempt++)
            {
                Assert.True(attempt < 500, "the task never ran");
                await Task.Delay(20);
            }

            Assert.DoesNotContain(logs.Lines, l => l.Contains("keep running", StringComparison.Ordinal));
        }
        finally
        {
            await factory.DisposeAsync();
        }

        Assert.Contains("Stopping: 1 task(s) keep running and will be re-adopted at the next start", logs.Lines);
    }

    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> _lines = new();

        public IReadOnlyList<string> Lines => [.. _lines];

        public ILogger CreateLogger(string categoryName) => new Logger(_lines);

        public void Dispose()
        {
        }

        private sealed class Logger(ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue(formatter(state, exception));
        }
    }
}
