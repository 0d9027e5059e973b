using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;

namespace ServicePortal.Web.Features.Shared;

/// <summary>
/// Shows the server's validation messages beside the fields they name (through the form's EditContext), so a
/// rule that only the server can check — a duplicate key, say — reads like any other field message.
/// </summary>
public sealed class ServerValidation : ComponentBase, IDisposable
{
    private ValidationMessageStore? _store;
    private EditContext? _context;

    [CascadingParameter]
    private EditContext? CurrentEditContext { get; set; }

    protected override void OnParametersSet()
    {
        if (CurrentEditContext is not null && !ReferenceEquals(CurrentEditContext, _context))
        {
            if (_context is not null)
            {
                _context.OnValidationRequested -= Clear;
                _context.OnFieldChanged -= ClearField;
            }

            _context = CurrentEditContext;
            _store = new ValidationMessageStore(_context);
            _context.OnValidationRequested += Clear;
            _context.OnFieldChanged += ClearField;
        }
    }

    /// <summary>Displays <paramref name="errors"/> (field name → messages); returns the messages that name no field.</summary>
    public IReadOnlyList<string> Show(IReadOnlyDictionary<string, string[]> errors)
    {
        var general = new List<string>();
        _store?.Clear();
        foreach (var (field, messages) in errors)
        {
            if (field.Length == 0 || _context is null)
            {
                general.AddRange(messages);
                continue;
            }

            _store!.Add(_context.Field(field), messages);
        }

        _context?.NotifyValidationStateChanged();
        return general;
    }

    private void Clear(object? sender, ValidationRequestedEventArgs e) => _store?.Clear();

    private void ClearField(object? sender, FieldChangedEventArgs e) => _store?.Clear(e.FieldIdentifier);

    public void Dispose()
    {
        if (_context is not null)
        {
            _context.OnValidationRequested -= Clear;
            _context.OnFieldChanged -= ClearField;
        }
    }
}
