#!/usr/bin/env bash
# Runs the README's test command with every process's clock shifted (libfaketime), e.g. a year ahead or back:
#   deploy/bin/verify-shifted-clock.sh +365d
#   deploy/bin/verify-shifted-clock.sh -365d
# Proves that no test depends on the day it was written. Needs Debian's faketime package (apt-get install faketime).
# Monotonic clocks are left alone: the JVM's timeouts and Kafka's timers must keep measuring real time. The
# "monotonic fix" libfaketime turns on by itself for this glibc is turned off: with it, every timed wait of the JVM
# returns at once and the threads spin (measured: 20 threads waiting 7.5 s used 6.3 s of CPU with it, 0.1 s without).
set -euo pipefail
cd "$(dirname "$0")/../.."
shift_by=${1:?usage: deploy/bin/verify-shifted-clock.sh <shift, e.g. +365d or -365d> [maven args...]}
shift
lib=$(find /usr/lib -path "*/faketime/libfaketime.so.1" 2>/dev/null | head -1)
[ -n "$lib" ] || { echo "libfaketime not found: apt-get install faketime" >&2; exit 1; }
source deploy/bin/select-jdk.sh
afterhours_select_jdk
echo "Clock shifted by $shift_by: $(LD_PRELOAD=$lib FAKETIME=$shift_by date -u +%FT%TZ)"
# Offline (-o) once dependencies are cached: a shifted clock can make TLS certificates look not yet or no longer valid.
LD_PRELOAD=$lib FAKETIME="$shift_by" FAKETIME_DONT_FAKE_MONOTONIC=1 FAKETIME_FORCE_MONOTONIC_FIX=0 ./mvnw -o -B verify "$@"
