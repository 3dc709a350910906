namespace Universe.Runtime.Hosting;

/// <summary>Configuration section <c>Runtime:Auth</c> of the standalone Runtime (Cosmos applies its own <c>Cosmos:Auth</c> when it hosts the Runtime).</summary>
internal sealed class RuntimeAuthOptions
{
    public const string SectionName = "Runtime:Auth";

    /// <summary><c>Runtime:Auth:Token</c>: required on every request but <c>/ping</c> (<c>Authorization: Bearer &lt;t&gt;</c> or <c>token=&lt;t&gt;</c>). Never logged.</summary>
    public string? Token { get; set; }

    /// <summary><c>Runtime:Auth:AllowAnonymous</c>: lets a Runtime without a token listen off loopback (a warning at every start).</summary>
    public bool AllowAnonymous { get; set; }
}
