using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;

namespace ServicePortal.Core;

/// <summary>What kind of outcome a save had; callers (dialogs, the API) branch on this, never on a message's text.</summary>
public enum SaveKind
{
    /// <summary>Stored.</summary>
    Saved,

    /// <summary>The input breaks a rule; <see cref="SaveResult{T}.Errors"/> says which, per field.</summary>
    Invalid,

    /// <summary>A key, name or e-mail that must be unique is already used (API: 409).</summary>
    Duplicate,

    /// <summary>Someone else saved it since it was loaded; <see cref="SaveResult{T}.Value"/> holds their values (API: 409).</summary>
    Conflict,

    /// <summary>What the save refers to no longer exists (API: 404).</summary>
    NotFound,

    /// <summary>The user may not do this, or not in this state (API: 403).</summary>
    NotAllowed,
}

/// <summary>The outcome of a save: its <see cref="Kind"/>, the saved (or, on a conflict, the current) value, and messages per field.</summary>
public sealed record SaveResult<T>(T? Value, IReadOnlyDictionary<string, string[]> Errors, SaveKind Kind)
{
    public bool Succeeded => Kind == SaveKind.Saved;

    /// <summary>A concurrent edit: the dialog shows <see cref="Value"/> (theirs) beside the user's values.</summary>
    public bool Conflict => Kind == SaveKind.Conflict;

    public static SaveResult<T> Ok(T value) => new(value, new Dictionary<string, string[]>(), SaveKind.Saved);

    /// <summary>Invalid, or Duplicate when every message is a uniqueness clash (<see cref="ValidationErrors.AddDuplicate"/>).</summary>
    public static SaveResult<T> Invalid(ValidationErrors errors) => new(default, errors.ToDictionary(), errors.OnlyDuplicates ? SaveKind.Duplicate : SaveKind.Invalid);

    public static SaveResult<T> Invalid(string field, string message) => Failed(SaveKind.Invalid, field, message);

    public static SaveResult<T> Duplicate(string field, string message) => Failed(SaveKind.Duplicate, field, message);

    public static SaveResult<T> NotFound(string message) => Failed(SaveKind.NotFound, "", message);

    public static SaveResult<T> NotAllowed(string message) => Failed(SaveKind.NotAllowed, "", message);

    /// <summary>Someone else saved the entity since it was loaded; <paramref name="current"/> holds their values.</summary>
    public static SaveResult<T> Stale(T current) =>
        new(current, new Dictionary<string, string[]> { [""] = ["Someone else changed this since you opened it. Compare their values with yours and save again."] }, SaveKind.Conflict);

    /// <summary>All messages as "Field: message" lines, for notifications and API problem details.</summary>
    public string Summary => string.Join(" ", Errors.SelectMany(e => e.Value.Select(m => e.Key.Length == 0 ? m : $"{e.Key}: {m}")));

    private static SaveResult<T> Failed(SaveKind kind, string field, string message) => new(default, new Dictionary<string, string[]> { [field] = [message] }, kind);
}

/// <summary>Collects validation messages per field.</summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);
    private int _duplicates;

    public bool Any => _errors.Count > 0;

    /// <summary>True when there are messages and all of them are uniqueness clashes.</summary>
    public bool OnlyDuplicates => _duplicates > 0 && _duplicates == _errors.Sum(e => e.Value.Count);

    /// <summary>A value that must be unique is already used: the save is a Duplicate (409) if nothing else is wrong.</summary>
    public void AddDuplicate(string field, string message)
    {
        Add(field, message);
        _duplicates++;
    }

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

/// <summary>
/// The rules for text that comes in, whichever way it comes (dialog, API, CSV, bundle, Backstage, seed files): no
/// control characters (line breaks and tabs only where the text may span lines), no bidirectional override or isolate
/// characters (they make a name read differently from what it is), and a name has at least one visible character.
/// <see cref="Problem"/> is the one check; <see cref="PlainTextAttribute"/> applies it to form fields.
/// </summary>
public static partial class TextRules
{
    /// <summary>Keys: letters, digits, '.', '_' and '-', starting with a letter or digit.</summary>
    public const string KeyPattern = "^[A-Za-z0-9][A-Za-z0-9._-]*$";

    public const string KeyMessage = "Use letters, digits, '.', '_' or '-', starting with a letter or digit.";

    public const string ControlCharacters = "must not contain control characters";

    public const string BidiCharacters = "must not contain bidirectional override characters";

    public const string InvisibleName = "must have a visible character (it holds only spaces or invisible characters)";

    /// <summary>True when the text holds control characters other than line breaks and tabs.</summary>
    public static bool HasControlCharacters(string? text, bool allowLineBreaks) =>
        text is not null && text.Any(c => char.IsControl(c) && !(allowLineBreaks && c is '\n' or '\r' or '\t'));

    /// <summary>U+202A–U+202E (embeddings and overrides) and U+2066–U+2069 (isolates).</summary>
    public static bool HasBidiControls(string? text) =>
        text is not null && text.Any(c => c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069');

    /// <summary>True when the text is not empty and every character is white space, a control or an invisible format character.</summary>
    public static bool IsOnlyInvisible(string? text) =>
        !string.IsNullOrEmpty(text) && text.All(c => char.IsWhiteSpace(c) || char.IsControl(c)
            || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format
            || c is '\u115F' or '\u1160' or '\u3164' or '\uFFA0' or '\u2800' or '\u034F');

    /// <summary>What is wrong with <paramref name="text"/> ("must not contain …"), or null. Null or empty text is fine here (required is a separate rule).</summary>
    public static string? Problem(string? text, bool allowLineBreaks = false, bool isName = false)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (HasControlCharacters(text, allowLineBreaks))
        {
            return ControlCharacters;
        }

        if (HasBidiControls(text))
        {
            return BidiCharacters;
        }

        return isName && IsOnlyInvisible(text) ? InvisibleName : null;
    }

    public static bool IsKey(string? text) => text is not null && text.Length <= FieldLengths.Key && KeyRegex().IsMatch(text);

    /// <summary>The key rule with its message, or null when <paramref name="key"/> is a valid key.</summary>
    public static string? KeyProblem(string? key) =>
        string.IsNullOrWhiteSpace(key) ? "key is required"
        : key.Length > FieldLengths.Key ? $"key is at most {FieldLengths.Key} characters"
        : IsKey(key) ? null
        : TextRules.KeyMessage;

    [GeneratedRegex(KeyPattern)]
    private static partial Regex KeyRegex();
}

/// <summary>
/// A data-annotation for every free-text field: applies <see cref="TextRules.Problem"/>. The message starts with the
/// field's label, taken from <c>ErrorMessage</c> ("Name must …") or else the property name.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PlainTextAttribute(bool allowLineBreaks = false) : ValidationAttribute("{0} must not contain control characters")
{
    /// <summary>A name: also needs a visible character.</summary>
    public bool IsName { get; set; }

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        if (TextRules.Problem(value as string, allowLineBreaks, IsName) is not { } problem)
        {
            return ValidationResult.Success;
        }

        var label = ErrorMessage is { } message && message.IndexOf(" must", StringComparison.Ordinal) is > 0 and var at ? message[..at] : validationContext.DisplayName;
        return new ValidationResult($"{label} {problem}.", validationContext.MemberName is { } member ? [member] : null);
    }
}
