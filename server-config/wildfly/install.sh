#!/usr/bin/env bash
# Configures a WildFly for Latch and, when given the WAR, deploys it: the PostgreSQL driver as the
# module org.postgresql, then latch.cli. Offline on a stopped server (what the build does to its own
# copy), or online against a server you already run (--connect). A second run changes nothing.
#
#   install.sh JBOSS_HOME POSTGRESQL_JAR [--connect [--controller HOST:PORT]] [--deploy LATCH_WAR]
#
# Online, jboss-cli.sh authenticates as a local user (or add --user/--password through JBOSS_CLI_ARGS);
# the module is written into JBOSS_HOME, so run it on the server's machine.
set -euo pipefail
home=$1 driver=$2
shift 2
online= controller= war=
while (( $# > 0 )); do
  case $1 in
    --connect) online=yes; shift ;;
    --controller) controller=${2:?--controller needs HOST:PORT}; shift 2 ;;
    --deploy) war=${2:?--deploy needs the WAR}; shift 2 ;;
    *) echo "install.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
if [[ -n $controller && -z $online ]]; then
  echo "install.sh: --controller goes with --connect" >&2
  exit 2
fi
connect=()
[[ -z $online ]] || connect=(--connect ${controller:+"--controller=$controller"})
here=$(cd "$(dirname "$0")" && pwd)
cli() { "$home/bin/jboss-cli.sh" "${connect[@]}" ${JBOSS_CLI_ARGS:-} "$@"; }

# The JDBC driver as a module, so every deployment on this server shares one driver (Latch's
# credential listener uses its LISTEN/NOTIFY API: jboss-deployment-structure.xml).
module="$home/modules/org/postgresql/main"
if [[ ! -f "$module/module.xml" ]]; then
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
fi

if (( ${#connect[@]} == 0 )); then
  script=$(mktemp)
  trap 'rm -f "$script"' EXIT
  { echo "embed-server --server-config=standalone.xml --std-out=discard"
    cat "$here/latch.cli"
    echo "stop-embedded-server"; } > "$script"
  JAVA_OPTS="-Djboss.server.base.dir=$home/standalone" cli --file="$script"
  [[ -z $war ]] || cp "$war" "$home/standalone/deployments/"
else
  cli --file="$here/latch.cli"
  # Some of it (the root location, JASPI) takes effect after a reload, which only a change needs.
  if cli --commands=":read-attribute(name=server-state)" | grep -q reload-required; then
    cli --commands="reload"
  fi
  [[ -z $war ]] || cli --command="deploy \"$war\" --force"
fi
