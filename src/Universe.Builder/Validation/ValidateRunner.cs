namespace Universe.Builder.Validation;

/// <summary>Runs <c>universe validate</c>: findings to stdout, the summary to stderr (text) or inside the document (JSON).</summary>
public sealed class ValidateRunner(BuilderConsole console)
{
    public async Task<int> RunAsync(ValidateArgs args, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ValidationResult result;
        try
        {
            result = TreeValidator.Validate(args.Repository, ValidationOptions.Full, cancellationToken);
        }
        catch (DirectoryNotFoundException e)
        {
            await console.Error.WriteLineAsync($"Error: {e.Message}");
            return ExitCodes.Usage;
        }

        if (args.Format == FindingFormat.Json)
        {
            await FindingWriter.WriteJsonAsync(result, console.Out, cancellationToken);
        }
        else
        {
            await FindingWriter.WriteTextAsync(result, console.Out, cancellationToken);
            await console.Error.WriteLineAsync(FindingWriter.Summary(result));
        }

        return result.Errors > 0 || (args.WarningsAsErrors && result.Warnings > 0) ? ExitCodes.Findings : ExitCodes.Success;
    }
}
