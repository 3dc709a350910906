namespace Universe.Runtime.Tasks;

/// <summary>A fetch or extraction failure; its message becomes the TASK_FAILED reason.</summary>
internal sealed class FetchException : Exception
{
    public FetchException()
    {
    }

    public FetchException(string message)
        : base(message)
    {
    }

    public FetchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
