using System.Net;
using System.Text.Json;
using Universe.Cosmos.Errors;
using Universe.Cosmos.Marathon;
using Universe.Cosmos.Marathon.Errors;

namespace Universe.Cosmos.Tests.Marathon;

public sealed class MarathonErrorsTests
{
    [Theory]
    [InlineData(401, "", "Unauthorized", 401)]
    [InlineData(403, "", "Forbidden", 403)]
    [InlineData(422, """{"message":"Object is not valid","details":[{"path":"/id","errors":["bad"]}]}""", "MarathonBadResponse", 400)]
    [InlineData(404, """{"message":"App '/x' does not exist"}""", "MarathonBadResponse", 400)]
    [InlineData(400, "not json", "MarathonGenericError", 500)]
    [InlineData(500, """{"message":"boom"}""", "MarathonBadGateway", 502)]
    [InlineData(503, "", "MarathonBadGateway", 502)]
    public void FromResponse_Status_MapsToCosmosError(int marathonStatus, string body, string expectedType, int expectedStatus)
    {
        var error = MarathonErrors.FromResponse((HttpStatusCode)marathonStatus, body);

        Assert.Equal(expectedType, error.Type);
        Assert.Equal(expectedStatus, (int)error.Status);
    }

    [Fact]
    public void FromResponse_MarathonMessageAndDetails_BecomeMessageAndErrors()
    {
        var error = MarathonErrors.FromResponse(HttpStatusCode.UnprocessableEntity,
            """{"message":"Object is not valid","details":[{"path":"/id","errors":["bad"]}]}""");

        var envelope = CosmosErrorWriter.ToResponse(error);
        Assert.Equal("Object is not valid", envelope.Message);
        Assert.Equal("""{"errors":[{"path":"/id","errors":["bad"]}]}""", JsonSerializer.Serialize(envelope.Data));
    }

    [Fact]
    public void Unreachable_Always_IsServiceUnavailableForMarathon()
    {
        var envelope = CosmosErrorWriter.ToResponse(MarathonErrors.Unreachable());

        Assert.Equal("ServiceUnavailable", envelope.Type);
        Assert.Equal("Unable to complete request due to service [marathon] unavailability", envelope.Message);
        Assert.Equal("""{"serviceName":"marathon","status":503}""", JsonSerializer.Serialize(envelope.Data));
    }

    [Fact]
    public void Forbidden_WithDestination_KeepsCosmosSpacing()
    {
        var error = new Forbidden("ResourceProxyHandler$", "https://www.google.com/");

        Assert.Equal("Unable to complete request due to Forbidden response from service [ResourceProxyHandler$] while accessinghttps://www.google.com/", error.Message);
    }
}
