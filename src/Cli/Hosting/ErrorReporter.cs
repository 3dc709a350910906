using System.Text.Json.Nodes;
using Universe.Cli.Http;
using Universe.Cli.Output;

namespace Universe.Cli.Hosting;

/// <summary>Prints failures as <c>Error: &lt;message&gt;</c> on stderr, with every schema error of a <c>JsonSchemaMismatch</c>.</summary>
public static class ErrorReporter
{
    public static void Report(TextWriter error, CliException exception, bool verbose)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(exception);
        if (exception is CosmosApiException cosmos)
        {
            error.WriteLine(verbose ? $"Error: {cosmos.Type}: {cosmos.Message}" : $"Error: {cosmos.Message}");
            WriteDetails(error, cosmos);
            if (verbose)
            {
                error.WriteLine($"(HTTP {(int)cosmos.Status}; data: {cosmos.ErrorData?.ToJsonString() ?? "none"})");
            }

            return;
        }

        error.WriteLine($"Error: {exception.Message}");
        if (verbose && exception.InnerException is { } inner)
        {
            error.WriteLine($"({inner.GetType().Name}: {inner.Message})");
        }
    }

    private static void WriteDetails(TextWriter error, CosmosApiException cosmos)
    {
        switch (cosmos.Type)
        {
            case "JsonSchemaMismatch":
                WriteSchemaErrors(error, cosmos.ErrorData?["errors"] as JsonArray ?? []);
                break;
            case "MarathonBadResponse" when (cosmos.ErrorData?["errors"]) is JsonArray details:
                foreach (var detail in details)
                {
                    error.WriteLine($"  {detail?.ToJsonString()}");
                }

                break;
            case "AmbiguousAppId":
                error.WriteLine("Please use --app-id to specify the ID of the app to uninstall, or use --all to uninstall all apps.");
                break;
            case "Unauthorized" when cosmos.Status == System.Net.HttpStatusCode.Unauthorized:
                error.WriteLine("Set the cluster token with 'dcos cluster setup <url> --token -' or DCOS_TOKEN.");
                break;
            case "PackageAlreadyInstalled" or "ServiceAlreadyStarted":
                error.WriteLine("Use --app-id to install another instance, or 'dcos package update <app-id>' to change its options.");
                break;
            default:
                break;
        }
    }

    /// <summary>One line per validator message: the instance JSON pointer, the message, the keyword and schema pointer.</summary>
    public static void WriteSchemaErrors(TextWriter error, JsonArray errors)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(errors);
        foreach (var item in errors.OfType<JsonObject>())
        {
            var message = JsonText.Str(item["message"]) ?? item.ToJsonString();
            var keyword = JsonText.Str(item["keyword"]);
            var schemaPointer = JsonText.Str(item["schema"]?["pointer"]);
            var instancePointer = JsonText.Str(item["instance"]?["pointer"]);
            var isPackageProblem = JsonText.Str(item["domain"]) == "syntax";
            var level = JsonText.Str(item["level"]) ?? "error";
            var where = isPackageProblem
                ? $"in the package's config schema{(string.IsNullOrEmpty(schemaPointer) ? string.Empty : " at " + schemaPointer)}"
                : $"at {(string.IsNullOrEmpty(instancePointer) ? "(root)" : instancePointer)}";
            var extras = new List<string>();
            if (keyword is not null)
            {
                extras.Add($"keyword: {keyword}");
            }

            if (!isPackageProblem && !string.IsNullOrEmpty(schemaPointer))
            {
                extras.Add($"schema: {schemaPointer}");
            }

            if (item["found"] is { } found)
            {
                extras.Add($"found: {found.ToJsonString()}");
            }

            if (item["expected"] is { } expected)
            {
                extras.Add($"expected: {expected.ToJsonString()}");
            }

            var prefix = level == "error" ? string.Empty : $"{level}: ";
            error.WriteLine($"  {prefix}{where}: {message}{(extras.Count > 0 ? $" ({string.Join("; ", extras)})" : string.Empty)}");
        }
    }
}
