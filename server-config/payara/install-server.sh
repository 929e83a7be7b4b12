#!/usr/bin/env bash
# Configures a running Payara Server domain for Latch with the same commands Payara Micro runs at
# boot (post-boot-commands.asadmin), and deploys the WAR when given one. What exists already is
# left as it is, so a second run changes nothing. The server process needs LATCH_DB_URL,
# LATCH_DB_USER/_PASSWORD and LATCH_DB_OWNER_USER/_PASSWORD in its environment; asadmin stores the
# values it resolves in the domain's domain.xml, so keep the domain directory owner-only.
#
#   install-server.sh ASADMIN POSTGRESQL_JAR [--deploy LATCH_WAR]
#
# ASADMIN_ARGS passes options to every asadmin call (e.g. "--port 4848 --passwordfile …"), and
# PAYARA_DOMAIN names the domain (default domain1), which restarts once when the driver is added.
set -euo pipefail
asadmin=$1 driver=$2
shift 2
war=
case "${1:-}" in
  "") ;;
  --deploy) war=${2:?--deploy needs the WAR} ;;
  *) echo "install-server.sh: unknown argument $1" >&2; exit 2 ;;
esac
here=$(cd "$(dirname "$0")" && pwd)
a() { "$asadmin" ${ASADMIN_ARGS:-} "$@"; }

# The driver in the domain's common libraries; the domain reads them at start.
if ! a list-libraries --type common | grep -qx "$(basename "$driver")"; then
  a add-library --type common "$driver"
  a restart-domain "${PAYARA_DOMAIN:-domain1}"
fi

# Each create-* command only when its resource is missing; every other command sets a value.
while read -r command; do
  [[ -z $command || $command == \#* ]] && continue
  read -r -a words <<< "$command"
  name=${words[-1]}
  case ${words[0]} in
    create-jdbc-connection-pool) a list-jdbc-connection-pools | grep -qx "$name" && continue ;;
    create-jdbc-resource) a list-jdbc-resources | grep -qx "$name" && continue ;;
  esac
  a "${words[@]}"
done < "$here/post-boot-commands.asadmin"

[[ -z $war ]] || a deploy --force=true "$war"
