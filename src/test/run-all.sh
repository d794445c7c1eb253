#!/usr/bin/env bash
# The whole test suite on a fresh machine (README: "Test"). Installs what the tests need and is not there yet,
# then runs Maven:
#   - Debian's chromium for the browser tests (never a downloaded browser),
#   - playwright-core for src/test/browser (npm ci, pinned by package-lock.json),
#   - Debian's PostgreSQL, started for the run, for the tests against the running application on PostgreSQL and the
#     two-node cluster test,
#   - Debian's docker-compose and haproxy, to validate docker/compose.yaml and docker/haproxy.cfg (no Docker engine).
set -euo pipefail
cd "$(dirname "$0")/../.."

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

packages=()
[ -x /usr/bin/chromium ] || packages+=(chromium fonts-liberation)
command -v pg_ctlcluster >/dev/null || packages+=(postgresql)
command -v docker-compose >/dev/null || packages+=(docker-compose)
command -v haproxy >/dev/null || packages+=(haproxy)
if [ ${#packages[@]} -gt 0 ]; then
  echo "Installing ${packages[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}" >/dev/null
fi

(cd src/test/browser && npm ci --no-audit --no-fund --loglevel=error)

# PostgreSQL: the first cluster Debian made, started for this run and stopped afterwards, a fresh database each run
cluster=$(pg_lsclusters --no-header | awk 'NR==1 {print $1" "$2}')
if [ -z "$cluster" ]; then
  as_root pg_createcluster 15 main >/dev/null
  cluster="15 main"
fi
read -r pg_version pg_name <<<"$cluster"
pg_port=$(pg_lsclusters --no-header | awk -v v="$pg_version" -v n="$pg_name" '$1==v && $2==n {print $3}')
started_here=false
if ! pg_lsclusters --no-header | awk -v v="$pg_version" -v n="$pg_name" '$1==v && $2==n {print $4}' | grep -q online; then
  as_root pg_ctlcluster "$pg_version" "$pg_name" start
  started_here=true
fi
stop_postgres() { if [ "$started_here" = true ]; then as_root pg_ctlcluster "$pg_version" "$pg_name" stop || true; fi; }
trap stop_postgres EXIT
db_password="productops-test-$RANDOM$RANDOM"
as_root su postgres -c "psql -q -p $pg_port" <<SQL
DROP DATABASE IF EXISTS productops_test;
DROP DATABASE IF EXISTS productops_cluster;
DROP DATABASE IF EXISTS productops_crash;
DROP ROLE IF EXISTS productops_test;
CREATE ROLE productops_test LOGIN PASSWORD '$db_password';
CREATE DATABASE productops_test OWNER productops_test;
CREATE DATABASE productops_cluster OWNER productops_test;
CREATE DATABASE productops_crash OWNER productops_test;
SQL
export PRODUCTOPS_DB_URL="jdbc:postgresql://localhost:$pg_port/productops_test"
export PRODUCTOPS_DB_USER=productops_test
export PRODUCTOPS_DB_PASSWORD="$db_password"
# empty databases of their own for the two-node cluster test (ClusterIT) and the kill -9 test (CrashSafetyIT)
export PRODUCTOPS_CLUSTER_DB_URL="jdbc:postgresql://localhost:$pg_port/productops_cluster"
export PRODUCTOPS_CRASH_DB_URL="jdbc:postgresql://localhost:$pg_port/productops_crash"

mvn -B -ntp verify -DskipPostgresTests=false "$@"
