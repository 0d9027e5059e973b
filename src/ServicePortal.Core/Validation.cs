using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;

namespace ServicePortal.Core;

/// <summary>The outcome of a save: success, or messages per field, or a concurrent edit to resolve.</summary>
public sealed record SaveResult<T>(T? Value, IReadOnlyDictionary<string, string[]> Errors, bool Conflict = false)
{
    public bool Succeeded => !Conflict && Errors.Count == 0;

    public static SaveResult<T> Ok(T value) => new(value, new Dictionary<string, string[]>());

    public static SaveResult<T> Invalid(ValidationErrors errors) => new(default, errors.ToDictionary());

    public static SaveResult<T> Invalid(string field, string message) => new(default, new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>Someone else saved the entity since it was loaded; <paramref name="current"/> holds their values.</summary>
    public static SaveResult<T> Stale(T current) =>
        new(current, new Dictionary<string, string[]> { [""] = ["Someone else changed this since you opened it. Compare their values with yours and save again."] }, true);

    /// <summary>All messages as "Field: message" lines, for notifications and API problem details.</summary>
    public string Summary => string.Join(" ", Errors.SelectMany(e => e.Value.Select(m => e.Key.Length == 0 ? m : $"{e.Key}: {m}")));
}

/// <summary>Collects validation messages per field.</summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }

        list.Add(message);
    }

    /// <summary>Runs the data-annotation attributes of <paramref name="form"/> (the same rules the UI shows as you type).</summary>
    public ValidationErrors Annotations(object form)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(form, new ValidationContext(form), results, validateAllProperties: true);
        foreach (var result in results)
        {
            foreach (var member in result.MemberNames.DefaultIfEmpty(""))
            {
                Add(member, result.ErrorMessage ?? "is not valid");
            }
        }

        return this;
    }

    public IReadOnlyDictionary<string, string[]> ToDictionary() => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray());
}

/// <summary>Rules for text that users type.</summary>
public static partial class TextRules
{
    /// <summary>Keys: letters, digits, '.', '_' and '-', starting with a letter or digit.</summary>
    public const string KeyPattern = "^[A-Za-z0-9][A-Za-z0-9._-]*$";

    public const string KeyMessage = "Use letters, digits, '.', '_' or '-', starting with a letter or digit.";

    /// <summary>True when the text holds control characters other than line breaks and tabs.</summary>
    public static bool HasControlCharacters(string? text, bool allowLineBreaks) =>
        text is not null && text.Any(c => char.IsControl(c) && !(allowLineBreaks && c is '\n' or '\r' or '\t'));

    public static bool IsKey(string? text) => text is not null && KeyRegex().IsMatch(text);

    [GeneratedRegex(KeyPattern)]
    private static partial Regex KeyRegex();
}

/// <summary>A data-annotation that refuses control characters (pasted binary, terminal escapes) in single-line text.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PlainTextAttribute(bool allowLineBreaks = false) : ValidationAttribute("must not contain control characters")
{
    public override bool IsValid(object? value) => !TextRules.HasControlCharacters(value as string, allowLineBreaks);
}
