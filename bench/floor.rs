//! The floor of a command that changes one credential, as a process of its
//! own: what no implementation of `create` can skip. It starts, makes one
//! SQLite commit with authgate's settings (WAL, `synchronous = FULL`), and
//! writes one file atomically as authgate does (a temp file, fsync, rename,
//! fsync of the directory). `bench/create.sh` times it beside `create`.
//! With `--bare` it exits as soon as it starts: what its start-up alone
//! costs, which `bench/create.sh` replaces with authgate's (`--version`).
//!
//! Usage: floor DATABASE DIRECTORY | floor --bare

use std::io::Write;

fn main() {
    let mut args = std::env::args().skip(1).peekable();
    if args.peek().is_some_and(|a| a == "--bare") {
        return;
    }
    let (Some(db), Some(dir)) = (args.next(), args.next()) else {
        eprintln!("usage: floor DATABASE DIRECTORY");
        std::process::exit(2);
    };
    let conn = rusqlite::Connection::open(&db).expect("open the database");
    conn.pragma_update(None, "synchronous", "FULL")
        .expect("synchronous");
    let _: String = conn
        .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
        .expect("WAL");
    conn.execute_batch(
        "CREATE TABLE IF NOT EXISTS floor (id INTEGER PRIMARY KEY, line TEXT NOT NULL)",
    )
    .expect("table");
    let line = format!("user{}:$2y$10${}", std::process::id(), "a".repeat(53));
    conn.execute("INSERT INTO floor (line) VALUES (?1)", [&line])
        .expect("commit");
    let dir = std::path::Path::new(&dir);
    let mut temp = tempfile::NamedTempFile::new_in(dir).expect("temp file");
    temp.write_all(format!("http:\n  middlewares:\n    floor-auth:\n      basicAuth:\n        users:\n          - \"{line}\"\n").as_bytes())
        .expect("write");
    temp.as_file().sync_all().expect("fsync");
    temp.persist(dir.join("floor.yml")).expect("rename");
    std::fs::File::open(dir)
        .and_then(|d| d.sync_all())
        .expect("fsync the directory");
}
