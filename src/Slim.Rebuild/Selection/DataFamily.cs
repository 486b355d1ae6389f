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

    /// <summary>
    /// gettext's message catalogs, DIR/LANG/LC_MESSAGES/DOMAIN.mo: the language comes from the request (Accept-Language)
    /// or the environment, so one domain's catalog looked up (found or not) keeps that domain's catalog in every
    /// language, and nothing of other domains (<see cref="MessageCatalogs"/>).
    /// </summary>
    MessageCatalogs,
}
