//! The per-request CPU cost that Traefik pays for Basic Auth: one bcrypt
//! verification of the presented password against the stored hash, on every
//! request (Traefik caches nothing). Cost 10, authgate's default, against
//! cost 5; each step of the cost doubles the time.

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};

const PASSWORD: &str = "correct horse battery staple";

fn verify(c: &mut Criterion) {
    let mut group = c.benchmark_group("bcrypt_verify");
    group.sample_size(20);
    for cost in [5u32, 10] {
        let hash = bcrypt::hash_with_result(PASSWORD, cost)
            .expect("hashes")
            .format_for_version(bcrypt::Version::TwoY);
        group.bench_with_input(BenchmarkId::new("cost", cost), &hash, |b, hash| {
            b.iter(|| {
                assert!(bcrypt::verify(black_box(PASSWORD), black_box(hash)).expect("verifies"))
            })
        });
    }
    group.finish();
}

criterion_group!(benches, verify);
criterion_main!(benches);
