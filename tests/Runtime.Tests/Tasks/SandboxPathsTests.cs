using Universe.Runtime.Tasks;

namespace Universe.Runtime.Tests.Tasks;

public sealed class SandboxPathsTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "rtexec-paths-" + Guid.NewGuid().ToString("N"));

    public SandboxPathsTests() => Directory.CreateDirectory(_root);

    [Theory]
    [InlineData("a/b.txt", "a/b.txt")]
    [InlineData("./a//b", "a/b")]
    [InlineData("dir/", "dir")]
    public void ResolveRelative_SafeName_JoinsUnderRoot(string name, string expected)
    {
        Assert.Equal(Path.Join(_root, expected), SandboxPaths.ResolveRelative(_root, name));
    }

    [Theory]
    [InlineData("../evil")]
    [InlineData("a/../../evil")]
    [InlineData("a/..")]
    [InlineData("/etc/passwd")]
    [InlineData("")]
    [InlineData("a\0b")]
    public void ResolveRelative_EscapingName_Null(string name)
    {
        Assert.Null(SandboxPaths.ResolveRelative(_root, name));
    }

    [Theory]
    [InlineData("lib/link", "../bin/tool", true)]
    [InlineData("link", "bin/tool", true)]
    [InlineData("link", "..", false)]
    [InlineData("lib/link", "../../x", false)]
    [InlineData("link", "/etc/passwd", false)]
    [InlineData("link", "missing/..", false)]
    public void IsLinkTargetInside_Target_ChecksAgainstRealDirectories(string link, string target, bool expected)
    {
        Directory.CreateDirectory(Path.Join(_root, "lib"));
        Directory.CreateDirectory(Path.Join(_root, "bin"));

        var inside = SandboxPaths.IsLinkTargetInside(_root, Path.Join(_root, link), target);

        Assert.Equal(expected, inside);
    }

    [Fact]
    public void IsLinkTargetInside_ClimbThroughLinkToRoot_False()
    {
        File.CreateSymbolicLink(Path.Join(_root, "here"), ".");

        var inside = SandboxPaths.IsLinkTargetInside(_root, Path.Join(_root, "escape"), "here/..");

        Assert.False(inside);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
