using Universe.Cosmos.Errors;

namespace Universe.Cosmos.Catalog;

/// <summary>400: a 4.0 package using upgradesFrom/downgradesTo, or any 5.0 package, asked for as a v2 describe response.</summary>
public sealed record ConversionFromPackageToV2DescribeResponse() : CosmosError("A v4 package cannot be converted into a v2 DescribeResponse");
