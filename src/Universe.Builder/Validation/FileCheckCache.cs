using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Universe.Cosmos.Rendering.Mustache;
using Universe.Cosmos.Schemas;

namespace Universe.Builder.Validation;

/// <summary>
/// The per-file rules of one validation run, computed once per distinct file content: a tree repeats files across
/// revisions (upstream: 1,164 config.json files with 706 distinct contents, 1,164 templates with 864), and what
/// <see cref="JsonFileCheck"/> and the template parser say about a file depends on its bytes (and the schema) only.
/// Thread-safe; lives as long as the run (it holds the parsed documents the decoded packages are backed by).
/// </summary>
internal sealed class FileCheckCache
{
    private readonly ConcurrentDictionary<ContentKey, CheckedFile> _files = new();
    private readonly ConcurrentDictionary<ContentKey, TemplateCheck> _templates = new();

    /// <summary>
    /// <paramref name="bytes"/> read as a package JSON file and checked against <paramref name="schema"/> (findings
    /// have an empty path: see <see cref="CheckedFile.FindingsAt"/>).
    /// </summary>
    public CheckedFile Check(byte[] bytes, Draft4Schema schema, string code, string schemaName) =>
        _files.GetOrAdd(new ContentKey(bytes, schema), static (key, rule) => CheckedFile.Create(key.Bytes, (Draft4Schema)key.Scope!, rule.Code, rule.SchemaName), (Code: code, SchemaName: schemaName));

    /// <summary>Whether the template <paramref name="bytes"/> is UTF-8 and parses as Cosmos parses it; <paramref name="decoded"/> is its text when the caller has it.</summary>
    public TemplateCheck CheckTemplate(byte[] bytes, string? decoded) =>
        _templates.GetOrAdd(new ContentKey(bytes, null), static (key, text) => TemplateCheck.Create(key.Bytes, text), decoded);

    /// <summary>A file's bytes (compared by content) and what they were checked with (compared by reference).</summary>
    private readonly struct ContentKey(byte[] bytes, object? scope) : IEquatable<ContentKey>
    {
        private readonly int _hash = Hash(bytes, scope);

        public byte[] Bytes { get; } = bytes;
        public object? Scope { get; } = scope;

        public bool Equals(ContentKey other) =>
            _hash == other._hash && ReferenceEquals(Scope, other.Scope) && Bytes.AsSpan().SequenceEqual(other.Bytes);

        public override bool Equals(object? obj) => obj is ContentKey other && Equals(other);

        public override int GetHashCode() => _hash;

        private static int Hash(byte[] bytes, object? scope)
        {
            var hash = default(HashCode);
            hash.AddBytes(bytes);
            hash.Add(scope is null ? 0 : System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(scope));
            return hash.ToHashCode();
        }
    }
}

/// <summary>
/// One JSON package file as upstream CI reads it (<see cref="JsonFileCheck"/>): the findings (without a path), the
/// parsed document when it is ASCII JSON, and whether that document can back decoded packages (<see cref="Shareable"/>:
/// parsed with the decoder's own rules, no repeated key and the default depth, so its nodes equal what
/// <c>PackageRevisionFiles.ToJson</c> would parse).
/// </summary>
internal sealed class CheckedFile
{
    private static readonly JsonDocumentOptions DecoderOptions = new() { AllowDuplicateProperties = false };

    private CheckedFile(JsonDocument? document, bool shareable, IReadOnlyList<Finding> findings)
    {
        Document = document;
        Shareable = shareable;
        Findings = findings;
    }

    /// <summary>The parsed file (never disposed: decoded packages may be backed by it), or null when it is not ASCII JSON.</summary>
    public JsonDocument? Document { get; }

    public bool Shareable { get; }

    /// <summary>The findings with an empty path.</summary>
    public IReadOnlyList<Finding> Findings { get; }

    /// <summary>Adds the findings, at <paramref name="path"/>, to <paramref name="findings"/>.</summary>
    public void FindingsAt(string path, List<Finding> findings)
    {
        foreach (var finding in Findings)
        {
            findings.Add(finding with { Path = path });
        }
    }

    /// <summary>Whether the root is an object with the member <paramref name="key"/>.</summary>
    public bool HasMember(string key) =>
        Document is { } document && document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty(key, out _);

    internal static CheckedFile Create(byte[] bytes, Draft4Schema schema, string code, string schemaName)
    {
        var findings = new List<Finding>();
        var shareable = false;
        JsonDocument? document = null;
        if (bytes.AsSpan().IndexOfAnyExceptInRange((byte)0, (byte)0x7F) < 0)
        {
            try
            {
                document = JsonDocument.Parse(bytes, DecoderOptions);
                shareable = true;
            }
            catch (JsonException)
            {
                // A repeated key, or deeper than the decoder goes, or not JSON: JsonFileCheck decides with upstream's rules.
            }
        }

        document ??= JsonFileCheck.Parse(bytes, string.Empty, findings);
        if (shareable)
        {
            JsonFileCheck.CheckEscapes(bytes, string.Empty, findings);
        }

        if (document is not null)
        {
            JsonFileCheck.CheckSchema(schema, bytes, document.RootElement, code, schemaName, string.Empty, findings);
        }

        return new CheckedFile(document, shareable, findings);
    }
}

/// <summary>What the template rule says about one template's bytes: <see cref="Error"/> (null when it parses) and whether it is UTF-8.</summary>
internal sealed record TemplateCheck(bool Utf8, string? Error)
{
    internal static TemplateCheck Create(byte[] bytes, string? decoded)
    {
        if (!System.Text.Unicode.Utf8.IsValid(bytes))
        {
            return new TemplateCheck(false, null);
        }

        return MustacheRenderer.TryCheckSyntax(decoded ?? Encoding.UTF8.GetString(bytes), out var error) ? new TemplateCheck(true, null) : new TemplateCheck(true, error);
    }
}
