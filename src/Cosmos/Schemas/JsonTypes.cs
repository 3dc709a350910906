namespace Universe.Cosmos.Schemas;

/// <summary>The draft-4 instance types as flags (<c>number</c> includes <c>integer</c>).</summary>
[Flags]
internal enum JsonTypes
{
    None = 0,
    Object = 1,
    Array = 2,
    String = 4,
    Number = 8,
    Integer = 16,
    Boolean = 32,
    Null = 64,
    Any = Object | Array | String | Number | Integer | Boolean | Null,
}
