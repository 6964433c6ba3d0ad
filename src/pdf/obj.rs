//! Small helpers over lopdf objects: bounded dereferencing, numbers, names, stream data with a
//! decompression budget.

use lopdf::{Dictionary, Document, Object};

/// Longest chain of references followed (`1 0 R` → `2 0 R` → …).
const MAX_HOPS: usize = 16;
/// Largest single decoded stream (bytes).
pub(crate) const MAX_STREAM: usize = 64 * 1024 * 1024;
/// Largest total of decoded streams for one document (bytes).
pub(crate) const MAX_TOTAL: usize = 1024 * 1024 * 1024;

/// What decoding streams may still cost, and whether a limit was hit.
#[derive(Debug)]
pub(crate) struct Budget {
    /// Bytes that may still be decoded.
    pub(crate) left: usize,
    /// A stream was refused because of the limits.
    pub(crate) exceeded: bool,
}

impl Default for Budget {
    fn default() -> Self {
        Budget {
            left: MAX_TOTAL,
            exceeded: false,
        }
    }
}

/// Follows references (a bounded number of hops); a dangling one gives `Null`.
pub(crate) fn deref<'a>(doc: &'a Document, mut o: &'a Object) -> &'a Object {
    for _ in 0..MAX_HOPS {
        match o {
            Object::Reference(id) => match doc.get_object(*id) {
                Ok(t) => o = t,
                Err(_) => return &Object::Null,
            },
            _ => return o,
        }
    }
    &Object::Null
}

/// A number (integer or real), dereferenced.
pub(crate) fn num(doc: &Document, o: &Object) -> Option<f64> {
    match deref(doc, o) {
        Object::Integer(i) => Some(*i as f64),
        Object::Real(r) => Some(f64::from(*r)).filter(|v| v.is_finite()),
        _ => None,
    }
}

/// A name, dereferenced.
pub(crate) fn name_of<'a>(doc: &'a Document, o: Option<&'a Object>) -> Option<&'a [u8]> {
    match deref(doc, o?) {
        Object::Name(n) => Some(n.as_slice()),
        _ => None,
    }
}

/// A dictionary entry, dereferenced, as a dictionary (a stream's dictionary counts).
pub(crate) fn dict<'a>(doc: &'a Document, d: &'a Dictionary, key: &[u8]) -> Option<&'a Dictionary> {
    match deref(doc, d.get(key).ok()?) {
        Object::Dictionary(d) => Some(d),
        Object::Stream(s) => Some(&s.dict),
        _ => None,
    }
}

/// The decoded data of a stream object (or of an array of streams, concatenated).
pub(crate) fn stream_data(doc: &Document, o: &Object, budget: &mut Budget) -> Option<Vec<u8>> {
    match deref(doc, o) {
        Object::Stream(s) => {
            let limit = MAX_STREAM.min(budget.left);
            let decoded = match inflate(s, limit) {
                Some(Inflated::Data(data)) => Ok(data),
                Some(Inflated::OverLimit) => Err(lopdf::Error::Decompress(
                    lopdf::DecompressError::MemoryLimitExceeded { limit },
                )),
                None => s.get_plain_content_with_limit(limit),
            };
            match decoded {
                Ok(data) => {
                    budget.left = budget.left.saturating_sub(data.len());
                    Some(data)
                }
                Err(lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded {
                    ..
                })) => {
                    budget.exceeded = true;
                    None
                }
                // Unsupported or broken filters: whatever raw bytes there are are not usable.
                Err(_) => None,
            }
        }
        Object::Array(parts) => {
            let mut out = Vec::new();
            for p in parts.iter().take(4096) {
                // Only streams inside: an array that names itself must not recurse.
                if !matches!(deref(doc, p), Object::Stream(_)) {
                    continue;
                }
                if let Some(d) = stream_data(doc, p, budget) {
                    out.extend_from_slice(&d);
                    out.push(b'\n');
                }
            }
            Some(out)
        }
        _ => None,
    }
}

/// What [`inflate`] made of a stream.
enum Inflated {
    /// The whole decoded data, within the limit.
    Data(Vec<u8>),
    /// The data goes past the limit.
    OverLimit,
}

thread_local! {
    /// One decompressor per thread, reset for each stream (its state and window are 40 KiB
    /// that lopdf's decoder allocated and zeroed again for every stream).
    static INFLATER: std::cell::RefCell<Option<flate2::Decompress>> =
        const { std::cell::RefCell::new(None) };
}

/// The data of a stream whose only filter is `FlateDecode` without parameters (content
/// streams, fonts, ToUnicode maps: nearly all), inflated into a buffer that grows without
/// being zeroed. Exactly lopdf's result for such a stream when its data inflates cleanly to
/// its end mark; `None` for any other stream, and for data that is broken, cut short or empty,
/// which lopdf's decoder then reads as before (with its repairs and its partial output).
fn inflate(s: &lopdf::Stream, limit: usize) -> Option<Inflated> {
    let flate_only = match s.dict.get(b"Filter").ok()? {
        Object::Name(n) => n == b"FlateDecode",
        Object::Array(a) => matches!(&a[..], [Object::Name(n)] if n == b"FlateDecode"),
        _ => false,
    };
    if !flate_only || s.dict.has(b"DecodeParms") || s.content.is_empty() {
        return None;
    }
    let input = &s.content[..];
    // lopdf reads at most one byte past the limit, and refuses the stream if it got it.
    let cap = limit.saturating_add(1);
    INFLATER.with(|cell| {
        let mut slot = cell.borrow_mut();
        let d = slot.get_or_insert_with(|| flate2::Decompress::new(true));
        d.reset(true);
        let mut out = Vec::with_capacity(input.len().saturating_mul(4).max(256).min(cap));
        loop {
            if out.len() == out.capacity() {
                if out.len() >= cap {
                    return Some(Inflated::OverLimit);
                }
                let more = out.capacity().min(cap - out.len());
                out.reserve_exact(more);
            }
            let (read, written) = (d.total_in(), d.total_out());
            let at = usize::try_from(read).ok()?;
            let status = d
                .decompress_vec(input.get(at..)?, &mut out, flate2::FlushDecompress::None)
                .ok()?;
            match status {
                flate2::Status::StreamEnd => break,
                // No progress with room to write: the data ends before its end mark.
                _ if d.total_in() == read && d.total_out() == written => return None,
                _ => {}
            }
        }
        Some(if out.len() > limit {
            Inflated::OverLimit
        } else {
            Inflated::Data(out)
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn zlib(data: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    fn stream(filter: Object, content: Vec<u8>) -> lopdf::Stream {
        let mut dict = Dictionary::new();
        dict.set("Filter", filter);
        lopdf::Stream::new(dict, content)
    }

    fn flate(content: Vec<u8>) -> lopdf::Stream {
        stream(Object::Name(b"FlateDecode".to_vec()), content)
    }

    #[test]
    fn inflate_gives_lopdfs_data_or_leaves_the_stream_to_lopdf() {
        let text: Vec<u8> = (0..200_000u32)
            .flat_map(|i| format!("{} {} Td <{i:04x}> Tj\n", i % 97, i % 13).into_bytes())
            .collect();
        let big = flate(zlib(&text));
        let small = stream(
            Object::Array(vec![Object::Name(b"FlateDecode".to_vec())]),
            zlib(b"BT /F1 12 Tf (x) Tj ET"),
        );
        // Twice each, in turn: the reused decompressor starts afresh for every stream.
        for _ in 0..2 {
            for s in [&big, &small] {
                let lopdf = s.get_plain_content_with_limit(MAX_STREAM).unwrap();
                assert!(matches!(inflate(s, MAX_STREAM), Some(Inflated::Data(d)) if d == lopdf));
            }
        }
        // Over the limit, as lopdf says it; at the limit exactly, the data.
        assert!(big.get_plain_content_with_limit(text.len() - 1).is_err());
        assert!(matches!(
            inflate(&big, text.len() - 1),
            Some(Inflated::OverLimit)
        ));
        assert!(matches!(inflate(&big, text.len()), Some(Inflated::Data(d)) if d == text));
        // A budget nearly spent (under the first buffer's 256 bytes): over it, no panic.
        assert!(matches!(inflate(&big, 10), Some(Inflated::OverLimit)));
        // Cut short, broken, empty, with parameters or another filter: lopdf reads them.
        let mut cut = zlib(&text);
        cut.truncate(cut.len() / 2);
        let mut broken = zlib(&text);
        let n = broken.len();
        broken[n - 1] ^= 0xff;
        for content in [cut, broken, Vec::new()] {
            assert!(inflate(&flate(content), MAX_STREAM).is_none());
        }
        let mut with_parms = flate(zlib(&text));
        let mut parms = Dictionary::new();
        parms.set("Predictor", 12);
        with_parms.dict.set("DecodeParms", parms);
        assert!(inflate(&with_parms, MAX_STREAM).is_none());
        let two = stream(
            Object::Array(vec![
                Object::Name(b"FlateDecode".to_vec()),
                Object::Name(b"FlateDecode".to_vec()),
            ]),
            zlib(&zlib(&text)),
        );
        assert!(inflate(&two, MAX_STREAM).is_none());
        assert!(inflate(
            &stream(Object::Name(b"ASCIIHexDecode".to_vec()), b"41>".to_vec()),
            MAX_STREAM
        )
        .is_none());
    }
}
