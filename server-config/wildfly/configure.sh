#!/usr/bin/env bash
# Turns the pristine WildFly distribution into Latch's server: copies it to the server home and
# applies install.sh offline. Runs again only when the distribution or the scripts changed.
set -euo pipefail
dist=$1 home=$2 driver=$3
here=$(cd "$(dirname "$0")" && pwd)
stamp=$(cat "$here/latch.cli" "$here/install.sh" "$here/configure.sh" "$driver" | sha256sum | cut -c1-16)-$(basename "$dist")
if [[ -f "$home/.latch-configured" && "$(cat "$home/.latch-configured")" == "$stamp" ]]; then
  exit 0
fi
rm -rf "$home"
cp -a "$dist" "$home"
"$here/install.sh" "$home" "$driver" >"$home/latch-cli.log" 2>&1 || { cat "$home/latch-cli.log" >&2; exit 1; }
echo "$stamp" > "$home/.latch-configured"
echo "WildFly configured for Latch in $home"
