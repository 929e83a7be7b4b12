#!/usr/bin/env bash
# Turns the pristine WildFly distribution into Latch's server: copies it to the server home and
# applies latch.cli offline. Runs again only when the distribution or the CLI script changed.
set -euo pipefail
dist=$1 home=$2 driver=$3
here=$(cd "$(dirname "$0")" && pwd)
stamp=$(cat "$here/latch.cli" "$here/configure.sh" "$driver" | sha256sum | cut -c1-16)-$(basename "$dist")
if [[ -f "$home/.latch-configured" && "$(cat "$home/.latch-configured")" == "$stamp" ]]; then
  exit 0
fi
rm -rf "$home"
cp -a "$dist" "$home"

# The JDBC driver as a module, so every deployment on this server shares one driver.
module="$home/modules/org/postgresql/main"
mkdir -p "$module"
cp "$driver" "$module/postgresql.jar"
cat > "$module/module.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<module xmlns="urn:jboss:module:1.9" name="org.postgresql">
  <resources><resource-root path="postgresql.jar"/></resources>
  <dependencies>
    <module name="java.se"/>
    <module name="jakarta.transaction.api"/>
  </dependencies>
</module>
XML

JAVA_OPTS="-Djboss.server.base.dir=$home/standalone" "$home/bin/jboss-cli.sh" --file="$here/latch.cli" >"$home/latch-cli.log" 2>&1 \
  || { cat "$home/latch-cli.log" >&2; exit 1; }
echo "$stamp" > "$home/.latch-configured"
echo "WildFly configured for Latch in $home"
