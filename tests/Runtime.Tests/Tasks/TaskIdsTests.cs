using Universe.Runtime.Tasks;

namespace Universe.Runtime.Tests.Tasks;

public sealed class TaskIdsTests
{
    [Theory]
    [InlineData("web.1b2c3d", true)]
    [InlineData("group_app.instance-1._app.1", true)]
    [InlineData("a", true)]
    [InlineData("..", false)]
    [InlineData(".", false)]
    [InlineData(".hidden", false)]
    [InlineData("../etc", false)]
    [InlineData("a/b", false)]
    [InlineData("", false)]
    [InlineData("a\n", false)]
    [InlineData("a b", false)]
    [InlineData(null, false)]
    public void IsValid_Id_AcceptsOnlySafeNames(string? id, bool expected)
    {
        Assert.Equal(expected, TaskIds.IsValid(id));
    }

    [Fact]
    public void IsValid_TooLong_Rejected()
    {
        Assert.False(TaskIds.IsValid(new string('a', 201)));
    }
}
