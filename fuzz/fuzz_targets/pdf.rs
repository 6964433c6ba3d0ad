//! The PDF path: load, page walk, content interpreter, layout, then parse. Seeded with the
//! fixture PDFs (which start with `%PDF-`, so they take this path). No panic may escape.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(e) = ita_extract::pdf::read(data) {
        assert!(
            !matches!(e.kind(), ita_extract::ErrorKind::Internal(_)),
            "{e}"
        );
    }
});
