"""A greeting service that speaks the visitor's language: the catalog is chosen by Accept-Language (or ?lang=),
loaded with gettext from locale/LANG/LC_MESSAGES/greeter.mo, and numbers are formatted in that locale."""
import gettext
import json
import locale
import os
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

HERE = os.path.dirname(os.path.abspath(__file__))
LOCALEDIR = os.path.join(HERE, "locale")
SYSTEM_LOCALES = {"de": "de_DE.UTF-8", "fr": "fr_FR.UTF-8"}


def languages(header, query):
    """The languages the request asks for, best first (q-values honoured), then English."""
    if "lang" in query:
        return [query["lang"][0], "en"]
    ranked = []
    for i, part in enumerate((header or "").split(",")):
        tag, _, params = part.strip().partition(";")
        q = 1.0
        if params.strip().startswith("q="):
            try:
                q = float(params.strip()[2:])
            except ValueError:
                q = 0.0
        if tag:
            ranked.append((-q, i, tag.split("-")[0].lower()))
    return [tag for _, _, tag in sorted(ranked)] + ["en"]


def catalog(langs):
    # fallback=True: a language without a catalog is English, as in most apps.
    return gettext.translation("greeter", LOCALEDIR, languages=langs, fallback=True)


def language_of(translation):
    info = translation.info() if isinstance(translation, gettext.GNUTranslations) else {}
    return info.get("language", "en")


def formatted(number, lang):
    try:
        locale.setlocale(locale.LC_NUMERIC, SYSTEM_LOCALES.get(lang, "C.UTF-8"))
        return locale.format_string("%.2f", number, grouping=True)
    finally:
        locale.setlocale(locale.LC_NUMERIC, "C.UTF-8")


class Handler(BaseHTTPRequestHandler):
    server_version = "greeter/1.0"

    def send(self, status, body, ctype):
        data = body.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Vary", "Accept-Language")
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        url = urlparse(self.path)
        query = parse_qs(url.query)
        t = catalog(languages(self.headers.get("Accept-Language"), query))
        lang = language_of(t)
        _ = t.gettext
        if url.path == "/":
            name = query.get("name", [_("friend")])[0]
            count = int(query.get("count", ["3"])[0])
            page = (f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{_("Greeter")}</title></head>'
                    f'<body><h1>{_("Hello, %s!") % name}</h1>'
                    f'<p>{t.ngettext("You have %d new message.", "You have %d new messages.", count) % count}</p>'
                    f'<p><a href="/api/greeting">{_("API")}</a></p></body></html>')
            self.send(200, page, "text/html; charset=utf-8")
        elif url.path == "/api/greeting":
            amount = float(query.get("amount", ["1234567.891"])[0])
            self.send(200, json.dumps({
                "language": lang,
                "greeting": _("Hello, %s!") % query.get("name", [_("friend")])[0],
                "balance": _("Your balance is %s.") % formatted(amount, lang),
            }, ensure_ascii=False) + "\n", "application/json; charset=utf-8")
        else:
            self.send(404, json.dumps({"error": _("Not found")}, ensure_ascii=False) + "\n", "application/json; charset=utf-8")

    def log_message(self, fmt, *args):
        print("%s %s" % (self.address_string(), fmt % args), flush=True)


if __name__ == "__main__":
    ThreadingHTTPServer(("0.0.0.0", 8080), Handler).serve_forever()
