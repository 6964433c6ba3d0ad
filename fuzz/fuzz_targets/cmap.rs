//! The ToUnicode CMap parser: the first half of the input is the CMap, the second the codes
//! decoded with it.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (cmap, probe) = data.split_at(data.len() / 2);
    let _ = ita_extract::pdf::fuzzing::tounicode(cmap, probe);
});
