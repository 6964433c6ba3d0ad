//! The text path: any bytes that sniff as text go through normalize, parse, audit and schema
//! validation. Nothing may panic (a panic inside `extract` would surface as an `internal`
//! error, which this target treats as a crash too).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // Keep the PDF path out of this target (it has its own).
    if data.windows(5).any(|w| w == b"%PDF-") {
        return;
    }
    if let Err(e) = ita_extract::extract("fuzz.txt", data) {
        assert!(
            !matches!(e.kind(), ita_extract::ErrorKind::Internal(_)),
            "{e}"
        );
    }
});
