using System.CommandLine;

namespace Universe.Builder.Serving;

/// <summary><c>universe serve --repository DIR|BUILT_DIR [--urls URL[;URL…]]</c> (parsing only).</summary>
public static class ServeCommand
{
    public static Command Create(Func<ServeArgs, CancellationToken, Task<int>> run)
    {
        var repository = new Option<string?>("--repository")
        {
            Description = "A universe tree (rebuilt in memory when it changes) or a directory written by `universe build`",
        };
        var bundle = new Argument<string?>("bundle") { Description = "A mirror bundle directory (instead of --repository)", Arity = ArgumentArity.ZeroOrOne };
        var publicUrl = new Option<string?>("--public-url") { Description = "With a bundle: the URL clusters use to reach this server (URLs and images are rewritten to it; default: the bound address)" };
        var tlsCert = new Option<string?>("--tls-cert") { Description = "With a bundle and an https URL: PEM certificate (chain) to serve" };
        var tlsKey = new Option<string?>("--tls-key") { Description = "PEM private key of --tls-cert" };
        var tlsDir = new Option<string?>("--tls-dir") { Description = "Where the generated CA and server certificate live (default: <bundle>/.tls)" };
        var urls = new Option<string>("--urls")
        {
            Description = "Where to listen, ';'-separated (port 0 picks a free port; the bound URL is printed)",
            DefaultValueFactory = _ => "http://127.0.0.1:8080",
        };
        var command = new Command("serve", "Serve repo files like the Universe server: /repo negotiated by Accept and User-Agent, /package/<name>.json, ETag, gzip")
        {
            repository, urls, bundle, publicUrl, tlsCert, tlsKey, tlsDir,
        };
        command.Validators.Add(result =>
        {
            if ((result.GetValue(repository) is null) == (result.GetValue(bundle) is null))
            {
                result.AddError("Give either --repository DIR or a bundle directory");
            }

            if (result.GetValue(bundle) is { } b && b.StartsWith('-'))
            {
                result.AddError($"Unrecognized command or argument '{b}'.");
            }
        });
        command.SetAction((parse, ct) => run(
            new ServeArgs(
                parse.GetValue(repository) ?? parse.GetValue(bundle)!,
                (parse.GetValue(urls) ?? string.Empty).Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
                parse.GetValue(bundle) is { } b ? new BundleServeOptions(b, parse.GetValue(publicUrl), parse.GetValue(tlsCert), parse.GetValue(tlsKey), parse.GetValue(tlsDir)) : null),
            ct));
        return command;
    }
}
