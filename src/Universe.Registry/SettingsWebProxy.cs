using System.Net;

namespace Universe.Registry;

/// <summary>The <see cref="IWebProxy"/> over <see cref="ProxySettings"/>: its routing, and credentials read at each use.</summary>
internal sealed class SettingsWebProxy(ProxySettings settings) : IWebProxy
{
    public ICredentials? Credentials
    {
        get => new FreshCredentials(settings);
        set => throw new NotSupportedException("Proxy credentials come from the proxy settings");
    }

    public Uri? GetProxy(Uri destination) => settings.GetProxy(destination);

    public bool IsBypassed(Uri host) => settings.GetProxy(host) is null;

    private sealed class FreshCredentials(ProxySettings settings) : ICredentials
    {
        public NetworkCredential? GetCredential(Uri uri, string authType) => settings.ReadCredentials(uri);
    }
}
