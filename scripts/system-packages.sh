#!/usr/bin/env bash
# The Debian/Ubuntu packages the program and its tests use. Installs the missing ones when run
# as root; otherwise prints the one `apt-get install` line to run.
#
# usage: scripts/system-packages.sh test|run|check   install (or name) what that group needs
#        scripts/system-packages.sh list GROUP       print the group's packages on one line
#   test   Qt offscreen (tests, screenshots, Qt's own tools) and the programs the tests call
#          (the packaging test and `make package` too: PyInstaller reads binaries with objdump)
#   run    the above and what a real window on X11 needs
#   check  the above and what scripts/check-*.sh use (they run as root, outside `make test`)
set -euo pipefail

# The system libraries Qt needs, kept in one place with the .deb's Depends
# (packaging/linux/runtime-packages.txt: "package group" lines)
here=$(cd "$(dirname "$0")/.." && pwd)
runtime_group() { awk -v g="$1" '!/^#/ && $2 == g {print $1}' "$here/packaging/linux/runtime-packages.txt" | tr '\n' ' '; }
# Qt offscreen: GL/EGL, fonts, glib (also for pyside6-lrelease), dbus, xkb
QT_OFFSCREEN=$(runtime_group offscreen)
# a real window on X11
QT_X11=$(runtime_group window)
# Every program outside Python that the code or the tests call, as program:package. A test
# (tests/rules/test_system_packages.py) reads every subprocess call of the code and the tests
# and fails on a program missing here. PostgreSQL's server programs (the tests' throw-away server,
# tests/throwaway_server.py) live in /usr/lib/postgresql/<version>/bin, off the PATH.
TEST_PROGRAMS="pdftotext:poppler-utils pdftoppm:poppler-utils pdfinfo:poppler-utils pdffonts:poppler-utils mount:mount umount:mount desktop-file-validate:desktop-file-utils objdump:binutils git:git dpkg:dpkg dpkg-deb:dpkg dpkg-query:dpkg initdb:postgresql pg_ctl:postgresql psql:postgresql-client"
CHECK_PROGRAMS="debootstrap:debootstrap faketime:faketime git:git"
# The tests' server signs certificates in PL/Python (db/server/signing.py), whose Python needs
# cryptography: Debian's packages for the server's version (bookworm's postgresql is 15)
SERVER_SIGNING="postgresql-plpython3-15 python3-cryptography"

# PyInstaller (make package, and the packaging test in make test) bundles the Python library,
# which Debian's python3 keeps in a package of its own (libpython3.X)
python_version=$("${PYTHON:-python3}" -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null || true)
PYTHON_LIBRARY=${python_version:+libpython$python_version}

packages_of() {  # program:package pairs -> the packages, once each
  for pair in $1; do echo "${pair#*:}"; done | awk '!seen[$0]++' | tr '\n' ' '
}

group=${1:-test}
case "$group" in
  list) group=${2:-test}; listing=1 ;;
  *) listing=0 ;;
esac
case "$group" in
  test) wanted="$QT_OFFSCREEN $(packages_of "$TEST_PROGRAMS") $SERVER_SIGNING $PYTHON_LIBRARY" ;;
  run) wanted="$QT_OFFSCREEN $QT_X11 $(packages_of "$TEST_PROGRAMS") $SERVER_SIGNING $PYTHON_LIBRARY" ;;
  check) wanted="$QT_OFFSCREEN $(packages_of "$TEST_PROGRAMS") $(packages_of "$CHECK_PROGRAMS") $SERVER_SIGNING $PYTHON_LIBRARY" ;;
  *) echo "usage: $0 test|run|check, or $0 list test|run|check" >&2; exit 2 ;;
esac
if [ "$listing" = 1 ]; then
  echo $wanted
  exit 0
fi

command -v dpkg-query >/dev/null 2>&1 || exit 0   # not Debian-like: nothing to do here
missing=""
for p in $wanted; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing system packages:$missing"
  apt-get update -qq
  # what the program and the tests use, not what the packages recommend beside it: on a
  # minimal Debian, postgresql's recommends bring cron and a mail server whose set-up fails
  log=$(mktemp)
  if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >"$log" 2>&1; then
    tail -25 "$log" >&2
    rm -f "$log"
    echo "Installing the system packages failed (above, apt's last words)." >&2
    exit 1
  fi
  rm -f "$log"
else
  echo "Zone Desk needs these system packages; please install them (as root):" >&2
  echo "  apt-get install$missing" >&2
fi
