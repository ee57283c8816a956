//! The registry in process, on a real SQLite file in a temp directory with
//! 10,000 applications and 100,000 credentials (10 each):
//! - the authorization and lookup path of every credential command: the
//!   actor in its organization, the application authorized, the credential
//!   looked up (and the same through `credentials::show`);
//! - listing all 100,000 credentials: collected by the store, and streamed
//!   by `credentials::list` into JSON (as `authgate list -o json` does).

use std::hint::black_box;
use std::io::Write;
use std::path::Path;

use authgate::domain::credentials::{self as ops, Selector};
use authgate::domain::session::{Options, Session};
use authgate::domain::setup::{self, InitParams};
use authgate::testing::applications::{self, Application};
use authgate::testing::credentials::{self as credentials, Credential};
use authgate::testing::{self as auth, Access};
use authgate::testing::{Store, now, tenancy};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

const APPS: usize = 10_000;
const PER_APP: usize = 10;

/// Builds the registry: `init`, then the applications and credentials
/// inserted through the store in one transaction (one bcrypt hash for all).
fn build(dir: &Path) -> Session {
    let db = dir.join("authgate.db");
    let key = dir.join("key");
    setup::init(&InitParams {
        db: db.clone(),
        traefik_dir: dir.join("traefik"),
        credentials_file: key.clone(),
        org: "bench".into(),
        user: "bench".into(),
        bcrypt_cost: 4,
    })
    .expect("init");
    let hash = bcrypt::hash_with_result("bench-password", 4)
        .expect("hashes")
        .format_for_version(bcrypt::Version::TwoY);
    let mut store = Store::open(&db).expect("opens");
    let org = tenancy::org_by_name(store.conn(), "bench")
        .expect("query")
        .expect("org");
    let tx = store.write_tx().expect("write lock");
    let (environment_id, project_id) =
        tenancy::ensure_environment(&tx, &org.org_id, "default", "production").expect("env");
    let at = now();
    for i in 0..APPS {
        let app = Application {
            application_id: format!("app-bench-{i:05}"),
            app_name: format!("app{i:05}"),
            name: format!("app{i:05}"),
            org_id: org.org_id.clone(),
            project: "default".into(),
            environment: "production".into(),
            environment_id: environment_id.clone(),
            project_id: project_id.clone(),
            domains: vec![format!("app{i:05}.example.com")],
            hosts: Vec::new(),
            upstreams: vec!["http://10.0.0.1:8080".into()],
            entrypoints: vec![],
            tls: false,
            cert_resolver: None,
            realm: None,
            access: Default::default(),
            guard: true,
            guard_max_failures: None,
            banned: Vec::new(),
            fast_auth: false,
            private: false,
            created_at: at.clone(),
            updated_at: at.clone(),
        };
        applications::insert(&tx, &app).expect("app");
        for j in 0..PER_APP {
            let n = i * PER_APP + j;
            credentials::insert(
                &tx,
                &Credential {
                    security_id: format!("sec-{n:07}"),
                    application_id: app.application_id.clone(),
                    username: format!("u{n:07}"),
                    password_hash: hash.clone(),
                    created_at: at.clone(),
                    updated_at: at.clone(),
                    expires_at: None,
                    weak: false,
                    withdrawn_at: None,
                },
            )
            .expect("credential");
        }
    }
    tx.commit().expect("commit");
    drop(store);
    Session::open(&Options {
        db: Some(db),
        traefik_dir: None,
        api_key_file: Some(key),
        org: None,
        ..Default::default()
    })
    .expect("session")
}

fn registry(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let session = build(dir.path());
    let conn = session.conn();
    let user = tenancy::user_by_name(conn, "bench")
        .expect("query")
        .expect("user");

    let mut group = c.benchmark_group("authorize_and_lookup");
    group.bench_function("actor+authorize_app+by_username", |b| {
        b.iter(|| {
            let actor = auth::actor(conn, &user, None).expect("actor");
            let app = actor
                .authorize_app(conn, black_box("app05000"), Access::Read)
                .expect("authorized");
            credentials::by_username(conn, &app.application_id, black_box("u0050005"))
                .expect("query")
                .expect("found")
        })
    });
    let selector = Selector::Name {
        app: "app05000".into(),
        username: "u0050005".into(),
    };
    group.bench_function("credentials::show", |b| {
        b.iter(|| ops::show(&session, black_box(&selector), false).expect("found"))
    });
    group.finish();

    let mut group = c.benchmark_group("list_100k");
    group.sample_size(10);
    group.throughput(Throughput::Elements((APPS * PER_APP) as u64));
    let org_id = session.actor.org_id.clone();
    group.bench_function("store::credentials::list", |b| {
        b.iter(|| {
            let rows = credentials::list(
                conn,
                &credentials::Selection {
                    org_id: &org_id,
                    ..Default::default()
                },
            )
            .expect("lists");
            assert_eq!(rows.len(), APPS * PER_APP);
            rows
        })
    });
    group.bench_function("credentials::list to JSON", |b| {
        b.iter(|| {
            let mut out = std::io::BufWriter::new(std::io::sink());
            let n = ops::list(&session, &ops::ListFilter::default(), |head, rows| {
                assert!(head.mixed.is_empty());
                let mut n = 0;
                for view in rows {
                    serde_json::to_writer_pretty(&mut out, &view).expect("serializes");
                    n += 1;
                }
                Ok(n)
            })
            .expect("lists");
            out.flush().expect("flushes");
            assert_eq!(n, APPS * PER_APP);
        })
    });
    group.finish();
}

criterion_group!(benches, registry);
criterion_main!(benches);
