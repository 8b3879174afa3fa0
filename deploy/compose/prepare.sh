#!/usr/bin/env bash
# Prepares deploy/compose for 'docker compose up': writes .env with random secrets (mode 600) unless it exists, then
# renders the Keycloak realm (deploy/local/keycloak/afterhours-realm.json.template, as ./afterhours up does) and the
# Prometheus client secret into secrets/ (a directory only you can enter). Re-run it after editing .env; Keycloak
# imports the realm on its first start only (docker compose down -v starts over).
set -euo pipefail
cd "$(dirname "$0")"
umask 077
random_secret() { head -c 24 /dev/urandom | base64 | tr -d '\n' | tr '+/' '-_'; }

if [ ! -f .env ]; then
  {
    echo "# written by deploy/compose/prepare.sh on $(date -u +%Y-%m-%dT%H:%MZ); never commit this file"
    echo "COMPOSE_PROJECT_NAME=afterhours"
    for key in KEYCLOAK_ADMIN_PASSWORD DEMO_PASSWORD_ADA DEMO_PASSWORD_ALICE DEMO_PASSWORD_CAROL DEMO_PASSWORD_VICTOR \
        PROMETHEUS_CLIENT_SECRET AFTERHOURS_WEBHOOK_SECRET AFTERHOURS_ACK_LINK_KEY_SECRET GRAFANA_ADMIN_PASSWORD; do
      echo "$key=$(random_secret)"
    done
    echo "AFTERHOURS_ACK_LINK_KEY_ID=compose-$(date -u +%Y%m%d)"
  } > .env
  echo "wrote $(pwd)/.env (random secrets, mode 600)"
fi
# The optional channels' credentials: present in .env, blank (channel off) until you fill them in. Added to an .env
# written before they existed, too.
for key in TWILIO_ACCOUNT_SID TWILIO_AUTH_TOKEN TWILIO_FROM_NUMBER TWILIO_INGEST_PUBLIC_BASE_URL SLACK_BOT_TOKEN \
    SLACK_SIGNING_SECRET; do
  grep -q "^$key=" .env || echo "$key=" >> .env
done
set -a
# shellcheck disable=SC1091 # written just above, or by hand from .env.example
. ./.env
set +a
for key in KEYCLOAK_ADMIN_PASSWORD DEMO_PASSWORD_ADA DEMO_PASSWORD_ALICE DEMO_PASSWORD_CAROL DEMO_PASSWORD_VICTOR \
    PROMETHEUS_CLIENT_SECRET AFTERHOURS_WEBHOOK_SECRET AFTERHOURS_ACK_LINK_KEY_ID AFTERHOURS_ACK_LINK_KEY_SECRET \
    GRAFANA_ADMIN_PASSWORD; do
  [ -n "${!key:-}" ] || { echo "$key is empty in $(pwd)/.env" >&2; exit 1; }
done

mkdir -p secrets
chmod 700 secrets
content=$(< ../local/keycloak/afterhours-realm.json.template)
for user in ada alice carol victor; do
  var=DEMO_PASSWORD_${user^^}
  content=${content//@PASSWORD_$user@/${!var}}
done
content=${content//@CLIENT_SECRET_prometheus@/$PROMETHEUS_CLIENT_SECRET}
printf '%s\n' "$content" > secrets/afterhours-realm.json
printf '%s' "$PROMETHEUS_CLIENT_SECRET" > secrets/prometheus.client-secret
# Keycloak (uid 1000) and Prometheus (uid 65534) read these through bind mounts: readable files, in a directory
# that no other user of this host can enter.
chmod 644 secrets/afterhours-realm.json secrets/prometheus.client-secret
echo "rendered secrets/afterhours-realm.json and secrets/prometheus.client-secret"
