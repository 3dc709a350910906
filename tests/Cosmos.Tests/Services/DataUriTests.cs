using System.Text;
using Universe.Cosmos.Services;

namespace Universe.Cosmos.Tests.Services;

public sealed class DataUriTests
{
    [Fact]
    public void TryParse_Base64WithPlus_DecodesExactBytes()
    {
        var bytes = new byte[] { 0xfb, 0xff, 0x00, 0x3e };
        var uri = "data:application/octet-stream;base64," + Convert.ToBase64String(bytes);

        Assert.True(DataUri.TryParse(uri, out var data));

        Assert.Equal("application/octet-stream", data!.MediaType);
        Assert.Equal(bytes, data.Content);
    }

    [Fact]
    public void TryParse_PercentEncodedText_Decodes()
    {
        Assert.True(DataUri.TryParse("data:,hello%20world", out var data));

        Assert.Equal("hello world", Encoding.UTF8.GetString(data!.Content));
    }

    [Theory]
    [InlineData("https://x/y")]
    [InlineData("data:text/plain;base64")]
    [InlineData("data:text/plain;base64,***")]
    public void TryParse_Malformed_IsFalse(string value) => Assert.False(DataUri.TryParse(value, out _));
}
