using System.Text.Json.Nodes;
using Universe.Runtime.Apps;
using Universe.Runtime.Scheduling;
using Universe.Runtime.Tasks;

namespace Universe.Runtime.Tests.Scheduling;

public sealed class AppTaskPlannerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Plan_FewerTasksThanInstances_LaunchesTheDifference()
    {
        var app = App(instances: 3, config: "v1");

        var plan = AppTaskPlanner.Plan(app, [Task("t1", "v1")]);

        Assert.Equal(2, plan.Launch);
        Assert.Empty(plan.Kill);
    }

    [Fact]
    public void Plan_MoreTasksThanInstances_KillsYoungestFirst()
    {
        var app = App(instances: 1, config: "v1");

        var plan = AppTaskPlanner.Plan(app, [Task("old", "v1", ageSeconds: 100), Task("young", "v1", ageSeconds: 1)]);

        Assert.Equal(["young"], plan.Kill.Select(t => t.Id));
        Assert.Equal(0, plan.Launch);
    }

    [Fact]
    public void Plan_ConfigChangeWithDefaultStrategy_StartsAllNewBeforeKillingOld()
    {
        var app = App(instances: 2, config: "v2");

        var plan = AppTaskPlanner.Plan(app, [Task("a", "v1"), Task("b", "v1")]);

        Assert.Equal(2, plan.Launch);
        Assert.Empty(plan.Kill);
    }

    [Fact]
    public void Plan_ConfigChangeWithNewTasksReady_KillsOldTasks()
    {
        var app = App(instances: 2, config: "v2");

        var plan = AppTaskPlanner.Plan(app, [Task("a", "v1"), Task("b", "v1"), Task("c", "v2"), Task("d", "v2")]);

        Assert.Equal(["a", "b"], plan.Kill.Select(t => t.Id).Order());
        Assert.Equal(0, plan.Launch);
    }

    [Fact]
    public void Plan_MinimumHealthHalfNoOverCapacity_KillsHalfThenReplaces()
    {
        var app = App(instances: 4, config: "v2", minimumHealth: 0.5, maximumOver: 0);

        var plan = AppTaskPlanner.Plan(app, [Task("a", "v1", 4), Task("b", "v1", 3), Task("c", "v1", 2), Task("d", "v1", 1)]);

        Assert.Equal(["a", "b"], plan.Kill.Select(t => t.Id));
        Assert.Equal(2, plan.Launch);
    }

    [Fact]
    public void Plan_FullHealthNoOverCapacity_ReplacesOneAtATime()
    {
        var app = App(instances: 2, config: "v2", minimumHealth: 1, maximumOver: 0);

        var plan = AppTaskPlanner.Plan(app, [Task("a", "v1", 2), Task("b", "v1", 1)]);

        Assert.Equal(["a"], plan.Kill.Select(t => t.Id));
        Assert.Equal(0, plan.Launch);
    }

    [Fact]
    public void Plan_HealthChecksExceeded_ReportsUnhealthyAndLaunchesReplacement()
    {
        var app = App(instances: 1, config: "v1");

        var plan = AppTaskPlanner.Plan(app, [Task("sick", "v1") with { Healthy = false, HealthExceeded = true }]);

        Assert.Equal(["sick"], plan.Unhealthy.Select(t => t.Id));
        Assert.Equal(1, plan.Launch);
    }

    [Fact]
    public void Plan_TaskBeingKilled_IsNotCounted()
    {
        var app = App(instances: 1, config: "v1");

        var plan = AppTaskPlanner.Plan(app, [Task("going", "v1") with { State = TaskState.Killing, KillRequested = true }]);

        Assert.Equal(1, plan.Launch);
        Assert.Empty(plan.Kill);
    }

    private static AppDefinition App(int instances, string config, double minimumHealth = 1, double maximumOver = 1)
    {
        var json = new JsonObject
        {
            ["id"] = "/app",
            ["cmd"] = "x",
            ["instances"] = instances,
            ["upgradeStrategy"] = new JsonObject { ["minimumHealthCapacity"] = minimumHealth, ["maximumOverCapacity"] = maximumOver },
            ["version"] = config,
            ["versionInfo"] = new JsonObject { ["lastConfigChangeAt"] = config, ["lastScalingAt"] = config },
        };
        return AppDefinition.FromNormalized(json);
    }

    private static TaskRecord Task(string id, string config, int ageSeconds = 10) => new()
    {
        Id = id,
        AppId = "/app",
        AgentId = "sim-1",
        Host = "sim-1",
        Role = "*",
        State = TaskState.Running,
        StagedAt = T0.AddSeconds(-ageSeconds),
        Version = config,
        ConfigVersion = config,
    };
}
