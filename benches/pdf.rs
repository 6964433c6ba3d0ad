//! Throughput of the PDF stage (`pdf::read`: load, interpret, lay out, judge) on the report
//! fixtures, in pages per second. Compare with `pdftotext` on the same files:
//! `time pdftotext -layout fixtures/pdf/chiangmai-2566.libreoffice.pdf /dev/null`.
//!
//! Run: `cargo bench --bench pdf`.

use divan::counter::ItemsCount;
use divan::{black_box, Bencher};

fn main() {
    divan::main();
}

const FILES: &[&str] = &[
    "chiangmai-2566.libreoffice.pdf",
    "chiangmai-2566.chromium.pdf",
    "chiangmai-2566.chromium-garuda.pdf",
    "chiangmai-2566.wkhtmltopdf-norasi.pdf",
    "chiangmai-2566.weasyprint-laksaman.pdf",
    "chiangmai-2566.libreoffice-norasi.pdf",
    "chiangmai-2566.libreoffice-writer-norasi.pdf",
    "chiangmai-2566.tcpdf-loma.pdf",
    "chiangmai-2566.ghostscript-laksaman.pdf",
    "chiangmai-2566.wkhtmltopdf-garuda.pdf",
    // Read from glyph outlines (src/pdf/outline.rs).
    "chiangmai-2566.ghostscript-cid-laksaman.pdf",
    "chiangmai-2566.ps2pdf-libreoffice-laksaman.pdf",
    "chiangmai-2566.ps2pdf-chromium-garuda.pdf",
    "gazette-140A022N.pdf",
];

fn bytes(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/fixtures/pdf/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("fixture")
}

/// One report PDF: pages/s and time per document.
#[divan::bench(args = FILES)]
fn read(bencher: Bencher, name: &str) {
    let b = bytes(name);
    let pages = ita_extract::pdf::read(&b).map_or(1, |p| p.pages.len());
    bencher
        .counter(ItemsCount::new(pages))
        .bench(|| ita_extract::pdf::read(black_box(&b)));
}

/// The whole extraction (PDF stage + normalize + parse + validate) of the LibreOffice report.
#[divan::bench]
fn extract_libreoffice_report(bencher: Bencher) {
    let b = bytes("chiangmai-2566.libreoffice.pdf");
    bencher.bench(|| ita_extract::extract("bench.pdf", black_box(&b)));
}
