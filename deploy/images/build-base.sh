#!/usr/bin/env bash
# Assembles the base of the service images offline, into <out>/rootfs (the images profile runs it; Jib adds the
# directory on top of 'scratch'). No registry is reachable from our machines, so no base image is pulled; instead:
#   /opt/java        a Java runtime jlinked from the JDK that runs the build (21 or newer)
#   /lib, /usr/lib   glibc, zlib, libstdc++ and libgcc from Debian's packages (apt-get download; no root needed):
#                    the JVM needs glibc and zlib, RocksDB's JNI library (the scheduler's state stores) the C++ runtime
#   /etc/passwd      the user nonroot (65532), whom the images run as
#   /opt/afterhours/healthcheck   HealthCheck.class, for health checks without a shell
# Idempotent: an existing complete rootfs is kept (delete <out> to rebuild it, e.g. after a Debian security update).
set -euo pipefail
out=${1:?usage: build-base.sh <output directory>}
here=$(cd "$(dirname "$0")" && pwd)
rootfs=$out/rootfs
if [ -f "$out/complete" ]; then exit 0; fi
java_home=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
for tool in jlink javac; do
  [ -x "$java_home/bin/$tool" ] || { echo "build-base.sh: $java_home/bin/$tool missing: set JAVA_HOME to a JDK 21+" >&2; exit 1; }
done
command -v apt-get >/dev/null && command -v dpkg-deb >/dev/null \
  || { echo "build-base.sh: needs apt-get and dpkg-deb (a Debian or Ubuntu machine) to fetch glibc and zlib" >&2; exit 1; }

rm -rf "$out"
mkdir -p "$out/debs" "$rootfs/etc" "$rootfs/tmp" "$rootfs/opt/afterhours/healthcheck"

# The runtime: every Java SE module plus what Spring Boot, Kafka and Micrometer reach for outside it.
"$java_home/bin/jlink" --add-modules java.se,jdk.unsupported,jdk.management,jdk.crypto.ec,jdk.naming.dns,jdk.zipfs \
  --strip-debug --no-man-pages --no-header-files --compress=zip-6 --output "$rootfs/opt/java"

# The C and C++ libraries the runtime and RocksDB's JNI library link against, from the machine's Debian sources.
packages=(libc6 zlib1g libstdc++6 libgcc-s1)
(cd "$out/debs" && apt-get download "${packages[@]}" >/dev/null) \
  || { echo "build-base.sh: apt-get download ${packages[*]} failed (no package lists? run apt-get update once)" >&2; exit 1; }
for deb in "$out"/debs/*.deb; do dpkg-deb -x "$deb" "$rootfs"; done
rm -rf "$rootfs/usr/share/doc" "$rootfs/usr/share/lintian" "$rootfs/usr/share/locale" "$rootfs/usr/share/gcc" "$rootfs/usr/share/gdb"
# Jib copies files, not links: replace every symbolic link by the file it names inside the rootfs.
while IFS= read -r link; do
  target=$(readlink "$link")
  case "$target" in
    /*) resolved=$rootfs$target ;;
    *) resolved=$(dirname "$link")/$target ;;
  esac
  if [ -e "$resolved" ] && [ ! -d "$resolved" ]; then cp --remove-destination "$resolved" "$link"; else rm -f "$link"; fi
done < <(find "$rootfs" -type l)
# The ELF interpreter every binary names, wherever this Debian release keeps it.
if [ ! -e "$rootfs/lib64/ld-linux-x86-64.so.2" ]; then
  mkdir -p "$rootfs/lib64"
  cp "$(find "$rootfs" -name 'ld-linux-x86-64.so.2' -type f | head -1)" "$rootfs/lib64/"
fi

printf 'root:x:0:0:root:/root:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n' > "$rootfs/etc/passwd"
printf 'root:x:0:\nnonroot:x:65532:\n' > "$rootfs/etc/group"
"$java_home/bin/javac" --release 21 -d "$rootfs/opt/afterhours/healthcheck" "$here/HealthCheck.java"
ls "$out/debs" > "$out/debian-packages.txt"   # what went in, with versions
"$rootfs/opt/java/bin/java" -version > "$out/java-version.txt" 2>&1
touch "$out/complete"
echo "image base in $rootfs ($(du -sh "$rootfs" | cut -f1))"
