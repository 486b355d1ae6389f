using System.Text;
using AngleSharp.Dom;

namespace Slim.Pipeline.Probes;

/// <summary>
/// The request a browser makes when a GET form is submitted as it stands: the action URL with its
/// query replaced by the controls' default values (application/x-www-form-urlencoded). Other methods
/// would change the app's state, so they are never submitted.
/// </summary>
public static class FormSubmission
{
    public static string? Target(IElement form, Uri baseUri, Uri page)
    {
        ArgumentNullException.ThrowIfNull(form);
        var method = form.GetAttribute("method")?.Trim();
        if (!string.IsNullOrEmpty(method) && !string.Equals(method, "get", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var actionText = form.GetAttribute("action")?.Trim();
        // An absent or empty action submits to the document itself, not to the base URL.
        var action = string.IsNullOrEmpty(actionText) ? page : Uri.TryCreate(baseUri, actionText, out var resolved) ? resolved : null;
        if (action is null)
        {
            return null;
        }

        var query = new StringBuilder();
        foreach (var (name, value) in Fields(form))
        {
            query.Append(query.Length > 0 ? "&" : "").Append(Encode(name)).Append('=').Append(Encode(value));
        }

        // The query is replaced even when empty: a browser asks for "/list?" then.
        return action.GetLeftPart(UriPartial.Path) + "?" + query;
    }

    private static IEnumerable<(string Name, string Value)> Fields(IElement form)
    {
        foreach (var control in form.QuerySelectorAll("input[name], select[name], textarea[name]"))
        {
            var name = control.GetAttribute("name")!;
            if (name.Length == 0 || control.HasAttribute("disabled"))
            {
                continue;
            }

            switch (control.LocalName)
            {
                case "textarea":
                    yield return (name, control.TextContent);
                    break;
                case "select":
                    var options = control.QuerySelectorAll("option").Where(o => !o.HasAttribute("disabled")).ToList();
                    var selected = options.Where(o => o.HasAttribute("selected")).ToList();
                    foreach (var option in selected.Count > 0 ? selected : control.HasAttribute("multiple") ? [] : options.Take(1))
                    {
                        yield return (name, option.GetAttribute("value") ?? option.TextContent.Trim());
                    }

                    break;
                default:
                    var type = control.GetAttribute("type")?.Trim().ToLowerInvariant() ?? "text";
                    if (type is "submit" or "button" or "reset" or "image" or "file")
                    {
                        continue;
                    }

                    if (type is "checkbox" or "radio")
                    {
                        if (control.HasAttribute("checked"))
                        {
                            yield return (name, control.GetAttribute("value") ?? "on");
                        }

                        continue;
                    }

                    yield return (name, control.GetAttribute("value") ?? string.Empty);
                    break;
            }
        }
    }

    private static string Encode(string text) => Uri.EscapeDataString(text).Replace("%20", "+", StringComparison.Ordinal);
}
