namespace Universe.Cli.Commands.Marathon;

/// <summary>The actions of <c>dcos marathon app start|stop|restart|update|kill</c>.</summary>
internal sealed record MarathonAppLifecycleActions(
    Func<AppStartArgs, CancellationToken, Task<int>> Start,
    Func<AppStopArgs, CancellationToken, Task<int>> Stop,
    Func<AppRestartArgs, CancellationToken, Task<int>> Restart,
    Func<AppUpdateArgs, CancellationToken, Task<int>> Update,
    Func<AppKillArgs, CancellationToken, Task<int>> Kill);
