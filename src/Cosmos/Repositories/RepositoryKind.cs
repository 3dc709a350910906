namespace Universe.Cosmos.Repositories;

/// <summary>How a repository URI is read.</summary>
public enum RepositoryKind
{
    /// <summary><c>http(s)://</c>: a repo index (v3/v4/v5, plain or gzip).</summary>
    Http,

    /// <summary><c>file://</c> or a path: a universe tree directory or a repo index file.</summary>
    Local,

    /// <summary><c>git+https://</c>, <c>git+http://</c>, <c>git+file://</c> or a path ending <c>.git</c>, optional <c>#branch</c> or commit.</summary>
    Git,
}
