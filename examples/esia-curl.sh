#!/usr/bin/env bash
# The whole ESIA authorization-code dance with curl alone, against a running sandbox
# (`npm start`; lenient profile, demo client EDUSIM). Usage: examples/esia-curl.sh [BASE] [PERSONA]
set -euo pipefail
BASE=${1:-http://localhost:4000}
PERSONA=${2:-pupil-child-account}
REDIRECT=http://localhost:3000/callback
STATE=f918e3be-664e-45db-b5a2-adbf5d6ae3f6

# 1. Authorize (v2): ESIA answers with its login page; the form carries a request id.
REQUEST=$(curl -sf "$BASE/esia/aas/oauth2/v2/ac?client_id=EDUSIM&response_type=code&access_type=offline&scope=openid+fullname+birthdate+gender+snils&redirect_uri=$REDIRECT&state=$STATE&timestamp=2026.11.23+10:00:00+%2B0300&client_secret=unchecked-in-lenient" |
  grep -o 'name="request" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')

# 2. Log in as a persona (a plain form post): ESIA redirects back with ?code=…&state=…
LOCATION=$(curl -s -o /dev/null -w '%{redirect_url}' --data-urlencode "request=$REQUEST" --data-urlencode "persona=$PERSONA" "$BASE/esia/login")
CODE=$(printf '%s' "$LOCATION" | sed -n 's/.*[?&]code=\([^&]*\).*/\1/p')

# 3. Exchange the code for tokens (v3).
TOKENS=$(curl -sf "$BASE/esia/aas/oauth2/v3/te" -d grant_type=authorization_code -d client_id=EDUSIM -d "code=$CODE" \
  -d "redirect_uri=$REDIRECT" -d state=0b7f1c2e-1111-4111-8111-111111111111 --data-urlencode "timestamp=2026.11.23 10:00:05 +0300" -d client_secret=unchecked -d token_type=Bearer)
ACCESS=$(printf '%s' "$TOKENS" | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')

# 4. Read the person: the oid is the token's urn:esia:sbj_id.
PAYLOAD=$(printf '%s' "$ACCESS" | cut -d. -f2 | tr '_-' '/+')
PAYLOAD="$PAYLOAD$(printf '%*s' $(((4 - ${#PAYLOAD} % 4) % 4)) '' | tr ' ' '=')"
OID=$(printf '%s' "$PAYLOAD" | base64 -d | sed -n 's/.*"urn:esia:sbj_id":\([0-9]*\).*/\1/p')
curl -sf -H "Authorization: Bearer $ACCESS" "$BASE/esia/rs/prns/$OID"
echo
