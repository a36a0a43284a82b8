#!/usr/bin/env bash
# Checks that the Debian packages listed in environment/apt.txt (or the list file given) are installed, and
# only when some are missing does anything about it:
#   as root                      apt-get update + install the missing ones (no recommends)
#   with password-less sudo      the same through `sudo -n`
#   otherwise (Binder, a hub)    prints the exact install command and fails
#   with --check                 never installs: prints the command and fails
# With everything present it prints nothing and succeeds, for any user: this is what every make target runs.
# A list line is `package` (always needed) or `package group` (needed only with --with group).
#
#   environment/ensure-packages.sh [--check] [--with GROUP]... [LIST]
#   environment/ensure-packages.sh --list [--with GROUP]... [LIST]     prints the package names, one a line
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
mode=ensure
groups=" "
while [[ $# -gt 0 ]]; do
  case "$1" in
    --check) mode=check; shift ;;
    --list) mode=list; shift ;;
    --with) [[ $# -ge 2 ]] || { echo "ensure-packages: --with needs a group name" >&2; exit 2; }
            groups+="$2 "; shift 2 ;;
    -*) echo "ensure-packages: unknown option $1" >&2; exit 2 ;;
    *) break ;;
  esac
done
list=${1:-$here/apt.txt}
[[ -r "$list" ]] || { echo "ensure-packages: cannot read package list $list" >&2; exit 2; }
names=$(awk -v groups="$groups" '{ sub(/#.*/, "") }
  NF > 2 { print "ensure-packages: bad line (want: package [group]): " $0 > "/dev/stderr"; exit 2 }
  NF == 1 || (NF == 2 && index(groups, " " $2 " ")) { print $1 }' "$list")
wanted=()
[[ -z "$names" ]] || mapfile -t wanted <<< "$names"
if [[ $mode == list ]]; then
  [[ ${#wanted[@]} -eq 0 ]] || printf '%s\n' "${wanted[@]}"
  exit 0
fi
missing=()
for p in "${wanted[@]}"; do
  # A JDK or Maven installed some other way (e.g. another JDK package) counts as present.
  case "$p" in
    openjdk-17-jdk-headless) command -v javac >/dev/null 2>&1 && continue ;;
    maven) command -v mvn >/dev/null 2>&1 && continue ;;
    make) command -v make >/dev/null 2>&1 && continue ;;
  esac
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done
if [[ ${#missing[@]} -eq 0 ]]; then
  exit 0
fi
if [[ $mode == ensure && $(id -u) -eq 0 ]]; then
  as_root=()
elif [[ $mode == ensure ]] && command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  as_root=(sudo -n)
else
  echo "Missing Debian packages: ${missing[*]}" >&2
  echo "Install them as root, then run make again:" >&2
  echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
  exit 1
fi
echo "Installing Debian packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
