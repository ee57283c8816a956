#!/usr/bin/env bash
# Throughput and peak memory of `authgate audit failures` on a large Traefik
# JSON access log (default: 1.1 GB), generated on the fly into a temp file.
# Not run by CI. Usage:
#
#   cargo build --release && bench/access-log.sh
#   SIZE_MB=2048 COMPRESS=1 AUTHGATE=target/release/authgate bench/access-log.sh
#
# Prints the log size, wall time, MB/s and peak RSS. Memory must not grow with
# the size of the log: compare SIZE_MB=200 with SIZE_MB=2000.
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
authgate=${AUTHGATE:-$here/target/release/authgate}
size_mb=${SIZE_MB:-1100}
[ -x "$authgate" ] || { echo "no binary at $authgate: run cargo build --release" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "needs GNU time at /usr/bin/time (apt-get install time)" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/authgate-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
export HOME=$work/home XDG_DATA_HOME=$work/home/.local/share XDG_CONFIG_HOME=$work/home/.config
"$authgate" init --org acme --user alice --cost 4 >/dev/null 2>&1
"$authgate" app add --app-name shop --domain shop.example.com --upstream http://127.0.0.1:3000 >/dev/null 2>&1
"$authgate" app add --app-name blog >/dev/null 2>&1

log=$work/access.log
echo "generating a ${size_mb} MB access log in $log ..." >&2
# Traefik's JSON access-log shape. Routers of shop (two names), blog, an
# unknown application and Traefik's own; 401s with a few common usernames and
# many unique ones (so the per-application caps are reached); an occasional
# malformed line.
BYTES=$((size_mb * 1024 * 1024)) perl -e '
    use strict; use warnings;
    my $target = $ENV{BYTES};
    my @routers = ("shop\@file", "shop-secure\@docker", "blog\@file", "rival\@file", "api\@internal");
    my @status = (200, 200, 200, 401, 401, 304, 404, 500);
    my @users = ("admin", "root", "test", "guest", "ops");
    my ($n, $written, $x) = (0, 0, 12345);
    open(my $out, ">", $ARGV[0]) or die "$ARGV[0]: $!";
    while ($written < $target) {
        $n++;
        $x = ($x * 1103515245 + 12345) % 2147483648;
        my $line;
        if ($n % 10007 == 0) {
            $line = "{\"DownstreamStatus\":401,\"RouterName\":\"shop\@file\",\"truncated\n";
        } else {
            my $router = $routers[$x % 5];
            my $status = $status[($x >> 3) % 8];
            my $ip = sprintf("203.0.%d.%d", ($x >> 6) % 256, ($x >> 14) % 256);
            my $user = ($x >> 9) % 10 == 0 ? "user$n" : $users[($x >> 11) % 5];
            my $t = 1740787200 + int($n / 50);
            my ($s, $m, $h, $d) = gmtime($t);
            my $start = sprintf("2025-03-%02dT%02d:%02d:%02d.%09dZ", $d, $h, $m, $s, ($x % 1000000000));
            $line = "{\"ClientAddr\":\"$ip:51234\",\"ClientHost\":\"$ip, 10.0.0.1\",\"ClientPort\":\"51234\",\"ClientUsername\":\"$user\",\"DownstreamContentSize\":17,\"DownstreamStatus\":$status,\"Duration\":1045890,\"OriginContentSize\":0,\"OriginDuration\":0,\"OriginStatus\":0,\"Overhead\":1045890,\"RequestAddr\":\"shop.example.com\",\"RequestContentSize\":0,\"RequestCount\":$n,\"RequestHost\":\"shop.example.com\",\"RequestMethod\":\"GET\",\"RequestPath\":\"/account/login\",\"RequestPort\":\"-\",\"RequestProtocol\":\"HTTP/2.0\",\"RequestScheme\":\"https\",\"RetryAttempts\":0,\"RouterName\":\"$router\",\"StartLocal\":\"$start\",\"StartUTC\":\"$start\",\"entryPointName\":\"websecure\",\"level\":\"info\",\"msg\":\"\",\"time\":\"$start\"}\n";
        }
        print $out $line;
        $written += length($line);
    }
    close($out) or die "$!";
' "$log"

bytes=$(stat -c %s "$log")
input=$log
if [ "${COMPRESS:-0}" = 1 ]; then
    echo "compressing ..." >&2
    gzip -1 "$log"
    input=$log.gz
fi

echo "running authgate audit failures ..." >&2
/usr/bin/time -v -o "$work/time" "$authgate" audit failures --access-log "$input" -o json >"$work/report.json" 2>"$work/stderr"

elapsed=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$work/time")
seconds=$(echo "$elapsed" | awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }')
rss_kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time")
mb=$(awk -v b="$bytes" 'BEGIN { printf "%.0f", b / 1048576 }')
summary=$(tail -n 1 "$work/stderr")

echo "log:        $mb MB uncompressed ($input)"
echo "report:     $summary"
echo "wall time:  ${seconds} s"
awk -v b="$bytes" -v s="$seconds" 'BEGIN { printf "throughput: %.0f MB/s\n", b / 1048576 / s }'
awk -v k="$rss_kb" 'BEGIN { printf "peak RSS:   %.1f MB\n", k / 1024 }'
