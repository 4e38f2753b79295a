#!/bin/sh
# One-command install of qse-bms on Raspberry Pi OS (run as root):
#   sudo packaging/install.sh [--jar bms/target/qse-bms.jar] [--config config/examples/pi-4s-ads1115.yaml] [--start]
# Puts the jar in /opt/qse-bms, the configuration in /etc/qse-bms (an existing one is kept),
# the systemd unit in /etc/systemd/system, creates the system user qse-bms in the groups
# i2c, gpio and spi, gives that group the watchdog device, and enables the service.
# Re-running it upgrades the jar and unit in place. See docs/deployment.md.
set -eu

here=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
root=$(dirname -- "$here")
jar="$root/bms/target/qse-bms.jar"
config="$root/config/examples/pi-4s-ads1115.yaml"
start=no
prefix="${QSE_BMS_PREFIX:-}"   # for a dry run into a staging directory

while [ $# -gt 0 ]; do
    case "$1" in
        --jar) jar="$2"; shift 2 ;;
        --config) config="$2"; shift 2 ;;
        --start) start=yes; shift ;;
        -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
        *) echo "install.sh: unknown argument '$1'; use --jar FILE, --config FILE or --start" >&2; exit 2 ;;
    esac
done

fail() { echo "install.sh: $*" >&2; exit 1; }

[ -z "$prefix" ] && [ "$(id -u)" -ne 0 ] && fail "run as root (sudo $0 ...)"
[ -f "$jar" ] || fail "jar $jar not found; build it with ./mvnw -pl bms -am package or pass --jar FILE"
[ -f "$config" ] || fail "configuration $config not found; pass --config FILE (see config/examples/)"

java_bin=$(command -v java || true)
[ -n "$java_bin" ] || fail "no java on PATH; install a Java 21+ runtime (e.g. apt install openjdk-21-jre-headless on Raspberry Pi OS trixie, or Temurin 21 for arm64)"
java_bin=$(readlink -f "$java_bin")
java_major=$("$java_bin" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
[ "${java_major:-0}" -ge 21 ] 2>/dev/null || fail "$java_bin is Java ${java_major:-unknown}; qse-bms needs Java 21 or newer"

if [ -z "$prefix" ]; then
    for g in i2c gpio spi; do getent group "$g" >/dev/null || groupadd --system "$g"; done
    if ! getent passwd qse-bms >/dev/null; then
        useradd --system --home-dir /var/lib/qse-bms --no-create-home --shell /usr/sbin/nologin --user-group qse-bms
    fi
    usermod -a -G i2c,gpio,spi qse-bms
    if command -v raspi-config >/dev/null; then
        raspi-config nonint do_i2c 0 || echo "install.sh: could not enable I2C with raspi-config; enable it by hand" >&2
        raspi-config nonint do_spi 0 || echo "install.sh: could not enable SPI with raspi-config; enable it by hand" >&2
    fi
fi

install -d -m 0755 "$prefix/opt/qse-bms" "$prefix/opt/qse-bms/docs" "$prefix/etc/qse-bms"
install -d -m 0750 "$prefix/var/lib/qse-bms"
install -m 0644 "$jar" "$prefix/opt/qse-bms/qse-bms.jar"
for doc in deployment.md wiring.md; do
    [ -f "$root/docs/$doc" ] && install -m 0644 "$root/docs/$doc" "$prefix/opt/qse-bms/docs/$doc"
done
if [ -f "$prefix/etc/qse-bms/qse-bms.yaml" ]; then
    install -m 0640 "$config" "$prefix/etc/qse-bms/qse-bms.yaml.new"
    echo "kept existing /etc/qse-bms/qse-bms.yaml; the new example is qse-bms.yaml.new"
else
    install -m 0640 "$config" "$prefix/etc/qse-bms/qse-bms.yaml"
fi
install -d -m 0755 "$prefix/etc/systemd/system" "$prefix/etc/udev/rules.d"
sed "s#@JAVA@#$java_bin#" "$here/qse-bms.service" > "$prefix/etc/systemd/system/qse-bms.service"
chmod 0644 "$prefix/etc/systemd/system/qse-bms.service"
# /dev/watchdog is root-only by default; let the service group open it
echo 'KERNEL=="watchdog*", GROUP="qse-bms", MODE="0660"' > "$prefix/etc/udev/rules.d/60-qse-bms-watchdog.rules"

if [ -z "$prefix" ]; then
    chown root:qse-bms /etc/qse-bms/qse-bms.yaml* 
    chown qse-bms:qse-bms /var/lib/qse-bms
    udevadm control --reload-rules && udevadm trigger --subsystem-match=watchdog || true
    systemctl daemon-reload
    systemctl enable qse-bms.service
    echo "installed; check the wiring with:"
    echo "  sudo -u qse-bms $java_bin -jar /opt/qse-bms/qse-bms.jar hal probe --config /etc/qse-bms/qse-bms.yaml"
    if [ "$start" = yes ]; then
        systemctl restart qse-bms.service
        systemctl --no-pager status qse-bms.service || true
    else
        echo "then start it with: sudo systemctl start qse-bms"
    fi
else
    echo "staged into $prefix (no users, groups or services touched)"
fi
