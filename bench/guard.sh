#!/usr/bin/env bash
# `authgate guard`: throughput and peak memory over a large Traefik JSON
# access log (default 1 GB, generated on the fly), and the cost of a run
# with nothing new to read against its floor (`--version` plus one sqlite3
# query), in one hyperfine run. Not run by CI. Usage:
#
#   cargo build --release && bench/guard.sh
#   SIZE_MB=2048 AUTHGATE=target/release/authgate bench/guard.sh
#
# Targets (issue: the guard): at least 400 MB/s, under 50 MB of memory,
# and a run with nothing new at most 1.5 times its floor. Then, with a real
# Traefik (TRAEFIK, else a traefik on PATH, else /opt/traefik-3.7.15): ten
# clients, each with a loopback address of its own, fail 11 times; once the
# throttle of Traefik's last change is over (2.5 s), `guard` runs, and the
# time from its return to Traefik's first 429 to that client is measured.
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
authgate=${AUTHGATE:-$here/target/release/authgate}
size_mb=${SIZE_MB:-1024}
[ -x "$authgate" ] || { echo "no binary at $authgate: run cargo build --release" >&2; exit 1; }
for tool in hyperfine sqlite3 perl; do
    command -v $tool >/dev/null || { echo "bench/guard.sh needs $tool" >&2; exit 1; }
done
[ -x /usr/bin/time ] || { echo "needs GNU time at /usr/bin/time (apt-get install time)" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/authgate-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
export HOME=$work/home XDG_DATA_HOME=$work/home/.local/share XDG_CONFIG_HOME=$work/home/.config
"$authgate" init --org acme --user alice --cost 4 >/dev/null 2>&1
for app in shop blog; do
    "$authgate" app add --app-name $app --domain $app.example.com --upstream http://127.0.0.1:3000 >/dev/null 2>&1
    "$authgate" create --app $app --username admin --generate -q >/dev/null 2>&1
done
db=$HOME/.local/share/authgate/authgate.db

log=$work/access.log
echo "generating a ${size_mb} MB access log in $log ..." >&2
# Traefik's JSON access-log lines (sorted keys, no spaces): routers of shop,
# blog, an unknown application and Traefik's own; a quarter 401s, with and
# without usernames, from 65,536 clients; timestamps of the last hour.
BYTES=$((size_mb * 1024 * 1024)) NOW=$(date -u +%s) perl -e '
    use strict; use warnings;
    my $target = $ENV{BYTES};
    my @routers = ("shop\@file", "blog\@file", "rival\@file", "api\@internal", "shop\@file");
    my @status = (200, 200, 200, 401, 401, 304, 404, 500);
    my @users = ("admin", "root", "test", "guest", "-");
    my ($n, $written, $x) = (0, 0, 12345);
    open(my $out, ">", $ARGV[0]) or die "$ARGV[0]: $!";
    while ($written < $target) {
        $n++;
        $x = ($x * 1103515245 + 12345) % 2147483648;
        my $router = $routers[$x % 5];
        my $status = $status[($x >> 3) % 8];
        my $ip = sprintf("203.0.%d.%d", ($x >> 6) % 256, ($x >> 14) % 256);
        my $user = $users[($x >> 11) % 5];
        my ($s, $m, $h, $d, $mo, $y) = gmtime($ENV{NOW} - 3600 + int($n * 3600 / 1600000) % 3600);
        my $start = sprintf("%04d-%02d-%02dT%02d:%02d:%02d.%09dZ", $y + 1900, $mo + 1, $d, $h, $m, $s, ($x % 1000000000));
        my $line = "{\"ClientAddr\":\"$ip:51234\",\"ClientHost\":\"$ip\",\"ClientPort\":\"51234\",\"ClientUsername\":\"$user\",\"DownstreamContentSize\":17,\"DownstreamStatus\":$status,\"Duration\":1045890,\"OriginContentSize\":0,\"OriginDuration\":0,\"OriginStatus\":0,\"Overhead\":1045890,\"RequestAddr\":\"shop.example.com\",\"RequestContentSize\":0,\"RequestCount\":$n,\"RequestHost\":\"shop.example.com\",\"RequestMethod\":\"GET\",\"RequestPath\":\"/account/login\",\"RequestPort\":\"-\",\"RequestProtocol\":\"HTTP/2.0\",\"RequestScheme\":\"https\",\"RetryAttempts\":0,\"RouterName\":\"$router\",\"StartLocal\":\"$start\",\"StartUTC\":\"$start\",\"entryPointName\":\"websecure\",\"level\":\"info\",\"msg\":\"\",\"time\":\"$start\"}\n";
        print $out $line;
        $written += length($line);
    }
    close($out) or die "$!";
' "$log"
bytes=$(stat -c %s "$log")
# Read once so that the page cache holds it, as it does for a log Traefik
# just wrote.
cat "$log" >/dev/null

echo "running authgate guard over the whole log ..." >&2
/usr/bin/time -v -o "$work/time" "$authgate" guard --access-log "$log" -o json >"$work/report.json" 2>"$work/stderr"
seconds=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$work/time" | awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }')
rss_kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time")
mb=$(awk -v b="$bytes" 'BEGIN { printf "%.0f", b / 1048576 }')

echo "the same with nothing new, against its floor ..." >&2
hyperfine -N --warmup 5 --runs 40 --export-json "$work/idle.json" \
    "$authgate --version" \
    "sqlite3 $db 'SELECT offset FROM guard_offsets LIMIT 1'" \
    "$authgate guard --access-log $log -q" >/dev/null 2>&1
read -r version query idle < <(python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))["results"]
print(*(x["median"] * 1000 for x in r))' "$work/idle.json")

traefik=${TRAEFIK:-$(command -v traefik || echo /opt/traefik-3.7.15/bin/traefik)}
enforce=""
if [ -x "$traefik" ]; then
    echo "a ban against a real Traefik ($traefik) ..." >&2
    read -r web api upstream < <(python3 -c '
import socket
s = [socket.socket() for _ in range(3)]
for x in s: x.bind(("127.0.0.1", 0))
print(*(x.getsockname()[1] for x in s))')
    dir=$HOME/.local/share/authgate/traefik
    "$traefik" --entrypoints.web.address="127.0.0.1:$web" --entrypoints.traefik.address="127.0.0.1:$api" \
        --api.insecure=true --log.level=ERROR --log.filepath="$work/traefik.log" \
        --accesslog=true --accesslog.format=json --accesslog.filepath="$work/traefik-access.log" \
        --providers.file.directory="$dir" --providers.file.watch=true >/dev/null 2>&1 &
    traefik_pid=$!
    trap 'kill $traefik_pid 2>/dev/null; rm -rf "$work"' EXIT
    "$authgate" app add --app-name live --domain live.bench --upstream "http://127.0.0.1:$upstream" \
        --entrypoint web >/dev/null 2>&1
    "$authgate" create --app live --username keeper --password 'keeper password 0123' >/dev/null 2>&1
    enforce=$(AUTHGATE_BIN=$authgate WEB=$web LOG=$work/traefik-access.log python3 - <<'PY'
import base64, http.client, os, statistics, subprocess, time
web, log, authgate = int(os.environ["WEB"]), os.environ["LOG"], os.environ["AUTHGATE_BIN"]
def status(addr, password):
    c = http.client.HTTPConnection("127.0.0.1", web, timeout=2, source_address=(addr, 0))
    token = base64.b64encode(f"keeper:{password}".encode()).decode()
    try:
        c.request("GET", "/", headers={"Host": "live.bench", "Authorization": f"Basic {token}"})
        return c.getresponse().status
    except Exception:
        return 0
    finally:
        c.close()
started = time.monotonic()
while status("127.0.0.1", "keeper password 0123") not in (200, 502):
    assert time.monotonic() - started < 30, "Traefik never served live.bench"
    time.sleep(0.05)
# Traefik's start-up and the changes just made settle first (each change
# is one event, but Traefik may apply a last, unchanged configuration at
# the end of its throttle window, which holds the next change back).
time.sleep(5)
times = []
for i in range(10):
    addr = f"127.0.0.{20 + i}"
    for j in range(11):
        got = status(addr, f"wrong {j}")
        assert got == 401, f"{addr}: {got}"
    time.sleep(2.5)
    subprocess.run([authgate, "guard", "--access-log", log, "-q"], check=True, stdout=subprocess.DEVNULL)
    returned = time.monotonic()
    while status(addr, "keeper password 0123") != 429:
        assert time.monotonic() - returned < 10, "the ban is never enforced"
        time.sleep(0.005)
    times.append(time.monotonic() - returned)
print(f"{statistics.median(times) * 1000:.0f} ms median, {max(times) * 1000:.0f} ms max (10 bans: {', '.join(f'{t * 1000:.0f}' for t in times)} ms)")
PY
)
    kill $traefik_pid 2>/dev/null || true
fi

echo
echo "| measure | value | target |"
echo "|---|---:|---|"
echo "| log | $mb MB, $(awk 'END {print NR}' "$log") lines | |"
echo "| what the run found | $(tail -n 1 "$work/stderr" | sed 's/|/\\|/g') | |"
awk -v b="$bytes" -v s="$seconds" 'BEGIN { printf "| throughput | %.0f MB/s (%.2f s) | at least 400 MB/s |\n", b / 1048576 / s, s }'
awk -v k="$rss_kb" 'BEGIN { printf "| peak memory | %.1f MB | under 50 MB |\n", k / 1024 }'
awk -v v="$version" -v q="$query" -v i="$idle" 'BEGIN {
    printf "| nothing new: guard | %.2f ms | |\n", i
    printf "| nothing new: floor (--version %.2f ms + one query %.2f ms) | %.2f ms | |\n", v, q, v + q
    printf "| nothing new: ratio | %.2fx | at most 1.5x |\n", i / (v + q) }'
if [ -n "$enforce" ]; then
    echo "| from guard's return to Traefik's first 429 ($("$traefik" version | awk '/^Version:/ {print $2}'), isolated) | $enforce | at most 1 s |"
fi
