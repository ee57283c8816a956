#!/usr/bin/env bash
# The crash tests at full count (the directory alone, and with a Redis sink
# when redis-server is installed): SIGKILL at random points of create, update,
# delete, app update and sync, each followed by one `authgate list` that
# must put Traefik's files back in step with the database (tests/crash.rs
# says what is checked). CI runs a few dozen trials as part of `cargo test`;
# this runs TRIALS (default 120) and prints the seed, how many commands were
# killed, and how many kills left the file out of step before `list`.
# Not run by CI. Usage:
#
#   bench/crash.sh
#   TRIALS=300 SEED=12345 bench/crash.sh
set -euo pipefail

cd "$(dirname "$0")/.."
trials=${TRIALS:-120}
[ "$trials" -ge 1 ] && [ "$trials" -le 10000 ] || { echo "TRIALS must be 1 to 10000" >&2; exit 1; }
export AUTHGATE_CRASH_TRIALS=$trials
if [ -n "${SEED:-}" ]; then
    export AUTHGATE_CRASH_SEED=$SEED
fi
exec cargo test --locked --test main crash:: -- --nocapture --test-threads 1
