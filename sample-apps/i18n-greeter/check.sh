#!/usr/bin/env bash
# i18n-greeter: the language comes from the request (Accept-Language with q-values, or ?lang=), its gettext
# catalog from locale/LANG/LC_MESSAGES/greeter.mo, numbers in that language's system locale (locale-archive).
set -euo pipefail
# shellcheck source=../lib/check-lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/check-lib.sh"
check_init i18n-greeter "$@"

check_start 8080
check_wait_http /

http_get /
expect_status 200
expect_ctype text/html
expect_body_contains '<html lang="en">'
expect_body_contains '<h1>Hello, friend!</h1>'
expect_body_contains 'You have 3 new messages.'
expect_header Vary Accept-Language

http_get '/?count=1' -H 'Accept-Language: de-DE,de;q=0.9,en;q=0.5'
expect_body_contains '<html lang="de">'
expect_body_contains '<h1>Hallo, Freund!</h1>'
expect_body_contains 'Sie haben 1 neue Nachricht.'

http_get '/?name=Zo%C3%A9&count=2' -H 'Accept-Language: fr'
expect_body_contains '<h1>Bonjour, Zoé !</h1>'
expect_body_contains 'Vous avez 2 nouveaux messages.'

# q-values: Japanese is preferred over German here.
http_get /api/greeting -H 'Accept-Language: de;q=0.4, ja;q=0.8'
expect_status 200
expect_ctype application/json
expect_json '[.language, .greeting, .balance]' '["ja","こんにちは、友達さん！","残高は1234567.89です。"]'

http_get /api/greeting -H 'Accept-Language: de'
expect_json '[.language, .balance]' '["de","Ihr Kontostand beträgt 1.234.567,89."]'
http_get '/api/greeting?lang=fr&amount=9876.5'
# fr_FR groups thousands with U+202F (narrow no-break space).
expect_json '[.language, .balance]' '["fr","Votre solde est de 9 876,50."]'

# A language without a catalog falls back to English.
http_get /api/greeting -H 'Accept-Language: pt-BR'
expect_json '[.language, .greeting, .balance]' '["en","Hello, friend!","Your balance is 1234567.89."]'

http_get /nowhere -H 'Accept-Language: de'
expect_status 404
expect_json .error '"Nicht gefunden"'

check_pass
