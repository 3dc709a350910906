namespace Universe.Builder;

/// <summary>The <c>universe</c> entry point: <c>build</c>, <c>validate</c>, <c>serve</c> (and the verbs added beside them).</summary>
public static class Program
{
    public static Task<int> Main(string[] args) =>
        BuilderApplication.InvokeAsync(BuilderConsole.System, args, CancellationToken.None);
}
