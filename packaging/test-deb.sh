#!/usr/bin/env bash
# Installs the built Debian package for real and takes it out again (CI runs this after the tests;
# a developer can too, as root, on a machine or container without qse-bms installed):
#   dpkg -i bms/target/qse-bms_*_all.deb (a Java 21+ runtime package first, if apt has one),
#   qse-bms --version, the unit's ExecStart line with --simulated for 10 s as the service user,
#   dpkg -r (configuration and state stay), dpkg -P (both go). Fails on the first thing wrong.
set -euo pipefail
cd "$(dirname "$0")/.."

fail() { echo "test-deb: FAIL: $*" >&2; exit 1; }
say() { echo "test-deb: $*"; }
installed() { [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" = "install ok installed" ]; }

[ "$(id -u)" -eq 0 ] || fail "run as root (it installs and removes the package)"
shopt -s nullglob
debs=(bms/target/qse-bms_*_all.deb)
[ "${#debs[@]}" -eq 1 ] || fail "expected one bms/target/qse-bms_*_all.deb, found ${#debs[@]}; build with ./mvnw package"
deb=${debs[0]}
version=$(dpkg-deb -f "$deb" Version)
say "package $deb (version $version)"
if installed qse-bms; then
    fail "qse-bms is already installed here; this test installs and purges it, so purge it first (dpkg -P qse-bms)"
fi

stub=""
cleanup() {
    if installed qse-bms; then dpkg -P qse-bms >/dev/null 2>&1 || true; fi
    if [ -n "$stub" ] && installed "$stub"; then dpkg -P "$stub" >/dev/null 2>&1 || true; fi
    return 0
}
trap cleanup EXIT

# The Depends line wants a Java 21+ runtime package. Install Debian's if apt has one (trixie:
# openjdk-21/25); where it has none (bookworm), the JDK this build runs on (JAVA_HOME, not from a
# package) is declared to dpkg by a local stub package that provides java21-runtime-headless.
provided=$(dpkg-query -W -f='${Provides}\n' 2>/dev/null | tr ',' '\n' | grep -c 'java21-runtime-headless' || true)
if [ "$provided" -eq 0 ]; then
    for jre in openjdk-21-jre-headless openjdk-25-jre-headless; do
        if apt-cache policy "$jre" 2>/dev/null | grep -q 'Candidate: [0-9]'; then
            say "installing $jre for the package's Depends"
            DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$jre" >/dev/null
            break
        fi
    done
fi
provided=$(dpkg-query -W -f='${Provides}\n' 2>/dev/null | tr ',' '\n' | grep -c 'java21-runtime-headless' || true)
if [ "$provided" -eq 0 ]; then
    [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] || fail "no Java 21+ package in apt and no JAVA_HOME"
    stub=qse-bms-test-local-java
    dir=$(mktemp -d)
    mkdir -p "$dir/DEBIAN"
    printf '%s\n' "Package: $stub" "Version: 1" "Architecture: all" "Maintainer: qse-bms CI <noreply@qse-bms.invalid>" \
        "Provides: java21-runtime-headless" \
        "Description: declares the Java 21+ in $JAVA_HOME (not from a package) to dpkg" > "$dir/DEBIAN/control"
    dpkg-deb --build --root-owner-group "$dir" "$dir.deb" >/dev/null
    dpkg -i "$dir.deb" >/dev/null
    rm -rf "$dir" "$dir.deb"
    say "apt has no Java 21+ runtime here; declared $JAVA_HOME to dpkg with the stub package $stub"
fi

say "dpkg -i"
dpkg -i "$deb"
installed qse-bms || fail "dpkg -i left qse-bms not installed"
wants=/etc/systemd/system/multi-user.target.wants/qse-bms.service
[ ! -e "$wants" ] || fail "a first install enabled the service; it must wait until the wiring is checked"
say "dpkg -i again (reinstall over itself, the upgrade path)"
dpkg -i "$deb" >/dev/null

for f in /usr/bin/qse-bms /usr/share/qse-bms/qse-bms.jar /usr/lib/systemd/system/qse-bms.service \
        /etc/qse-bms/config.yaml /usr/lib/udev/rules.d/60-qse-bms-watchdog.rules; do
    [ -e "$f" ] || fail "$f not installed"
done
grep -qx /etc/qse-bms/config.yaml /var/lib/dpkg/info/qse-bms.conffiles || fail "config.yaml is not a conffile"
id qse-bms >/dev/null 2>&1 || fail "postinst did not create the user qse-bms"
for g in i2c gpio spi; do
    id -nG qse-bms | tr ' ' '\n' | grep -qx "$g" || fail "qse-bms is not in the group $g"
done
[ "$(stat -c %U:%a /var/lib/qse-bms)" = "qse-bms:750" ] || fail "/var/lib/qse-bms is $(stat -c %U:%a /var/lib/qse-bms)"
[ "$(stat -c %G:%a /etc/qse-bms/config.yaml)" = "qse-bms:640" ] || fail "config.yaml is $(stat -c %G:%a /etc/qse-bms/config.yaml)"
if command -v systemd-analyze >/dev/null 2>&1; then
    systemd-analyze verify /usr/lib/systemd/system/qse-bms.service || fail "systemd-analyze verify rejects the unit"
    say "systemd-analyze verify: unit OK"
fi

out=$(qse-bms --version)
echo "$out"
echo "$out" | grep -q "^qse-bms ${version//\~/-}" || fail "qse-bms --version printed '$out', expected qse-bms ${version//\~/-}"

if [ ! -e /proc/device-tree/model ]; then
    # off a Raspberry Pi the probe must finish its table with reasons and hints, without Pi4J's log
    say "qse-bms hal probe off a Pi"
    rc=0
    probe=$(cd /var/lib/qse-bms && runuser -u qse-bms -- env ${JAVA_HOME:+JAVA_HOME="$JAVA_HOME"} \
        qse-bms hal probe --config /etc/qse-bms/config.yaml 2>&1) || rc=$?
    echo "$probe" | head -n 12
    [ "$rc" -eq 1 ] || fail "hal probe off a Pi exited $rc, expected 1 (chips do not answer)"
    echo "$probe" | grep -q "hint: " || fail "hal probe gave no hint"
    echo "$probe" | grep -Eq "^  temperature 4 " || fail "hal probe did not finish its channel table"
    if echo "$probe" | grep -Eiq "pi4j|exception|^[[:space:]]+at "; then fail "hal probe printed Pi4J log lines"; fi
fi

unit=/usr/lib/systemd/system/qse-bms.service
exec_start=$(sed -n 's/^ExecStart=//p' "$unit")
java_opts=$(sed -n 's/^Environment="JAVA_OPTS=\(.*\)"$/\1/p' "$unit")
[ -n "$exec_start" ] || fail "no ExecStart= in $unit"
# As the unit would run it: user qse-bms, working directory /var/lib/qse-bms, the unit's JAVA_OPTS;
# --simulated runs the configured pack through the register-level emulators instead of the Pi's buses.
say "as qse-bms: $exec_start --simulated --duration 10s --broker-port 0"
log=$(mktemp)
# shellcheck disable=SC2086 # exec_start is the unit's command line, split on blanks as systemd does
(cd /var/lib/qse-bms && runuser -u qse-bms -- env JAVA_OPTS="$java_opts" ${JAVA_HOME:+JAVA_HOME="$JAVA_HOME"} \
    $exec_start --simulated --duration 10s --broker-port 0) >"$log" 2>&1 || { rc=$?; cat "$log"; fail "ExecStart line exited $rc"; }
cat "$log"
grep -q "stopped cleanly" "$log" || fail "the BMS did not report a clean stop"
if grep -qi "exception" "$log"; then fail "the run printed an exception"; fi
if grep -q "| SOC " "$log"; then fail "the status line reached the journal despite --no-status-line"; fi
[ -n "$(find /var/lib/qse-bms -maxdepth 1 -type f -user qse-bms -print -quit)" ] \
    || fail "the run left no state file in /var/lib/qse-bms"
[ ! -e /var/lib/qse-bms/logs ] || fail "the packaged command wrote log files; logs belong in the journal"
rm -f "$log"

say "dpkg -r"
dpkg -r qse-bms
[ ! -e /usr/bin/qse-bms ] || fail "dpkg -r left /usr/bin/qse-bms"
[ ! -e /usr/share/qse-bms/qse-bms.jar ] || fail "dpkg -r left the jar"
[ -f /etc/qse-bms/config.yaml ] || fail "dpkg -r removed the configuration (it must stay until purge)"
[ -d /var/lib/qse-bms ] || fail "dpkg -r removed the state (it must stay until purge)"
say "dpkg -P"
dpkg -P qse-bms
[ ! -e /etc/qse-bms ] || fail "dpkg -P left /etc/qse-bms"
[ ! -e /var/lib/qse-bms ] || fail "dpkg -P left /var/lib/qse-bms"
dpkg-query -W qse-bms >/dev/null 2>&1 && fail "dpkg still knows qse-bms after the purge"
[ ! -e "$wants" ] && [ ! -L /etc/systemd/system/qse-bms.service ] || fail "dpkg -P left a systemd enablement or mask"
# the system user stays by design (see postrm); this test removes it to leave the machine as it was
userdel qse-bms 2>/dev/null || true
say "package installed, ran, removed and purged cleanly"
