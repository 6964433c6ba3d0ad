//! Throughput of the text stages on the bundled report: normalize, parse (+ audit), and the
//! whole `extract` (source → normalize → parse → audit → schema validation).
//!
//! Run: `cargo bench --bench pipeline`. Throughput is counted in input bytes (MB/s).

use divan::counter::BytesCount;
use divan::{black_box, Bencher};

fn main() {
    divan::main();
}

fn seed() -> Vec<u8> {
    std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/reports/chiangmai-2566.txt"
    ))
    .expect("fixture")
}

#[divan::bench]
fn normalize(bencher: Bencher) {
    let bytes = seed();
    let raw = ita_extract::source::read(&bytes).unwrap();
    bencher
        .counter(BytesCount::new(bytes.len()))
        .bench(|| ita_extract::normalize::document(black_box(&raw)));
}

#[divan::bench]
fn parse(bencher: Bencher) {
    let bytes = seed();
    let raw = ita_extract::source::read(&bytes).unwrap();
    let text = ita_extract::normalize::document(&raw);
    let source = ita_extract::source::describe("seed", &bytes, &raw);
    bencher.counter(BytesCount::new(bytes.len())).bench(|| {
        let mut r = ita_extract::parse::report(black_box(&text), source.clone()).unwrap();
        ita_extract::audit::audit(&mut r);
        r
    });
}

#[divan::bench]
fn extract(bencher: Bencher) {
    let bytes = seed();
    bencher
        .counter(BytesCount::new(bytes.len()))
        .bench(|| ita_extract::extract("seed", black_box(&bytes)).unwrap());
}
