//! Rendering one application's Traefik file (the typed model, then YAML)
//! with 1, 100 and 10,000 users: what every mutation and every `sync` or
//! `check` does per application.

use std::hint::black_box;

use authgate::testing::{self as traefik, Application, Credential};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

/// A bcrypt hash (cost 10) as stored; rendering never looks inside it.
const HASH: &str = "$2y$10$q5W3yWuj9tcKD7GawuFvMOSVnePNMfCfTcoxrUPJMBCXmwX5Ug/.W";

fn app() -> Application {
    Application {
        application_id: "app-01a21b51-6a25-7672-a13b-6ad40a87ea85".into(),
        app_name: "shop".into(),
        name: "Shop".into(),
        org_id: "org".into(),
        project: "default".into(),
        environment: "production".into(),
        environment_id: "env".into(),
        project_id: "p".into(),
        domains: vec!["shop.example.com".into()],
        hosts: Vec::new(),
        upstreams: vec!["http://10.0.0.5:3000".into()],
        entrypoints: vec!["websecure".into()],
        tls: true,
        cert_resolver: Some("letsencrypt".into()),
        realm: None,
        access: Default::default(),
        guard: true,
        guard_max_failures: None,
        banned: Vec::new(),
        fast_auth: false,
        private: false,
        created_at: "2025-01-01T00:00:00.000Z".into(),
        updated_at: "2025-01-01T00:00:00.000Z".into(),
    }
}

/// `n` credentials, sorted by username as the store returns them.
fn credentials(n: usize) -> Vec<Credential> {
    (0..n)
        .map(|i| Credential {
            security_id: format!("sec-{i:07}"),
            application_id: "app-01a21b51-6a25-7672-a13b-6ad40a87ea85".into(),
            username: format!("user{i:07}"),
            password_hash: HASH.into(),
            created_at: "2025-01-01T00:00:00.000Z".into(),
            updated_at: "2025-01-01T00:00:00.000Z".into(),
            expires_at: None,
            weak: false,
            withdrawn_at: None,
        })
        .collect()
}

fn render(c: &mut Criterion) {
    let app = app();
    let mut group = c.benchmark_group("render_yaml");
    for n in [1usize, 100, 10_000] {
        let creds = credentials(n);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &creds, |b, creds| {
            b.iter(|| {
                let config = traefik::render(
                    black_box(&app),
                    black_box(creds),
                    "2026-01-01T00:00:00.000Z",
                )
                .expect("an application with credentials has a file");
                traefik::to_yaml(&app, &config).expect("renders")
            })
        });
    }
    group.finish();
}

criterion_group!(benches, render);
criterion_main!(benches);
