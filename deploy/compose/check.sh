#!/usr/bin/env bash
# Validates compose.yaml with the Compose client alone (no Docker engine needed): 'docker compose config', or the
# older 'docker-compose config' (Debian's docker-compose package). Uses .env.example's keys with placeholder values,
# so it needs no secret. Exits 0 with a message when no Compose client is installed (ComposeFileTest still checks the
# file's structure in ./mvnw verify).
set -euo pipefail
cd "$(dirname "$0")"
if docker compose version >/dev/null 2>&1; then
  compose=(docker compose)
elif command -v docker-compose >/dev/null 2>&1; then
  compose=(docker-compose)
else
  echo "SKIPPED: no Compose client (docker compose plugin or docker-compose); compose.yaml not checked by Compose" >&2
  exit 0
fi
env_file=$(mktemp)
trap 'rm -f "$env_file"' EXIT
sed -n -e 's/^COMPOSE_PROJECT_NAME=.*/&/p' -e 's/^\([A-Z_][A-Z0-9_]*\)=$/\1=placeholder/p' .env.example > "$env_file"
"${compose[@]}" --env-file "$env_file" -f compose.yaml config --quiet
echo "compose.yaml is valid for ${compose[*]} ($("${compose[@]}" version --short 2>/dev/null || true))"
