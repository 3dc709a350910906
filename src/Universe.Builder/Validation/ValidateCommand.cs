using System.CommandLine;

namespace Universe.Builder.Validation;

/// <summary><c>universe validate --repository DIR [--format text|json] [--warnings-as-errors]</c> (parsing only).</summary>
public static class ValidateCommand
{
    public static Command Create(Func<ValidateArgs, CancellationToken, Task<int>> run)
    {
        var repository = new Option<string>("--repository")
        {
            Description = "The universe tree: a directory holding repo/packages, packages/, or the packages directory itself",
            Required = true,
        };
        var format = new Option<FindingFormat>("--format")
        {
            Description = "text: one finding per line (path:line: error|warning: code: message); json: one document",
            DefaultValueFactory = _ => FindingFormat.Text,
        };
        var warningsAsErrors = new Option<bool>("--warnings-as-errors") { Description = "Exit 1 on warnings too (for CI)" };
        var command = new Command("validate", "Check a universe tree: upstream CI's rules as errors, install-time problems as warnings")
        {
            repository, format, warningsAsErrors,
        };
        command.SetAction((parse, ct) => run(new ValidateArgs(parse.GetValue(repository)!, parse.GetValue(format), parse.GetValue(warningsAsErrors)), ct));
        return command;
    }
}
