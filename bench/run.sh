#!/usr/bin/env bash
# Whole-process benchmarks of the release binary with hyperfine. Each pair
# runs in ONE hyperfine invocation, so that drift of the machine cancels in
# the ratio. Prints a markdown table of medians, ratios and targets.
# Not run by CI. Usage:
#
#   cargo build --release --bin authgate && cargo build --release --example floor && bench/run.sh
#   AUTHGATE=/path/to/authgate BENCH_WORK=/var/tmp/ag-bench bench/run.sh
#
# BENCH_WORK keeps the fixture registries between runs (they take a while to
# build: see bench/fixture.sh); without it they go to a temp directory that
# is removed at exit. RUNS_SCALE=2 doubles the number of runs.
#
# (a) create, bench/create.sh in interleaved rounds: a chosen password at
#     cost 10 vs htpasswd -nbB -C 10, at cost 4 vs the floor, and
#     create --generate in a fast-auth application vs the floor (its rows,
#     and what the floor is, are bench/create.sh's)
# (b) show -o json vs sqlite3 returning the same row
# (c) update at cost 10: a 10,000-application registry vs a 10-application one
# (d) list -o json of 100,000 credentials: wall time and peak RSS
# (e) sync rewriting 10,000 vs 20,000 files (and the file system's floor:
#     bench/fs-floor.py), and the no-op sync of both
# (f) --version (start-up)
# (g) expire with nothing due vs --version plus one sqlite3 query
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
authgate=${AUTHGATE:-$here/target/release/authgate}
floor=${FLOOR:-$here/target/release/examples/floor}
scale=${RUNS_SCALE:-1}

missing=()
need() { command -v "$1" >/dev/null 2>&1 || missing+=("$1 (apt-get install $2)"); }
need hyperfine hyperfine
need sqlite3 sqlite3
need htpasswd apache2-utils
need jq jq
need awk gawk
need python3 python3
[ -x /usr/bin/time ] || missing+=("/usr/bin/time (apt-get install time)")
if [ ${#missing[@]} -gt 0 ]; then
    printf 'bench/run.sh needs: %s\n' "${missing[@]}" >&2
    exit 1
fi
[ -x "$authgate" ] || { echo "no binary at $authgate: run cargo build --release" >&2; exit 1; }

cleanup=()
mounted=()
# A mount still busy (an interrupted run) is detached lazily, so that the
# removal still runs.
trap 'for m in "${mounted[@]}"; do umount "$m" || umount -l "$m" || true; done; rm -rf "${cleanup[@]}"' EXIT
if [ -n "${BENCH_WORK:-}" ]; then
    work=$BENCH_WORK
    mkdir -p "$work"
else
    work=$(mktemp -d "${TMPDIR:-/tmp}/authgate-bench.XXXXXX")
    cleanup+=("$work")
fi
results=$work/results
rm -rf "$results"
mkdir -p "$results"
export HOME=$work/home XDG_DATA_HOME=$work/home/.local/share XDG_CONFIG_HOME=$work/home/.config
mkdir -p "$HOME"
unset AUTHGATE_DB AUTHGATE_TRAEFIK_DIR AUTHGATE_API_KEY NO_COLOR
export BENCH_PW='bench-rotated-password-0123456789'

say() { printf '\n== %s\n' "$*" >&2; }

say "fixtures in $work (10, 10,000 and 20,000 applications, 10 credentials each)"
for spec in "r10 10" "r10k 10000" "r20k 20000"; do
    set -- $spec
    if [ ! -e "$work/$1/.complete" ]; then
        echo "building $1 ..." >&2
        start=$(date +%s.%N)
        AUTHGATE=$authgate "$here/bench/fixture.sh" "$work/$1" "$2" 10
        echo "  built in $(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f s", e - s }')" >&2
    fi
done
ag() { echo "$authgate --db $work/$1/authgate.db --api-key-file $work/$1/key"; }
A10=$(ag r10)
A10K=$(ag r10k)
A20K=$(ag r20k)

runs() { echo $(($1 * scale)); }
hf() { hyperfine --style basic "$@" >&2; }

say "(a) create: a chosen password at cost 10 and 4, a generated fast-auth secret, and their floors"
AUTHGATE=$authgate FLOOR=$floor ROUNDS=$((40 * scale)) CREATE_JSON=$results/a.json \
    "$here/bench/create.sh" >&2

say "(b) show -o json vs sqlite3"
hf -N --warmup 20 --runs "$(runs 300)" --export-json "$results/b.json" \
    -n "authgate show" "$A10K show --app app05000 --username u0050005 -o json" \
    -n "sqlite3" "sqlite3 -json $work/r10k/authgate.db \"SELECT s.security_id, s.username, s.application_id, a.app_name, s.created_at, s.updated_at FROM security s JOIN applications a ON a.application_id = s.application_id WHERE a.app_name = 'app05000' AND s.username = 'u0050005'\""

say "(c) update at cost 10: 10,000 applications vs 10"
hf --warmup 2 --runs "$(runs 30)" --export-json "$results/c.json" \
    -n "update, 10,000 apps" "$A10K update --app app05000 --username u0050000 --password-env BENCH_PW --cost 10 -q" \
    -n "update, 10 apps" "$A10 update --app app00005 --username u0000050 --password-env BENCH_PW --cost 10 -q"

say "(d) list -o json of 100,000 credentials"
hf --warmup 1 --runs "$(runs 10)" --export-json "$results/d.json" \
    -n "list -o json" "$A10K list -o json"
rss_kb=0
for _ in 1 2 3; do
    kb=$(/usr/bin/time -v $A10K list -o json 2>&1 >/dev/null | awk -F': ' '/Maximum resident set size/ { print $2 }')
    [ "$kb" -gt "$rss_kb" ] && rss_kb=$kb
done
echo "peak RSS (max of 3): $rss_kb kB" >&2

say "(e) sync rewriting every file: 10,000 vs 20,000 applications, and the file system's floor"
# The floor: bench/fs-floor.py does the same file operations for 10,000
# files of the same size (temp file, write, fsync, rename; the directory
# fsynced once), with no database and no rendering.
mkdir -p "$work/floor"
hf --runs "$(runs 5)" --export-json "$results/e.json" \
    --prepare "find $work/r10k/traefik -name '*.yml' -delete && sync" \
    --prepare "find $work/r20k/traefik -name '*.yml' -delete && sync" \
    --prepare "find $work/floor -name '*.yml' -delete && sync" \
    -n "sync 10,000" "$A10K sync -q" \
    -n "sync 20,000" "$A20K sync -q" \
    -n "floor 10,000" "python3 $here/bench/fs-floor.py $work/floor 10000"

say "(e) sync rewriting every file into tmpfs: authgate's own share"
# In tmpfs an fsync costs nothing and creating a file little: what is left
# is authgate's own work (queries, rendering, system calls). authgate
# refuses a Traefik directory under /dev (so /dev/shm), so the tmpfs is
# BENCH_TMPFS, or one mounted for the run when run as root.
shm=${BENCH_TMPFS:-}
if [ -z "$shm" ] && [ "$(id -u)" = 0 ]; then
    shm=$work/tmpfs
    mkdir -p "$shm"
    # One left mounted by a run that could not unmount it goes first.
    if mountpoint -q "$shm"; then umount "$shm" || umount -l "$shm"; fi
    mount -t tmpfs -o size=2g,mode=0700 authgate-bench "$shm"
    mounted+=("$shm")
fi
if [ -n "$shm" ]; then
    t1=$(mktemp -d "$shm/authgate-bench-10k.XXXXXX")
    t2=$(mktemp -d "$shm/authgate-bench-20k.XXXXXX")
    cleanup+=("$t1" "$t2")
    hf --warmup 1 --runs "$(runs 5)" --export-json "$results/et.json" \
        --prepare "find $t1 -name '*.yml' -delete" \
        --prepare "find $t2 -name '*.yml' -delete" \
        -n "tmpfs sync 10,000" "$A10K --traefik-dir $t1 sync -q" \
        -n "tmpfs sync 20,000" "$A20K --traefik-dir $t2 sync -q"
else
    echo "no tmpfs: set BENCH_TMPFS to a tmpfs directory outside /dev, or run as root" >&2
fi

say "(e) no-op sync: 10,000 vs 20,000 applications"
hf --warmup 1 --runs "$(runs 10)" --export-json "$results/e0.json" \
    -n "no-op sync 10,000" "$A10K sync -q" \
    -n "no-op sync 20,000" "$A20K sync -q"

say "(f) start-up"
hf -N --warmup 20 --runs "$(runs 300)" --export-json "$results/f.json" \
    -n "authgate --version" "$authgate --version"

say "(g) expire with nothing due, 10,000 applications, vs --version plus one sqlite3 query"
hf -N --warmup 20 --runs "$(runs 200)" --export-json "$results/g.json" \
    -n "expire" "$A10K expire -q" \
    -n "authgate --version" "$authgate --version" \
    -n "sqlite3 due query" "sqlite3 $work/r10k/authgate.db \"SELECT application_id FROM applications WHERE next_expiry IS NOT NULL AND next_expiry <= '2999-01-01'\""

# Medians in milliseconds, by command name.
median() { jq -r --arg n "$2" '.results[] | select(.command == $n) | .median * 1000' "$results/$1.json"; }
calc() { awk "BEGIN { printf \"$1\", $2 }"; }
ok() { if awk "BEGIN { exit !($1) }"; then echo "met"; else echo "**missed**"; fi; }

create_rows=$(jq -r '.rows[] | "| a " + .' "$results/a.json")
b1=$(median b "authgate show"); b2=$(median b "sqlite3")
c1=$(median c "update, 10,000 apps"); c2=$(median c "update, 10 apps")
d1=$(median d "list -o json"); rss_mb=$(calc %.1f "$rss_kb / 1024")
e1=$(median e "sync 10,000"); e2=$(median e "sync 20,000"); e0=$(median e "floor 10,000")
n1=$(median e0 "no-op sync 10,000"); n2=$(median e0 "no-op sync 20,000")
if [ -e "$results/et.json" ]; then
    s1=$(median et "tmpfs sync 10,000"); s2=$(median et "tmpfs sync 20,000")
    rt=$(calc %.2f "$s2 / $s1")
    tmpfs_rows="| e | \`sync\` rewriting 10,000 files in tmpfs | $(calc %.2f "$s1") ms | | | | (≤ 1 s) | $(ok "$s1 <= 1000") |
| e | \`sync\` rewriting 20,000 files in tmpfs | $(calc %.2f "$s2") ms | the same, 10,000 | $(calc %.2f "$s1") ms | $rt× | (≤ 2.2×) | $(ok "$rt <= 2.2") |"
else
    tmpfs_rows="| e | \`sync\` rewriting 10,000 and 20,000 files in tmpfs | not measured: no tmpfs | | | | | |"
fi
f1=$(median f "authgate --version")
g1=$(median g "expire"); g2=$(calc %.3f "$(median g "authgate --version") + $(median g "sqlite3 due query")")
rg=$(calc %.2f "$g1 / $g2")
rb=$(calc %.2f "$b1 / $b2"); rc=$(calc %.3f "$c1 / $c2")
re=$(calc %.2f "$e2 / $e1"); rn=$(calc %.2f "$n2 / $n1"); rf=$(calc %.2f "$e1 / $e0")
ms() { calc %.2f "$1"; }

cat <<EOF

| | measurement (median) | | compared with (median) | | ratio | target | |
|---|---|---:|---|---:|---:|---|---|
$create_rows
| b | \`show -o json\` | $(ms "$b1") ms | \`sqlite3\` SELECT | $(ms "$b2") ms | $rb× | ≤ 1.5× and < 5 ms | $(ok "$rb <= 1.5 && $b1 < 5") |
| c | \`update\`, cost 10, 10,000 apps / 100,000 credentials | $(ms "$c1") ms | the same, 10 apps | $(ms "$c2") ms | $rc× | ≤ 1.2× | $(ok "$rc <= 1.2") |
| d | \`list -o json\`, 100,000 credentials | $(ms "$d1") ms, $rss_mb MB RSS | | | | ≤ 1 s, ≤ 32 MB | $(ok "$d1 <= 1000 && $rss_mb <= 32") |
| e | \`sync\` rewriting 10,000 files | $(ms "$e1") ms | the file operations alone (\`bench/fs-floor.py\`) | $(ms "$e0") ms | $rf× | ≤ 1 s | $(ok "$e1 <= 1000") |
| e | \`sync\` rewriting 20,000 files | $(ms "$e2") ms | the same, 10,000 | $(ms "$e1") ms | $re× | ≤ 2.2× | $(ok "$re <= 2.2") |
$tmpfs_rows
| e | no-op \`sync\`, 20,000 apps | $(ms "$n2") ms | the same, 10,000 | $(ms "$n1") ms | $rn× | (≤ 1 s, ≤ 2.2×) | $(ok "$n1 <= 1000 && $rn <= 2.2") |
| f | \`--version\` | $(ms "$f1") ms | | | | ≤ 2 ms | $(ok "$f1 <= 2") |
| g | \`expire\`, nothing due, 10,000 apps | $(ms "$g1") ms | \`--version\` + one \`sqlite3\` query | $(ms "$g2") ms | $rg× | ≤ 1.5× | $(ok "$rg <= 1.5") |
EOF
