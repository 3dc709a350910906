using System.Globalization;
using System.Text;

namespace Universe.Cli.Output;

/// <summary>The description truncations of the original tables.</summary>
public static class TextCut
{
    /// <summary>Search: a description of 80 characters or more is cut to its first 76 bytes plus <c>...</c>.</summary>
    public static string SearchDescription(string? text)
    {
        text ??= string.Empty;
        if (new StringInfo(text).LengthInTextElements < 80)
        {
            return text;
        }

        var bytes = Encoding.UTF8.GetBytes(text);
        var cut = 76;
        while (cut > 0 && (bytes[cut] & 0xC0) == 0x80)
        {
            cut--;
        }

        return Encoding.UTF8.GetString(bytes, 0, cut) + "...";
    }

    /// <summary>List: cut at the first newline (plus <c>...</c>), then to 66 characters plus <c>...</c> when longer than 70.</summary>
    public static string ListDescription(string? text)
    {
        text ??= string.Empty;
        var newline = text.IndexOf('\n', StringComparison.Ordinal);
        if (newline >= 0)
        {
            text = text[..newline] + "...";
        }

        return text.Length > 70 ? text[..66] + "..." : text;
    }
}
