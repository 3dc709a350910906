using System.Text.Json.Nodes;
using Universe.Cosmos.Errors;
using Universe.Cosmos.Services;
using Universe.Cosmos.Services.Wire;

namespace Universe.Cosmos.Tests.Services;

public sealed class ServiceUpdateOptionsTests
{
    private static readonly JsonObject Stored = JsonNode.Parse("""{"hello":{"cpus":0.111,"disk":42}}""")!.AsObject();

    [Fact]
    public void Options_MergeBothPresent_ProvidedWinsDeeply()
    {
        var request = new ServiceUpdateRequest("/hello", false, Options: JsonNode.Parse("""{"hello":{"cpus":0.222}}""")!.AsObject());

        Assert.Equal("""{"hello":{"cpus":0.222,"disk":42}}""", ServiceUpdater.Options(request, Stored)!.ToJsonString());
    }

    [Fact]
    public void Options_MergeWithoutProvided_IsStored() =>
        Assert.Equal(Stored.ToJsonString(), ServiceUpdater.Options(new ServiceUpdateRequest("/hello", false), Stored)!.ToJsonString());

    [Fact]
    public void Options_MergeWithoutStored_ThrowsOptionsNotStored()
    {
        var error = Assert.Throws<CosmosException>(() => ServiceUpdater.Options(new ServiceUpdateRequest("/hello", false), null));

        Assert.Equal("OptionsNotStored", error.Error.Type);
    }

    [Fact]
    public void Options_Replace_IsExactlyProvided()
    {
        Assert.Null(ServiceUpdater.Options(new ServiceUpdateRequest("/hello", true), Stored));
        Assert.Equal("""{"a":1}""", ServiceUpdater.Options(new ServiceUpdateRequest("/hello", true, Options: new JsonObject { ["a"] = 1 }), null)!.ToJsonString());
    }
}
