using System.Globalization;
using System.Text.Json;

namespace Universe.Cosmos.Schemas;

internal sealed partial class SchemaNode
{
    /// <summary>Validates <paramref name="instance"/>; adds errors to <paramref name="errors"/> (null: stop at the first) and says whether it is valid.</summary>
    public bool Validate(JsonElement instance, InstancePath path, List<SchemaError>? errors, int maxErrors)
    {
        if (_alwaysFalse)
        {
            return Fail(errors, maxErrors, path, "false", "no value is allowed here");
        }

        if (_resolved is not null)
        {
            return _resolved.Validate(instance, path, errors, maxErrors);
        }

        var valid = true;
        var type = TypeOf(instance);
        if ((_types & type) == 0)
        {
            return Fail(errors, maxErrors, path, "type", $"instance type ({Name(type)}) does not match any allowed primitive type");
        }

        if (_enum is not null && !_enum.Any(e => JsonElement.DeepEquals(e, instance)))
        {
            valid = Fail(errors, maxErrors, path, "enum", $"instance value ({Shorten(instance)}) not found in enum");
            if (errors is null)
            {
                return false;
            }
        }

        valid &= instance.ValueKind switch
        {
            JsonValueKind.Object => ValidateObject(instance, path, errors, maxErrors),
            JsonValueKind.Array => ValidateArray(instance, path, errors, maxErrors),
            JsonValueKind.String => ValidateString(instance, path, errors, maxErrors),
            JsonValueKind.Number => ValidateNumber(instance, path, errors, maxErrors),
            _ => true,
        };
        if (!valid && errors is null)
        {
            return false;
        }

        return ValidateCombinators(instance, path, errors, maxErrors) && valid;
    }

    private bool ValidateCombinators(JsonElement instance, InstancePath path, List<SchemaError>? errors, int maxErrors)
    {
        var valid = true;
        foreach (var schema in _allOf ?? [])
        {
            valid &= schema.Validate(instance, path, errors, maxErrors);
            if (!valid && errors is null)
            {
                return false;
            }
        }

        if (_anyOf is not null && !_anyOf.Any(s => s.Validate(instance, path, null, 1)))
        {
            valid = Fail(errors, maxErrors, path, "anyOf", "instance failed to match at least one required schema among " + _anyOf.Length, Closest(_anyOf, instance, path));
        }

        if (_oneOf is not null)
        {
            var matched = _oneOf.Count(s => s.Validate(instance, path, null, 1));
            if (matched != 1)
            {
                valid = Fail(errors, maxErrors, path, "oneOf", $"instance failed to match exactly one schema (matched {matched} out of {_oneOf.Length})", matched == 0 ? Closest(_oneOf, instance, path) : []);
            }
        }

        if (_not is not null && _not.Validate(instance, path, null, 1))
        {
            valid = Fail(errors, maxErrors, path, "not", "instance matched a schema which it should not have");
        }

        return valid;
    }

    private bool ValidateObject(JsonElement instance, InstancePath path, List<SchemaError>? errors, int maxErrors)
    {
        var valid = true;
        var count = 0;
        foreach (var property in instance.EnumerateObject())
        {
            count++;
            var matched = false;
            path.Push(property.Name);
            if (_properties is not null && _properties.TryGetValue(property.Name, out var schema))
            {
                matched = true;
                valid &= schema.Validate(property.Value, path, errors, maxErrors);
            }

            foreach (var (pattern, patternSchema) in _patternProperties ?? [])
            {
                if (pattern.IsMatch(property.Name))
                {
                    matched = true;
                    valid &= patternSchema.Validate(property.Value, path, errors, maxErrors);
                }
            }

            if (!matched && _additionalProperties is not null)
            {
                valid &= _additionalProperties.Validate(property.Value, path, errors, maxErrors);
            }

            path.Pop();
            if (!matched && _noAdditionalProperties)
            {
                valid = Fail(errors, maxErrors, path, "additionalProperties", $"object instance has a property which is not allowed by the schema: [\"{property.Name}\"]");
            }

            if ((!valid && errors is null) || errors?.Count >= maxErrors)
            {
                return valid;
            }

            if (_propertyDependencies is not null && _propertyDependencies.TryGetValue(property.Name, out var needed))
            {
                var missing = needed.Where(n => !instance.TryGetProperty(n, out _)).ToArray();
                if (missing.Length > 0)
                {
                    valid = Fail(errors, maxErrors, path, "dependencies", $"property \"{property.Name}\" needs [{string.Join(", ", missing.Select(m => $"\"{m}\""))}]");
                }
            }

            if (_schemaDependencies is not null && _schemaDependencies.TryGetValue(property.Name, out var dependency))
            {
                valid &= dependency.Validate(instance, path, errors, maxErrors);
            }
        }

        foreach (var required in _required ?? [])
        {
            if (!instance.TryGetProperty(required, out _))
            {
                valid = Fail(errors, maxErrors, path, "required", $"object has missing required properties ([\"{required}\"])");
            }
        }

        if (count < _minProperties)
        {
            valid = Fail(errors, maxErrors, path, "minProperties", $"object has too few properties ({count}, at least {_minProperties})");
        }

        if (count > _maxProperties)
        {
            valid = Fail(errors, maxErrors, path, "maxProperties", $"object has too many properties ({count}, at most {_maxProperties})");
        }

        return valid;
    }

    private bool ValidateArray(JsonElement instance, InstancePath path, List<SchemaError>? errors, int maxErrors)
    {
        var valid = true;
        var length = instance.GetArrayLength();
        var index = 0;
        foreach (var item in instance.EnumerateArray())
        {
            var schema = _tupleItems is null ? _items : index < _tupleItems.Length ? _tupleItems[index] : _additionalItems;
            path.Push(index.ToString(CultureInfo.InvariantCulture));
            if (schema is not null)
            {
                valid &= schema.Validate(item, path, errors, maxErrors);
            }

            path.Pop();
            if (_tupleItems is not null && index >= _tupleItems.Length && _noAdditionalItems)
            {
                valid = Fail(errors, maxErrors, path, "additionalItems", $"array has too many items ({length}, at most {_tupleItems.Length})");
                break;
            }

            if ((!valid && errors is null) || errors?.Count >= maxErrors)
            {
                return valid;
            }

            index++;
        }

        if (length < _minItems)
        {
            valid = Fail(errors, maxErrors, path, "minItems", $"array is too short ({length}, at least {_minItems})");
        }

        if (length > _maxItems)
        {
            valid = Fail(errors, maxErrors, path, "maxItems", $"array is too long ({length}, at most {_maxItems})");
        }

        if (_uniqueItems && HasDuplicates(instance))
        {
            valid = Fail(errors, maxErrors, path, "uniqueItems", "array must not contain duplicate elements");
        }

        return valid;
    }

    private bool ValidateString(JsonElement instance, InstancePath path, List<SchemaError>? errors, int maxErrors)
    {
        if (_pattern is null && _minLength is null && _maxLength is null)
        {
            return true;
        }

        var valid = true;
        var text = instance.GetString()!;
        var length = text.EnumerateRunes().Count();
        if (length < _minLength)
        {
            valid = Fail(errors, maxErrors, path, "minLength", $"string \"{Shorten(text)}\" is too short (length: {length}, required minimum: {_minLength})");
        }

        if (length > _maxLength)
        {
            valid = Fail(errors, maxErrors, path, "maxLength", $"string \"{Shorten(text)}\" is too long (length: {length}, maximum allowed: {_maxLength})");
        }

        if (_pattern is not null && !_pattern.IsMatch(text))
        {
            valid = Fail(errors, maxErrors, path, "pattern", $"ECMA 262 regex \"{_pattern}\" does not match input string \"{Shorten(text)}\"");
        }

        return valid;
    }

    private bool ValidateNumber(JsonElement instance, InstancePath path, List<SchemaError>? errors, int maxErrors)
    {
        if (_minimum is null && _maximum is null && _multipleOf is null)
        {
            return true;
        }

        var valid = true;
        var value = instance.GetDouble();
        if (_minimum is { } min && (_exclusiveMinimum ? value <= min : value < min))
        {
            valid = Fail(errors, maxErrors, path, "minimum", $"numeric instance is lower than the required minimum (minimum: {min}, found: {instance.GetRawText()})");
        }

        if (_maximum is { } max && (_exclusiveMaximum ? value >= max : value > max))
        {
            valid = Fail(errors, maxErrors, path, "maximum", $"numeric instance is greater than the required maximum (maximum: {max}, found: {instance.GetRawText()})");
        }

        if (_multipleOf is { } divisor && divisor > 0 && !IsMultiple(instance, divisor))
        {
            valid = Fail(errors, maxErrors, path, "multipleOf", $"remainder of division is not zero ({instance.GetRawText()} / {divisor})");
        }

        return valid;
    }

    private static bool IsMultiple(JsonElement instance, double divisor)
    {
        if (instance.TryGetDecimal(out var exact) && (decimal)divisor is var d && d != 0)
        {
            return exact % d == 0;
        }

        var quotient = instance.GetDouble() / divisor;
        return Math.Abs(quotient - Math.Round(quotient)) < 1e-9;
    }

    private static bool HasDuplicates(JsonElement array)
    {
        var items = array.EnumerateArray().ToArray();
        for (var i = 0; i < items.Length; i++)
        {
            for (var j = i + 1; j < items.Length; j++)
            {
                if (JsonElement.DeepEquals(items[i], items[j]))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static SchemaError[] Closest(SchemaNode[] branches, JsonElement instance, InstancePath path)
    {
        SchemaError[]? best = null;
        foreach (var branch in branches)
        {
            var branchErrors = new List<SchemaError>();
            branch.Validate(instance, path, branchErrors, 10);
            if (best is null || branchErrors.Count < best.Length)
            {
                best = [.. branchErrors];
            }
        }

        return best ?? [];
    }

    private static bool Fail(List<SchemaError>? errors, int maxErrors, InstancePath path, string keyword, string message, IReadOnlyList<SchemaError>? causes = null)
    {
        if (errors is not null && errors.Count < maxErrors)
        {
            errors.Add(new SchemaError(path.Pointer, keyword, message, causes ?? []));
        }

        return false;
    }

    private static JsonTypes TypeOf(JsonElement instance) => instance.ValueKind switch
    {
        JsonValueKind.Object => JsonTypes.Object,
        JsonValueKind.Array => JsonTypes.Array,
        JsonValueKind.String => JsonTypes.String,
        JsonValueKind.Number => IsIntegerLiteral(instance) ? JsonTypes.Integer : JsonTypes.Number,
        JsonValueKind.True or JsonValueKind.False => JsonTypes.Boolean,
        _ => JsonTypes.Null,
    };

    private static bool IsIntegerLiteral(JsonElement number)
    {
        return System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(number).IndexOfAny((byte)'.', (byte)'e', (byte)'E') < 0;
    }

    private static string Name(JsonTypes type) => type switch
    {
        JsonTypes.Integer => "integer",
        JsonTypes.Number => "number",
        _ => type.ToString().ToLowerInvariant(),
    };

    private static string Shorten(JsonElement value) => Shorten(value.GetRawText());

    private static string Shorten(string text) => text.Length > 80 ? text[..80] + "…" : text;
}
