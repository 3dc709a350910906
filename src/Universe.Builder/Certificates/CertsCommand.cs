using System.CommandLine;

namespace Universe.Builder.Certificates;

/// <summary><c>universe certs renew &lt;bundle&gt; [--tls-dir DIR] [--name HOST]…</c>: reissues the generated server certificate.</summary>
public static class CertsCommand
{
    public static Command Create(BuilderConsole console, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(console);
        var bundle = new Argument<string>("bundle") { Description = "Bundle directory (its .tls directory holds the generated certificates)" };
        var directory = new Option<string?>("--tls-dir") { Description = "Directory of the generated CA and server certificate (default: <bundle>/.tls)" };
        var names = new Option<string[]>("--name") { Description = "Extra host name or IP address for the certificate (repeatable)" };
        var renew = new Command("renew", "Issue a new server certificate from the bundle's CA (and a new CA when it is within 30 days of its end)") { bundle, directory, names };
        renew.SetAction(async (parse, ct) =>
        {
            var tls = parse.GetValue(directory) ?? DefaultDirectory(parse.GetValue(bundle)!);
            var expires = ServerCertificates.Renew(tls, parse.GetValue(names) ?? [], time);
            await console.Out.WriteLineAsync($"Renewed {Path.Combine(tls, ServerCertificates.ServerFile)}: valid until {expires:yyyy-MM-dd HH:mm} UTC; CA {Path.Combine(tls, ServerCertificates.CaFile)}");
            return ExitCodes.Success;
        });
        return new Command("certs", "Manage the TLS certificates of `universe serve <bundle>`") { renew };
    }

    public static string DefaultDirectory(string bundle) => Path.Combine(bundle, ".tls");
}
