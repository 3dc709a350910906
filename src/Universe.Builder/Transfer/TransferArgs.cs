namespace Universe.Builder.Transfer;

/// <summary><c>universe export &lt;bundle&gt; -o FILE [--split-size 4G] [--sign-key KEY] [--since MANIFEST]</c>.</summary>
public sealed record ExportArgs(string Bundle, string Output, long? SplitSize, string? SignKey, string? Since);

/// <summary><c>universe import FILE --out &lt;bundle&gt; [--trust-key KEY]</c>.</summary>
public sealed record ImportArgs(string File, string Out, string? TrustKey);
