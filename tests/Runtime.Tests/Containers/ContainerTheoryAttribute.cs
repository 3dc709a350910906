namespace Universe.Runtime.Tests.Containers;

/// <summary>The theory form of <see cref="ContainerFactAttribute"/>: same skip rules.</summary>
public sealed class ContainerTheoryAttribute : TheoryAttribute
{
    public ContainerTheoryAttribute() => Skip = new ContainerFactAttribute().Skip;
}
