#!/usr/bin/env bash
# Builds a benchmark registry: DIR/authgate.db, DIR/key (the owner's API key),
# DIR/traefik/ (one file per application), with APPS applications named
# app00000, app00001, ... (managed routing: a domain and an upstream) and
# PER_APP credentials each, named u0000000, u0000001, ... in order.
#
#   bench/fixture.sh DIR APPS PER_APP
#
# Environment: AUTHGATE (the binary, default target/release/authgate).
#
# How, and why not only through the CLI (see README.md, "Performance"):
# - `authgate init` creates the registry and `authgate app add` the first
#   application (and with it the project and environment);
# - the other applications are INSERTed with sqlite3, against the schema of
#   src/store/schema.sql, in one statement: 10,000 `authgate app add`
#   processes take about 40 ms each (two fsyncs of a file, one of the WAL),
#   over six minutes;
# - every credential goes through `authgate import`: APPS*PER_APP htpasswd
#   lines, all reusing one precomputed bcrypt hash (never 100,000 bcrypts),
#   are imported into app00000 in files of 10,000 lines, after which
#   sqlite3 hands each application its PER_APP credentials by row order;
# - `authgate sync` then writes every application's file, and `authgate
#   check` must find the directory clean.
set -euo pipefail

dir=$1
apps=$2
per_app=$3
here=$(cd "$(dirname "$0")/.." && pwd)
authgate=${AUTHGATE:-$here/target/release/authgate}

if [ -e "$dir/.complete" ]; then
    exit 0
fi
rm -rf "$dir"
mkdir -p "$dir/home"
export HOME=$dir/home XDG_DATA_HOME=$dir/home/.local/share XDG_CONFIG_HOME=$dir/home/.config
unset AUTHGATE_DB AUTHGATE_TRAEFIK_DIR AUTHGATE_API_KEY
db=$dir/authgate.db
ag() { "$authgate" --db "$db" --api-key-file "$dir/key" "$@"; }

"$authgate" init --db "$db" --credentials-file "$dir/key" --traefik-dir "$dir/traefik" \
    --org bench --user bench --cost 10 >/dev/null 2>"$dir/init.log" || { cat "$dir/init.log" >&2; exit 1; }
ag app add --app-name app00000 --domain app00000.example.com \
    --upstream http://10.0.0.1:8080 -q >/dev/null

# The other applications, in the same environment as app00000, shaped as
# `app add` stores them (JSON arrays, RFC 3339 UTC timestamps).
sqlite3 "$db" <<SQL
PRAGMA foreign_keys = ON;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $apps - 1)
INSERT INTO applications (application_id, environment_id, app_name, name, domains,
    upstreams, entrypoints, tls, cert_resolver, realm, created_at, updated_at)
SELECT printf('app-bench-%05d', i),
       (SELECT environment_id FROM applications WHERE app_name = 'app00000'),
       printf('app%05d', i), printf('app%05d', i),
       json_array(printf('app%05d.example.com', i)), '["http://10.0.0.1:8080"]', '[]',
       0, NULL, NULL,
       strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
FROM n;
INSERT INTO app_domains (domain, application_id, shared)
SELECT lower(j.value), a.application_id, 0
FROM applications a, json_each(a.domains) j
WHERE a.application_id LIKE 'app-bench-%';
SQL

# Every credential is imported into app00000 first, far above the quotas an
# operator may set (the per-application one is capped so that a file stays
# readable): the fixture raises them in the registry itself, as it inserts
# the applications.
sqlite3 "$db" >/dev/null <<SQL
INSERT OR REPLACE INTO settings (key, value) VALUES
    ('max_credentials_per_app', '10000000'),
    ('max_credentials_per_org', '10000000'),
    ('max_credentials', '10000000');
SQL

# One precomputed hash (cost 10) for every line.
hash=$(htpasswd -nbB -C 10 bench 'bench-password-0123456789' | cut -d: -f2)
total=$((apps * per_app))
# In files of 10,000 lines: `import` checks each line's username against
# every line before it, which is quadratic in the length of one file.
mkdir "$dir/import"
awk -v n="$total" -v h="$hash" -v d="$dir/import" \
    'BEGIN { for (i = 0; i < n; i++) printf "u%07d:%s\n", i, h > sprintf("%s/%05d.htpasswd", d, int(i / 10000)) }'
for f in "$dir"/import/*.htpasswd; do
    ag import --app app00000 "$f" -q >/dev/null
done
rm -r "$dir/import"

# Credential k (in import order) goes to application k / PER_APP.
sqlite3 "$db" >/dev/null <<SQL
PRAGMA foreign_keys = ON;
CREATE TEMP TABLE first AS SELECT min(rowid) AS r FROM security;
UPDATE security SET application_id = (
    SELECT application_id FROM applications
    WHERE app_name = printf('app%05d', (security.rowid - (SELECT r FROM first)) / $per_app));
PRAGMA wal_checkpoint(TRUNCATE);
SQL

ag sync -q >/dev/null
ag check -q >/dev/null
touch "$dir/.complete"
