#!/usr/bin/env bash
# Checks sign-in against a running ./afterhours up (real Keycloak): the write requests anonymous and as a viewer
# (401/403 expected), anonymous reads (401), the right roles (2xx), an API key, and webhooks pointing inward (400).
#   deploy/bin/check-access.sh [project root]
set -uo pipefail
cd "${1:-$(dirname "$0")/../..}" || exit 1
BODY=$(mktemp); trap 'rm -f "$BODY"' EXIT
I=http://127.0.0.1:8180; C=http://127.0.0.1:8181; S=http://127.0.0.1:8182; N=http://127.0.0.1:8183
ADA=$(./afterhours token ada); ALICE=$(./afterhours token alice); VICTOR=$(./afterhours token victor)
run=$(date +%s)
req() { # label token method url body
  local auth=(); [ -n "$2" ] && auth=(-H "Authorization: Bearer $2")
  local code; code=$(curl -s -o "$BODY" -w '%{http_code}' -X "$3" "${auth[@]}" -H 'Content-Type: application/json' "$4" ${5:+-d "$5"})
  printf '%-10s %-6s %-70s %s\n' "$1" "$3" "${4#http://127.0.0.1}" "$code"
}
writes=(
 "POST|$I/api/v1/messages|{\"channel\":\"SMS\",\"providerMessageId\":\"ac-$run-1\",\"from\":\"+15550100001\",\"body\":\"site is down\"}"
 "POST|$I/api/v1/messages|{\"channel\":\"EMAIL\",\"direction\":\"OUTBOUND\",\"providerMessageId\":\"ac-$run-2\",\"from\":\"alice@agency.example\",\"to\":[\"dana@acme-shop.example\"],\"body\":\"Fixed\"}"
 "PUT|$I/api/v1/directory/staff/mallory|{\"staffId\":\"mallory\",\"name\":\"M\",\"zone\":\"UTC\"}"
 "DELETE|$I/api/v1/directory/staff/alice|"
 "PUT|$I/api/v1/directory/clients/acme-shop|{}"
 "DELETE|$I/api/v1/directory/clients/acme-shop|"
 "PUT|$I/api/v1/directory/rotations/after-hours|{}"
 "DELETE|$I/api/v1/directory/rotations/after-hours|"
 "PUT|$I/api/v1/directory/escalation-policies/agency-default|{}"
 "DELETE|$I/api/v1/directory/escalation-policies/agency-default|"
 "POST|$C/api/v1/messages/no-such/urgency|{\"urgency\":\"LOW\",\"reason\":\"r\"}"
 "POST|$N/api/v1/notifications/no-such/ack|{}"
 "POST|$I/api/v1/admin/api-keys|{\"name\":\"x\",\"scopes\":[\"messages:write\"]}"
)
echo "== anonymous"; for w in "${writes[@]}"; do IFS='|' read -r m u b <<< "$w"; req anonymous "" "$m" "$u" "$b"; done
echo "== viewer (victor)"; for w in "${writes[@]}"; do IFS='|' read -r m u b <<< "$w"; req viewer "$VICTOR" "$m" "$u" "$b"; done
echo "== reads, anonymous"
for u in "$I/api/v1/directory/clients" "$I/api/v1/directory/staff" "$N/api/v1/notifications?clientId=acme-shop" "$S/api/v1/sla/open" "$C/api/v1/corrections/export" "$I/actuator/prometheus" "$N/actuator/env"; do req anonymous "" GET "$u"; done
curl -s "$I/actuator/health"; echo
echo "== the right role"
req staff "$ALICE" POST "$I/api/v1/messages" "{\"channel\":\"SMS\",\"providerMessageId\":\"ac-$run-3\",\"from\":\"+15550100001\",\"body\":\"site is down\"}"
req staff "$ALICE" POST "$I/api/v1/messages" "{\"channel\":\"EMAIL\",\"direction\":\"OUTBOUND\",\"providerMessageId\":\"ac-$run-4\",\"from\":\"alice@agency.example\",\"to\":[\"dana@acme-shop.example\"],\"body\":\"Fixed\"}"
req admin "$ADA" PUT "$I/api/v1/directory/staff/mallory-$run" "{\"staffId\":\"mallory-$run\",\"name\":\"M\",\"zone\":\"UTC\",\"email\":\"mallory-$run@agency.example\"}"
req admin "$ADA" DELETE "$I/api/v1/directory/staff/mallory-$run"
req viewer "$VICTOR" GET "$S/api/v1/sla/open"
req viewer "$VICTOR" GET "$N/api/v1/notifications?clientId=acme-shop"
req staff "$ALICE" GET "$I/api/v1/directory/clients"
req admin "$ADA" POST "$I/api/v1/admin/api-keys" "{\"name\":\"check-$run\",\"scopes\":[\"messages:write\"]}"
KEY=$(sed -n 's/.*"key":"\([^"]*\)".*/\1/p' "$BODY")
code=$(curl -s -o /dev/null -w '%{http_code}' -H "X-Api-Key: $KEY" -H 'Content-Type: application/json' "$I/api/v1/messages" -d "{\"channel\":\"SMS\",\"providerMessageId\":\"ac-$run-5\",\"from\":\"+15550100001\",\"body\":\"hello\"}")
echo "api key    POST   /api/v1/messages                                               $code"
echo "== webhook URLs that point inward, at save time"
for url in http://127.0.0.1:9/x http://169.254.169.254/latest/meta-data http://10.0.0.1/x; do
  req admin "$ADA" PUT "$I/api/v1/directory/staff/ssrf-$run" "{\"staffId\":\"ssrf-$run\",\"name\":\"S\",\"zone\":\"UTC\",\"webhookUrl\":\"$url\"}"
  printf '%s\n' "$(sed -n 's/.*\("problems":\[[^]]*\]\).*/    \1/p' "$BODY")"
done
