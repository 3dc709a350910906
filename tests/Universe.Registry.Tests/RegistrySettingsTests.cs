using Microsoft.Extensions.Configuration;

namespace Universe.Registry.Tests;

public sealed class RegistrySettingsTests
{
    [Fact]
    public void FromConfiguration_HostsWithAndWithoutPorts_Bound()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Runtime:Registries:docker.io:Mirror"] = "http://127.0.0.1:5000",
            ["Runtime:Registries:quay.io:Username"] = "robot",
            ["Runtime:Registries:quay.io:PasswordFile"] = "/run/quay",
            ["Runtime:Registries:quay.io:CaFile"] = "/etc/ca.pem",
            ["Runtime:Registries:127.0.0.1:5000:Insecure"] = "true",
            ["Runtime:Registries:alias:Host"] = "registry.local:8443",
            ["Runtime:Registries:alias:Username"] = "u",
        }).Build();

        var settings = RegistrySettings.FromConfiguration(config.GetSection("Runtime:Registries"));

        Assert.Equal("http://127.0.0.1:5000", settings.Find("docker.io")!.Mirror);
        Assert.Same(settings.Find("docker.io"), settings.Find("registry-1.docker.io"));
        Assert.Equal("robot", settings.Find("quay.io")!.Username);
        Assert.Equal("/etc/ca.pem", settings.Find("QUAY.IO")!.CaFile);
        Assert.True(settings.Find("127.0.0.1:5000")!.Insecure);
        Assert.Equal("u", settings.Find("registry.local:8443")!.Username);
        Assert.Null(settings.Find("gcr.io"));
    }

    [Fact]
    public void ReadPassword_File_ReReadAndNotPrinted()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "one\n");
            var host = new RegistryHostSettings { Username = "u", PasswordFile = file, Password = "inline-secret" };

            var first = host.ReadPassword();
            File.WriteAllText(file, "two\r\n");

            Assert.Equal("one", first);
            Assert.Equal("two", host.ReadPassword());
            Assert.DoesNotContain("inline-secret", host.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain("two", host.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
