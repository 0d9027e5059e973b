using System.ComponentModel.DataAnnotations;

namespace ServicePortal.Core;

/// <summary>
/// The fields every keyed form shares, with the rules the dialogs show as you type and the server enforces again.
/// <see cref="Version"/> is the version the user loaded (optimistic concurrency; 0 for something new).
/// </summary>
public abstract class KeyedForm
{
    public int? Id { get; set; }

    public int Version { get; set; }

    // A JSON null (or any caller's null) is "not given": the Required rule then names the field, nothing throws later.
    [Required(ErrorMessage = "Key is required.")]
    [StringLength(FieldLengths.Key, ErrorMessage = "Key is at most {1} characters.")]
    [RegularExpression(TextRules.KeyPattern, ErrorMessage = "Key: " + TextRules.KeyMessage)]
    public string Key { get; set => field = value ?? ""; } = "";

    [Required(ErrorMessage = "Name is required.")]
    [StringLength(FieldLengths.Name, ErrorMessage = "Name is at most {1} characters.")]
    [PlainText(IsName = true, ErrorMessage = "Name must not contain control characters.")]
    public string Name { get; set => field = value ?? ""; } = "";
}

/// <summary>A keyed form with a free-text description.</summary>
public abstract class DescribedForm : KeyedForm
{
    [StringLength(FieldLengths.Description, ErrorMessage = "Description is at most {1} characters.")]
    [PlainText(allowLineBreaks: true, ErrorMessage = "Description must not contain control characters.")]
    public string? Description { get; set; }
}
