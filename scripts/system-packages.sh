#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages Qt needs, when missing and when run as root.
# usage: scripts/system-packages.sh test|run
set -euo pipefail
# Qt offscreen (tests, screenshots): GL/EGL, fonts, glib, dbus, xkb
TEST_PACKAGES="libegl1 libgl1 libglx0 libfontconfig1 libfreetype6 libglib2.0-0 libdbus-1-3 libxkbcommon0 libx11-6 libx11-xcb1"
# a real window on X11 in addition
RUN_PACKAGES="$TEST_PACKAGES libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xfixes0 libxcb-xkb1 libxcb-sync1 libxcb-shm0 libxkbcommon-x11-0"
case "${1:-test}" in
  test) wanted=$TEST_PACKAGES ;;
  run) wanted=$RUN_PACKAGES ;;
  *) echo "usage: $0 test|run" >&2; exit 2 ;;
esac
command -v dpkg-query >/dev/null 2>&1 || exit 0   # not Debian-like: nothing to do here
missing=""
for p in $wanted; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing system packages:$missing"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
else
  echo "Qt needs these system packages; please install them (as root):" >&2
  echo "  apt-get install$missing" >&2
fi
