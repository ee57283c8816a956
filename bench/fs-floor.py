#!/usr/bin/env python3
"""The file-system floor of `authgate sync` rewriting N files, without authgate.

    bench/fs-floor.py DIR N [THREADS]

Does in DIR exactly the file operations of FileSink::write_many
(src/sinks/file.rs) for N files of the size of the fixtures' (1,292 bytes): THREADS
workers (default 8) each create a hidden temp file, write it, fsync it; then
every temp file is renamed over its target, and the directory is fsynced
once. No database, no rendering: what is left is the kernel's and the
disk's share, which no change to authgate can remove.
"""

import os
import sys
import threading

directory, count = sys.argv[1], int(sys.argv[2])
threads = int(sys.argv[3]) if len(sys.argv) > 3 else 8
os.makedirs(directory, exist_ok=True)
body = b"# Managed by authgate (fs-floor).\n" + b"x" * 1257 + b"\n"
lock = threading.Lock()
next_index = 0


def work():
    global next_index
    while True:
        with lock:
            i = next_index
            next_index += 1
        if i >= count:
            return
        tmp = os.path.join(directory, f".app{i:05d}.yml.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o640)
        try:
            os.fchmod(fd, 0o640)
            os.write(fd, body)
            os.fsync(fd)
        finally:
            os.close(fd)


workers = [threading.Thread(target=work) for _ in range(max(1, min(threads, count)) - 1)]
for w in workers:
    w.start()
work()
for w in workers:
    w.join()
for i in range(count):
    os.rename(
        os.path.join(directory, f".app{i:05d}.yml.tmp"),
        os.path.join(directory, f"app{i:05d}.yml"),
    )
fd = os.open(directory, os.O_RDONLY)
try:
    os.fsync(fd)
finally:
    os.close(fd)
