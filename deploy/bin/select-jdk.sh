# shellcheck shell=bash
# Sourced by ./afterhours and .ci/run: makes JAVA_HOME and PATH point at a JDK 21 or newer.
# Looks at $JAVA_HOME, the java on PATH, then the usual install folders; fails with a clear message otherwise.

afterhours_java_major() {
  "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}' | cut -d. -f1
}

afterhours_select_jdk() {
  local candidate major
  for candidate in ${JAVA_HOME:+"$JAVA_HOME/bin/java"} "$(command -v java 2>/dev/null)" \
      /usr/lib/jvm/*/bin/java /usr/local/lib/jvm/*/bin/java /opt/java/*/bin/java /opt/*jdk*/bin/java \
      "$HOME"/.sdkman/candidates/java/*/bin/java; do
    if [ -z "$candidate" ] || [ ! -x "$candidate" ]; then continue; fi
    major=$(afterhours_java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 21 ] 2>/dev/null && [ -x "$(dirname "$candidate")/javac" ]; then
      JAVA_HOME=$(cd "$(dirname "$(readlink -f "$candidate")")/.." && pwd)
      export JAVA_HOME
      export PATH="$JAVA_HOME/bin:$PATH"
      return 0
    fi
  done
  echo "Afterhours needs a JDK 21 or newer and found none (looked at JAVA_HOME, PATH and /usr/lib/jvm)." >&2
  echo "Install one (e.g. 'apt-get install openjdk-21-jdk' or Temurin 21+) or set JAVA_HOME to it." >&2
  return 1
}
