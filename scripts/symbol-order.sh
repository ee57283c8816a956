#!/usr/bin/env bash
# Writes build/symbol-order.txt, the order in which the release build lays
# out the functions that the commands an operator runs most actually
# execute (build.rs hands it to the linker), or with --check says how much
# of the file the release binary still defines, and whether the linker
# followed it.
#
# Why: every process maps authgate's 9 MB of code from the page cache one
# fault at a time, 64 KB around each, and on a KVM guest each such fault
# costs about 5 us. Laid out as compiled, a `create` touched 63 to 88 of
# those windows; with the functions it runs side by side, 18
# (docs/performance.md).
#
# Usage (needs valgrind; run it again when functions were added, renamed or
# moved, or the toolchain changed: a new rustc renames every Rust function):
#
#   cargo build --release --locked --bin authgate && scripts/symbol-order.sh
#   scripts/symbol-order.sh --check
#
# AUTHGATE names another binary (default: the release build, in
# CARGO_TARGET_DIR if set).
#
# The commands, in the order their functions are listed: `--version` (the
# start-up every command makes), `create` with a generated password in a
# fast-auth application, `create` with a chosen one (the strength check,
# bcrypt), `update`, `show`, `list`, `delete` and `expire`. A function keeps
# its first place.
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
authgate=${AUTHGATE:-${CARGO_TARGET_DIR:-$here/target}/release/authgate}
order=$here/build/symbol-order.txt
[ -x "$authgate" ] || { echo "no binary at $authgate: cargo build --release --locked --bin authgate" >&2; exit 1; }
authgate=$(realpath "$authgate")

# The binary's functions, `address name`, the address at nm's fixed width.
functions() {
    nm --defined-only "$authgate" | awk '$2 ~ /^[tTwW]$/ { print $1, $3 }'
}

if [ "${1:-}" = "--check" ]; then
    # The share of the listed functions the binary defines (below 80%, the
    # file has drifted from the code and is written again), and whether the
    # linker laid them out in the file's order (each defined one after the
    # one listed before it, allowing for names that share an address).
    [ -s "$order" ] || { echo "build/symbol-order.txt is missing or empty: run scripts/symbol-order.sh" >&2; exit 1; }
    functions | awk -v order="$order" '
        # Fixed-width addresses compare as strings, in order.
        { address[$2] = "x" $1 }
        END {
            while ((getline name < order) > 0) {
                total++
                if (!(name in address)) continue
                found++
                if (found > 1) { pairs++; if (address[name] >= last) ascending++ }
                last = address[name]
            }
            printf "build/symbol-order.txt: %d of %d functions defined, %d of %d in order\n", found, total, ascending, pairs
            if (total == 0 || found * 100 < total * 80) {
                print "under 80% defined: run scripts/symbol-order.sh on a release build and commit the file" > "/dev/stderr"
                exit 1
            }
            if (ascending * 100 < pairs * 99) {
                print "not laid out in the file'\''s order: did build.rs pass it to the linker?" > "/dev/stderr"
                exit 1
            }
        }'
    exit
fi

command -v valgrind >/dev/null || { echo "scripts/symbol-order.sh needs valgrind (apt-get install valgrind)" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/authgate-order.XXXXXX")
trap 'rm -rf "$work"' EXIT
export HOME=$work/home XDG_DATA_HOME=$work/home/.local/share XDG_CONFIG_HOME=$work/home/.config
mkdir -p "$HOME"
unset AUTHGATE_DB AUTHGATE_TRAEFIK_DIR AUTHGATE_API_KEY AUTHGATE_WAIT NO_COLOR

# The registry the commands run in; a command that fails shows its output.
quietly() {
    "$authgate" "$@" >"$work/setup.log" 2>&1 || { cat "$work/setup.log" >&2; exit 1; }
}
quietly init --org order --user order
quietly app add --app-name shop --domain shop.order --upstream http://127.0.0.1:9
quietly app add --app-name api --domain api.order --upstream http://127.0.0.1:9 --fast-auth
quietly create --app shop --username alice --generate
quietly create --app api --username probe --generate

n=0
profile() {
    n=$((n + 1))
    valgrind --tool=callgrind --demangle=no --callgrind-out-file="$work/$n.callgrind" \
        "$authgate" "$@" >/dev/null 2>>"$work/valgrind.log" || {
        cat "$work/valgrind.log" >&2
        echo "authgate $* failed under valgrind" >&2
        exit 1
    }
}
password='correct horse battery staple umbrella'

profile --version
profile create --app api --username robot --generate
profile create --app shop --username bob --password-stdin --cost 4 <<<"$password"
profile update --app shop --username bob --password-stdin --cost 4 <<<"$password"
profile show --app shop --username alice
profile list --app shop
profile delete --app shop --username bob
profile expire

functions | awk '{ print $2 }' | sort -u >"$work/defined"
for i in $(seq 1 "$n"); do
    sed -En 's/^c?fn=\([0-9]+\) //p' "$work/$i.callgrind"
done | awk '!seen[$0]++' | grep -Fxf "$work/defined" >"$work/order"
mkdir -p "$(dirname "$order")"
mv "$work/order" "$order"
echo "build/symbol-order.txt: $(grep -c . "$order") functions"
