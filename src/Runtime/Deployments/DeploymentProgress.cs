using System.Text.Json.Nodes;
using Universe.Runtime.Events;
using Universe.Runtime.Storage;
using Universe.Runtime.Tasks;

namespace Universe.Runtime.Deployments;

/// <summary>
/// Moves deployments through their steps: a step is done when each of its apps is stopped, or runs exactly its
/// instances, all on the current configuration, running and (with health checks) healthy. Finished deployments
/// disappear and publish <c>deployment_success</c>.
/// </summary>
internal sealed class DeploymentProgress(RuntimeState state, RuntimeStore store, EventBus events)
{
    /// <summary>Caller holds the state lock. True when a deployment advanced or finished.</summary>
    public bool Advance()
    {
        var changed = false;
        foreach (var deployment in state.Deployments.Values.OrderBy(d => d.Sequence).ToList())
        {
            var advanced = false;
            while (deployment.CurrentStep < deployment.Steps.Count && deployment.Steps[deployment.CurrentStep].All(IsDone))
            {
                events.Publish("deployment_step_success", DeploymentJson.EventPlan(deployment));
                deployment.CurrentStep++;
                advanced = true;
            }

            if (deployment.CurrentStep >= deployment.Steps.Count)
            {
                store.DeleteDeployment(deployment.Id);
                state.Deployments.Remove(deployment.Id);
                events.Publish("deployment_success", new JsonObject { ["id"] = deployment.Id, ["plan"] = DeploymentJson.Plan(deployment) });
                changed = true;
            }
            else if (advanced)
            {
                store.SaveDeployment(deployment);
                changed = true;
            }
        }

        return changed;
    }

    private bool IsDone(DeploymentAction action)
    {
        var tasks = state.TasksOf(action.App).Where(t => t.IsActive).ToList();
        if (action.Action == "StopApplication")
        {
            return tasks.Count == 0;
        }

        if (action.Action == "StartApplication" || !state.Apps.TryGetValue(action.App, out var app))
        {
            return true;
        }

        var hasHealthChecks = app.HealthChecks.Count > 0;
        return tasks.Count == app.Instances
            && tasks.All(t => t.ConfigVersion == app.LastConfigChangeAt && t.State == TaskState.Running && !t.KillRequested
                              && (!hasHealthChecks || t.Healthy == true));
    }
}
