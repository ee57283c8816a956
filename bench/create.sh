#!/usr/bin/env bash
# What a `create` costs beyond the work no implementation can skip, in one
# run of interleaved trials: each round runs every command once, so that
# drift of the machine touches all of them alike, in an order shuffled anew
# each round (from a fixed seed), so that what ran just before touches them
# alike too: a process that starts after 50 ms of anything else (bcrypt, or
# a sleep) takes 0.4-0.9 ms longer than one right after another process,
# and in a fixed order the same command would always follow `htpasswd`.
# Prints a markdown table of medians, ratios and targets. Not run by CI.
# Usage:
#
#   cargo build --release --bin authgate && cargo build --release --example floor && bench/create.sh
#
# ROUNDS (default 40) sets the number of rounds; with CREATE_JSON=FILE the
# medians and the table's rows are also written to FILE (bench/run.sh puts
# the rows in its table).
#
# (1) create, a chosen password at the default policy (min-password-score 3),
#     bcrypt cost 10, vs htpasswd -nbB -C 10: ≤ 1.05×
# (2) create, a chosen password, cost 4, vs its floor: ≤ floor + 3 ms
# (3) create --generate in a fast-auth application vs its floor: ≤ 1.5×
#
# The floor is authgate's own start-up (`authgate --version`) plus one SQLite
# commit with authgate's settings plus one atomic file write with its fsyncs,
# on the same disk: target/release/examples/floor (bench/floor.rs) makes the
# commit and the write in a process of its own, whose bare start-up
# (`floor --bare`) is taken off and `--version` put in its place.
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
authgate=$(realpath "${AUTHGATE:-$here/target/release/authgate}")
floor=$(realpath "${FLOOR:-$here/target/release/examples/floor}")
[ -x "$authgate" ] || { echo "no binary at $authgate: cargo build --release --bin authgate" >&2; exit 1; }
[ -x "$floor" ] || { echo "no floor at $floor: cargo build --release --example floor" >&2; exit 1; }
command -v htpasswd >/dev/null || { echo "bench/create.sh needs htpasswd (apt-get install apache2-utils)" >&2; exit 1; }
# The binary is timed as it installs: laid out by build/symbol-order.txt.
# Built in one command with the example, it is not (the example's
# dev-dependencies change features, hence every Rust function's name).
if command -v nm >/dev/null && ! AUTHGATE=$authgate "$here/scripts/symbol-order.sh" --check >/dev/null 2>&1; then
    echo "warning: $authgate is not laid out as a release build of this code (build it alone: cargo build --release --bin authgate)" >&2
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/authgate-create.XXXXXX")
trap 'rm -rf "$work"' EXIT
export HOME=$work/home XDG_DATA_HOME=$work/home/.local/share XDG_CONFIG_HOME=$work/home/.config
mkdir -p "$HOME" "$work/floor"
unset AUTHGATE_DB AUTHGATE_TRAEFIK_DIR AUTHGATE_API_KEY AUTHGATE_WAIT NO_COLOR

"$authgate" init --org bench --user bench >/dev/null 2>&1
"$authgate" settings set max-credentials-per-app 3500 >/dev/null
"$authgate" app add --app-name shop --domain shop.bench --upstream http://127.0.0.1:9 >/dev/null 2>&1
"$authgate" app add --app-name api --domain api.bench --upstream http://127.0.0.1:9 --fast-auth >/dev/null 2>&1

AUTHGATE_BIN=$authgate FLOOR_BIN=$floor WORK=$work ROUNDS=${ROUNDS:-40} CREATE_JSON=${CREATE_JSON:-} python3 - <<'PY'
import json, os, random, statistics, subprocess, time

authgate, floor, work = os.environ["AUTHGATE_BIN"], os.environ["FLOOR_BIN"], os.environ["WORK"]
rounds = int(os.environ["ROUNDS"])
password = b"correct horse battery staple umbrella"
n = 0

def timed(argv, stdin=None):
    started = time.perf_counter()
    subprocess.run(argv, input=stdin, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started

def user():
    global n
    n += 1
    return f"u{n}"

commands = {
    "create, chosen, cost 10": lambda: timed([authgate, "create", "--app", "shop", "--username", user(), "--password-stdin", "--cost", "10"], password),
    "htpasswd -nbB -C 10": lambda: timed(["htpasswd", "-nbB", "-C", "10", "u", password.decode()]),
    "create, chosen, cost 4": lambda: timed([authgate, "create", "--app", "shop", "--username", user(), "--password-stdin", "--cost", "4"], password),
    "create --generate, fast-auth": lambda: timed([authgate, "create", "--app", "api", "--username", user(), "--generate"]),
    "floor process": lambda: timed([floor, f"{work}/floor/floor.db", f"{work}/floor"]),
    "floor process, bare": lambda: timed([floor, "--bare"]),
    "--version": lambda: timed([authgate, "--version"]),
}
times = {name: [] for name in commands}
for _ in range(3):  # warm the caches
    for run in commands.values():
        run()
order = list(commands)
shuffle = random.Random(29).shuffle
for _ in range(rounds):
    shuffle(order)
    for name in order:
        times[name].append(commands[name]())
med = {name: statistics.median(ts) * 1000 for name, ts in times.items()}
med["floor"] = med["floor process"] - med["floor process, bare"] + med["--version"]
rows = []

def row(what, m, base_name, base, ratio, target, met):
    rows.append(f"| {what} | {m:.2f} ms | {base_name} | {base:.2f} ms | {ratio} | {target} | {'met' if met else '**missed**'} |")

r1 = med["create, chosen, cost 10"] / med["htpasswd -nbB -C 10"]
row("`create`, chosen password, policy 3, cost 10", med["create, chosen, cost 10"], "`htpasswd -nbB -C 10`", med["htpasswd -nbB -C 10"], f"{r1:.3f}×", "≤ 1.05×", r1 <= 1.05)
d2 = med["create, chosen, cost 4"] - med["floor"]
row("`create`, chosen password, cost 4", med["create, chosen, cost 4"], "the floor", med["floor"], f"+{d2:.2f} ms", "≤ +3 ms", d2 <= 3.0)
r3 = med["create --generate, fast-auth"] / med["floor"]
row("`create --generate`, fast-auth", med["create --generate, fast-auth"], "the floor", med["floor"], f"{r3:.3f}×", "≤ 1.5×", r3 <= 1.5)
if os.environ["CREATE_JSON"]:
    with open(os.environ["CREATE_JSON"], "w") as out:
        json.dump({"medians": med, "rows": rows}, out)

print(f"\n{rounds} interleaved rounds, medians (ms):\n")
print("| measurement | median | compared with | median | ratio or difference | target | |")
print("|---|---:|---|---:|---:|---|---|")
print("\n".join(rows))
print(f"\nThe floor: `--version` ({med['--version']:.2f} ms) + one SQLite commit and one atomic file write (the floor process, {med['floor process']:.2f} ms, less its bare start-up, {med['floor process, bare']:.2f} ms).")
PY
