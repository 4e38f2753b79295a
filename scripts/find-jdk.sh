#!/usr/bin/env bash
# Prints the path of the newest JDK 21+ found in JAVA_HOME, on the PATH or under /usr/lib/jvm
# (and /Library/Java/JavaVirtualMachines on macOS); exits 1 with a clear message when none is found.
java_major() {
  "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}' | cut -d. -f1
}
candidates=()
[ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
if command -v javac >/dev/null 2>&1; then
  candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")")
fi
for d in /usr/lib/jvm/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do [ -d "$d" ] && candidates+=("$d"); done
best="" best_v=0
for c in "${candidates[@]}"; do
  if [ -x "$c/bin/java" ] && [ -x "$c/bin/javac" ]; then
    v=$(java_major "$c/bin/java"); v=${v:-0}
    if [ "$v" -ge 21 ] && [ "$v" -gt "$best_v" ]; then best="$c"; best_v=$v; fi
  fi
done
if [ -z "$best" ]; then
  echo "qse-bms needs a JDK 21 or newer; none found in JAVA_HOME, on the PATH or in /usr/lib/jvm. Install one (e.g. Temurin 21) and set JAVA_HOME." >&2
  exit 1
fi
echo "$best"
