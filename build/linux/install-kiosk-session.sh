#!/bin/sh
# Makes this machine boot straight into Clinic Kiosk, alone on tty1 under the cage kiosk
# compositor. Run as root, once, after installing the .deb (README.md has the whole procedure).
#
#   sudo sh install-kiosk-session.sh [path to the clinic-kiosk executable]
#
# It creates the `kiosk` user, installs the systemd unit and its PAM stack, turns off the magic
# SysRq keys and Ctrl+Alt+Del, and enables the unit. It changes nothing it does not name here,
# and running it again is harmless.
set -eu

APP=${1:-"/opt/Clinic Kiosk/clinic-kiosk"}
HERE=$(cd "$(dirname "$0")" && pwd)
KIOSK_USER=kiosk

fail() {
  echo "install-kiosk-session: $*" >&2
  exit 1
}

[ "$(id -u)" -eq 0 ] || fail "run this as root (sudo)."
[ -x "$APP" ] || fail "no Clinic Kiosk executable at \"$APP\"; install the .deb first or pass its path."
command -v cage >/dev/null 2>&1 || fail "cage is not installed (Debian/Ubuntu: apt install cage)."
command -v systemctl >/dev/null 2>&1 || fail "this machine does not run systemd."
case "$APP" in
  *'"'* | *'\'* | *'#'* | *'&'*) fail "the executable's path may not contain \", \\, # or &." ;;
esac

# A user for the kiosk alone: no password, no login shell. logind grants its session the seat's
# devices, so it needs no extra groups.
if ! id "$KIOSK_USER" >/dev/null 2>&1; then
  useradd --create-home --user-group --shell /usr/sbin/nologin \
    --comment "Clinic Kiosk" "$KIOSK_USER"
  echo "install-kiosk-session: created the user \"$KIOSK_USER\"."
fi

install -m 0644 "$HERE/pam.d/clinic-kiosk" /etc/pam.d/clinic-kiosk
sed "s#/opt/Clinic Kiosk/clinic-kiosk#$APP#" "$HERE/clinic-kiosk.service" \
  > /etc/systemd/system/clinic-kiosk.service
chmod 0644 /etc/systemd/system/clinic-kiosk.service

install -m 0644 "$HERE/90-clinic-kiosk.conf" /etc/sysctl.d/90-clinic-kiosk.conf
sysctl --quiet --load /etc/sysctl.d/90-clinic-kiosk.conf || true
# Ctrl+Alt+Del on the console would otherwise reboot the machine.
systemctl mask --quiet ctrl-alt-del.target

systemctl daemon-reload
systemctl set-default graphical.target
systemctl enable clinic-kiosk.service

echo "install-kiosk-session: done. Disable any display manager (for example"
echo "  systemctl disable gdm3 lightdm sddm), then reboot: the kiosk starts on tty1."
