#!/usr/bin/env bash
# Proves the README's promise on a truly fresh machine: a minimal Debian (debootstrap
# --variant=minbase) with nothing but python3, python3-venv, make and git, a clone of this
# checkout's HEAD, and `make test` (or the target given) run inside it with chroot.
#
# usage (as root): scripts/check-fresh-machine.sh [--target test|run-check] [--dir DIR] [--keep]
#   --dir DIR   where the minimal system is made (default: a new folder under /var/tmp)
#   --keep      leave the folder behind (to look inside, or to run again with --dir)
# It needs root (debootstrap, chroot, mount) and so is not part of `make test`.
set -euo pipefail

target=test
dir=""
keep=0
while [ $# -gt 0 ]; do
  case "$1" in
    --target) target=$2; shift 2 ;;
    --dir) dir=$2; shift 2 ;;
    --keep) keep=1; shift ;;
    *) echo "usage: $0 [--target test] [--dir DIR] [--keep]" >&2; exit 2 ;;
  esac
done

[ "$(id -u)" = 0 ] || { echo "run this as root: it makes a system with debootstrap and enters it with chroot" >&2; exit 2; }
here=$(cd "$(dirname "$0")/.." && pwd)
"$here/scripts/system-packages.sh" check

# the same Debian mirror apt uses here (deb822 .sources or a classic sources.list line)
mirror=$(grep -hsE '^URIs:' /etc/apt/sources.list.d/*.sources | awk '{print $2}' | grep -v security | head -1)
[ -n "$mirror" ] || mirror=$(grep -hsE '^deb ' /etc/apt/sources.list | awk '{print $2}' | head -1)
mirror=${mirror:-http://deb.debian.org/debian}

[ -n "$dir" ] || dir=$(mktemp -d /var/tmp/zonedesk-fresh.XXXXXX)
chmod 755 "$dir"  # the system's / as on any machine: mktemp's 700 kept every user but root out
cleanup() {
  for mounted in "$dir/dev/pts" "$dir/dev" "$dir/proc"; do
    umount "$mounted" 2>/dev/null || umount -l "$mounted" 2>/dev/null || true
  done
  if [ "$keep" = 0 ]; then rm -rf --one-file-system "$dir"; else echo "left in $dir"; fi
}
trap cleanup EXIT

began=$(date +%s)
if [ ! -x "$dir/usr/bin/python3" ]; then
  echo "== debootstrap --variant=minbase bookworm $dir $mirror"
  debootstrap --variant=minbase bookworm "$dir" "$mirror" >"$dir.debootstrap.log" 2>&1 \
    || { tail -20 "$dir.debootstrap.log" >&2; exit 1; }
fi
# what reaches the registries from here: name resolution, pip's settings, the proxy's certificate
cp /etc/resolv.conf "$dir/etc/resolv.conf"
[ -f /etc/pip.conf ] && cp /etc/pip.conf "$dir/etc/pip.conf"
mkdir -p "$dir/etc/ssl/certs" "$dir/usr/local/share/ca-certificates"
cp /etc/ssl/certs/ca-certificates.crt "$dir/etc/ssl/certs/ca-certificates.crt"
# and where Debian keeps local certificates, so that installing ca-certificates (a dependency
# of the system packages) rebuilds the bundle with the proxy's certificate still in it
cp /etc/ssl/certs/ca-certificates.crt "$dir/usr/local/share/ca-certificates/this-network.crt"
# this machine reaches the registries through a proxy with its own certificate: the variables
# that point programs at the certificate bundle go in with it (nothing of the project's)
network_env=()
for name in SSL_CERT_FILE SSL_CERT_DIR PIP_CERT REQUESTS_CA_BUNDLE CURL_CA_BUNDLE GIT_SSL_CAINFO PIP_DEFAULT_TIMEOUT; do
  [ -n "${!name:-}" ] && network_env+=("$name=${!name}")
done
mount -t proc proc "$dir/proc"
mount --bind /dev "$dir/dev"
mount --bind /dev/pts "$dir/dev/pts"

echo "== apt-get install python3 python3-venv make git (and nothing else)"
chroot "$dir" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root "${network_env[@]}" \
  sh -c 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3 python3-venv make git >/dev/null'
ready=$(date +%s)

rm -rf "$dir/root/zonedesk"
git clone --quiet --no-hardlinks "$here" "$dir/root/zonedesk"
echo "== make $target in a fresh clone of $(git -C "$here" rev-parse --short HEAD)"
chroot "$dir" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 "${network_env[@]}" \
  sh -c "cd /root/zonedesk && make $target"
done_at=$(date +%s)
echo "== fresh machine: system made in $((ready - began)) s; make $target took $((done_at - ready)) s (install included)"
