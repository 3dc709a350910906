using Universe.Cosmos.Tests.Http;
using static Universe.Cosmos.Tests.Catalog.InMemoryPackageCatalog;

namespace Universe.Cosmos.Tests.Catalog;

/// <summary>Cosmos over two in-memory repositories (index 0 and 1) with packages covering the catalog rules.</summary>
public sealed class CatalogApplicationFactory : CosmosApplicationFactory
{
    public const string HelloTemplate = "eyJpZCI6ICJoZWxsb3dvcmxkIn0="; // {"id": "helloworld"}

    public CatalogApplicationFactory()
    {
        Catalog = new InMemoryPackageCatalog(
            [
                Package("helloworld", "0.1.0", 0, """
                    {"packagingVersion":"2.0","description":"Example DCOS application package","tags":["example"],
                     "marathon":{"v2AppMustacheTemplate":"TEMPLATE"},"command":{"pip":["dcos<1.0"]},
                     "resource":{"images":{"icon-small":"https://example.com/small.png"}}}
                    """.Replace("TEMPLATE", HelloTemplate, StringComparison.Ordinal)),
                Package("helloworld", "0.4.2", 5, """
                    {"packagingVersion":"4.0","description":"Example DCOS application package","tags":["example","subcommand"],
                     "website":"https://example.com","unknownField":"dropped","lastUpdated":1500,
                     "marathon":{"v2AppMustacheTemplate":"TEMPLATE"},
                     "resource":{"assets":{"uris":{"jar":"https://example.com/a.jar"},"container":{"docker":{"img":"mesosphere/hello:1"}}},
                                 "images":{"icon-small":"https://example.com/small.png","screenshots":["https://example.com/s1.png"]},
                                 "cli":{"binaries":{"linux":{"x86-64":{"kind":"executable","url":"https://example.com/cli","contentHash":[]}}}}},
                     "config":{"type":"object","properties":{}}}
                    """.Replace("TEMPLATE", HelloTemplate, StringComparison.Ordinal)),
                Package("updatable", "1.0", 1, """{"packagingVersion":"4.0","upgradesFrom":["*"]}"""),
                Package("managed", "1.0", 1, """{"packagingVersion":"5.0","manager":{"packageName":"cosmos-manager"}}"""),
                Package("cassandra", "1.0.6", 8, """{"description":"Apache Cassandra running on DC/OS","tags":["data","database","nosql"],"selected":true,"framework":true}"""),
                Package("cassandra", "0.2.0-1", 0, """{"description":"old cassandra","tags":["data"],"selected":true,"framework":true}"""),
            ],
            [
                Package("helloworld", "9.9", 100, """{"description":"From the second repository"}"""),
                Package("kafka", "2.0", 3, """{"description":"Apache Kafka","tags":["message","queue"]}"""),
            ]);
    }
}
