namespace Slim.Rebuild.Selection;

/// <summary>
/// A set of data files of which a program reads one member chosen by its input at run time (a time zone, a
/// locale, a character set, a terminal type): a trace that saw one member cannot tell which others will be asked for.
/// </summary>
public enum DataFamily
{
    /// <summary>Time zones: /usr/share/zoneinfo (what /etc/localtime links into).</summary>
    Zoneinfo,

    /// <summary>Compiled locales: /usr/lib/locale (locale-archive, C.utf8/…), and /usr/share/i18n/locales when read.</summary>
    Locales,

    /// <summary>iconv's character-set modules: each directory holding a gconv-modules file.</summary>
    Gconv,

    /// <summary>Terminal descriptions: /usr/share/terminfo, /lib/terminfo, /etc/terminfo.</summary>
    Terminfo,
}
