#!/usr/bin/env bash
# Runs a command inside an image tarball written by ./mvnw -Pimages package, without a container engine: unpacks
# its layers (OCI layout) into a temporary directory and runs the command there with chroot, as the image's user,
# with the image's environment, /proc and /dev bound in as a container engine would. Needs root (chroot, mounts).
# For example:
#   deploy/images/try-image.sh ingest-service/target/jib-image.tar java -version
#   deploy/images/try-image.sh -e SPRING_KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:9092 ingest-service/target/jib-image.tar
# (-e NAME=value, as docker run's, adds to the image's environment; without a command the entrypoint runs). The host's
# network is shared, so a service in the image reaches a Kafka on the host's 127.0.0.1.
set -euo pipefail
extra_env=()
while [ "${1:-}" = -e ]; do extra_env+=("$2"); shift 2; done
tarball=$(readlink -f "${1:?usage: try-image.sh [-e NAME=value]... <jib-image.tar> [command...]}"); shift
[ "$(id -u)" = 0 ] || { echo "try-image.sh needs root (chroot)" >&2; exit 1; }
dir=$(mktemp -d)
cleanup() {
  umount "$dir/root/proc" 2>/dev/null || true
  umount "$dir/root/dev" 2>/dev/null || true
  # never recurse into a bind mount of the host's /dev or /proc
  if mountpoint -q "$dir/root/dev" || mountpoint -q "$dir/root/proc"; then
    echo "try-image.sh: $dir is still mounted; left in place" >&2
  else
    rm -rf --one-file-system "$dir"
  fi
}
trap cleanup EXIT
tar -xf "$tarball" -C "$dir"
mkdir -p "$dir/root"
python3 - "$dir" > "$dir/config.env" <<'PY'
import json, shlex, subprocess, sys
d = sys.argv[1]
blob = lambda digest: f"{d}/blobs/sha256/{digest.split(':')[1]}"
index = json.load(open(f"{d}/index.json"))
manifest = json.load(open(blob(index["manifests"][0]["digest"])))
config = json.load(open(blob(manifest["config"]["digest"])))["config"]
for layer in manifest["layers"]:
    subprocess.run(["tar", "--warning=no-unknown-keyword", "-xzf", blob(layer["digest"]), "-C", f"{d}/root"], check=True)
print("user=" + shlex.quote(config.get("User", "0:0")))
print("env=(" + " ".join(shlex.quote(e) for e in config.get("Env", [])) + ")")
print("entrypoint=(" + " ".join(shlex.quote(a) for a in config.get("Entrypoint", [])) + ")")
PY
# shellcheck disable=SC1091 # written just above
. "$dir/config.env"
mkdir -p "$dir/root/proc" "$dir/root/dev"
mount --bind /proc "$dir/root/proc"
mount --bind /dev "$dir/root/dev"
if [ $# -eq 0 ]; then set -- "${entrypoint[@]}"; fi
echo "[try-image] as $user in $(basename "$tarball")'s filesystem: $*" >&2
cd /
env -i "${env[@]}" "${extra_env[@]}" "$(command -v chroot)" --userspec="$user" "$dir/root" "$@"
