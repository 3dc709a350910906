using System.CommandLine;

namespace Universe.Builder.Serving;

/// <summary><c>universe serve --repository DIR|BUILT_DIR [--urls URL[;URL…]]</c> (parsing only).</summary>
public static class ServeCommand
{
    public static Command Create(Func<ServeArgs, CancellationToken, Task<int>> run)
    {
        var repository = new Option<string>("--repository")
        {
            Description = "A universe tree (rebuilt in memory when it changes) or a directory written by `universe build`",
            Required = true,
        };
        var urls = new Option<string>("--urls")
        {
            Description = "Where to listen, ';'-separated (port 0 picks a free port; the bound URL is printed)",
            DefaultValueFactory = _ => "http://127.0.0.1:8080",
        };
        var command = new Command("serve", "Serve repo files like the Universe server: /repo negotiated by Accept and User-Agent, /package/<name>.json, ETag, gzip")
        {
            repository, urls,
        };
        command.SetAction((parse, ct) => run(
            new ServeArgs(parse.GetValue(repository)!, (parse.GetValue(urls) ?? string.Empty).Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)),
            ct));
        return command;
    }
}
