using System.Runtime.Versioning;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Universe.Runtime.Tasks;

namespace Universe.Runtime.Tests.Tasks;

[SupportedOSPlatform("linux")]
public sealed class TaskExecutorServiceCollectionExtensionsTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "rtexec-di-" + Guid.NewGuid().ToString("N"));

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddOptions<RuntimeOptions>().BindConfiguration(RuntimeOptions.SectionName);
        services.AddTaskExecutor();
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task AddTaskExecutor_RuntimeDataDirectory_SandboxesUnderIt()
    {
        await using var provider = Build(new() { ["Runtime:DataDirectory"] = _data, ["Runtime:Tasks:Cgroups"] = "none" });

        var executor = provider.GetRequiredService<ITaskExecutor>();
        var options = provider.GetRequiredService<IOptions<TaskExecutorOptions>>().Value;

        Assert.IsType<LocalTaskExecutor>(executor);
        Assert.Equal(_data, options.DataDirectory);
        Assert.True(Directory.Exists(Path.Combine(_data, "sandboxes")));
        Assert.Equal("none", executor.Isolation.Mode);
    }

    [Fact]
    public async Task AddTaskExecutor_TasksSection_OverridesPaths()
    {
        var sandboxes = Path.Combine(_data, "elsewhere");
        await using var provider = Build(new() { ["Runtime:DataDirectory"] = _data, ["Runtime:Tasks:SandboxRoot"] = sandboxes, ["Runtime:Tasks:Cgroups"] = "none" });

        provider.GetRequiredService<ITaskExecutor>();

        Assert.True(Directory.Exists(sandboxes));
    }

    [Fact]
    public async Task AddTaskExecutor_InvalidCgroupsValue_FailsValidation()
    {
        await using var provider = Build(new() { ["Runtime:DataDirectory"] = _data, ["Runtime:Tasks:Cgroups"] = "sometimes" });

        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<TaskExecutorOptions>>().Value);
    }

    public void Dispose()
    {
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }
}
