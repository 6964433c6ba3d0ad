//! Image files Tesseract reads, written around an image's samples or coded data as stored in
//! the PDF: PNM (PGM / PPM / PBM) for decoded samples, TIFF for CCITT fax data. JPEG data
//! (DCT) is already a file.

/// An image as Tesseract will read it: the file's bytes and its extension.
#[derive(Debug, Clone)]
pub struct ImageFile {
    /// The file's bytes.
    pub bytes: Vec<u8>,
    /// Its extension (`jpg`, `pgm`, `ppm`, `pbm`, `tif`).
    pub ext: &'static str,
}

/// Decoded samples (after Flate and predictors) of a gray (1 component) or RGB (3) image with
/// 1 or 8 bits per component as a PNM file. `invert`: the samples' meaning is reversed
/// (`/Decode [1 0]`). `None` for other layouts or too few samples.
#[must_use]
pub fn pnm(
    width: u32,
    height: u32,
    bits: u8,
    components: u8,
    samples: &[u8],
    invert: bool,
) -> Option<ImageFile> {
    let (w, h) = (width as usize, height as usize);
    if w == 0 || h == 0 {
        return None;
    }
    match (bits, components) {
        (8, 1 | 3) => {
            let c = components as usize;
            let n = w.checked_mul(h)?.checked_mul(c)?;
            let data = samples.get(..n)?;
            let (magic, ext) = if c == 1 { ("P5", "pgm") } else { ("P6", "ppm") };
            let mut out = format!("{magic}\n{width} {height}\n255\n").into_bytes();
            out.reserve(n);
            if invert {
                out.extend(data.iter().map(|b| 255 - b));
            } else {
                out.extend_from_slice(data);
            }
            Some(ImageFile { bytes: out, ext })
        }
        (1, 1) => {
            // PDF gray: a 1 bit is white; PBM: a 1 bit is black.
            let row = w.div_ceil(8);
            let data = samples.get(..row.checked_mul(h)?)?;
            let mut out = format!("P4\n{width} {height}\n").into_bytes();
            out.reserve(data.len());
            out.extend(data.iter().map(|b| if invert { *b } else { !b }));
            Some(ImageFile {
                bytes: out,
                ext: "pbm",
            })
        }
        _ => None,
    }
}

/// CCITT fax data (`/CCITTFaxDecode`, `k < 0`: Group 4; `k = 0`: Group 3 one-dimensional)
/// wrapped in a one-strip TIFF without decoding it.
#[must_use]
pub fn tiff_ccitt(width: u32, height: u32, k: i64, dpi: u32, data: &[u8]) -> Option<ImageFile> {
    if width == 0 || height == 0 || k > 0 {
        return None;
    }
    let (compression, options_tag) = if k < 0 { (4u32, 293u16) } else { (3, 292) };
    // Tags in ascending order: (tag, type, value); type 3 SHORT, 4 LONG, 5 RATIONAL.
    let n_tags = 13u16;
    let ifd_len = 2 + 12 * u32::from(n_tags) + 4;
    let rational_at = 8 + ifd_len;
    let data_at = rational_at + 16;
    let len = u32::try_from(data.len()).ok()?;
    let tags: [(u16, u16, u32); 13] = [
        (256, 4, width),
        (257, 4, height),
        (258, 3, 1),
        (259, 3, compression),
        (262, 3, 0), // WhiteIsZero: fax data codes white and black runs.
        (273, 4, data_at),
        (277, 3, 1),
        (278, 4, height),
        (279, 4, len),
        (282, 5, rational_at),
        (283, 5, rational_at + 8),
        (options_tag, 4, 0),
        (296, 3, 2),
    ];
    let mut out = Vec::with_capacity(data_at as usize + data.len());
    out.extend_from_slice(b"II*\0");
    out.extend_from_slice(&8u32.to_le_bytes());
    out.extend_from_slice(&n_tags.to_le_bytes());
    let mut sorted = tags;
    sorted.sort_by_key(|t| t.0);
    for (tag, ty, value) in sorted {
        out.extend_from_slice(&tag.to_le_bytes());
        out.extend_from_slice(&ty.to_le_bytes());
        out.extend_from_slice(&1u32.to_le_bytes());
        if ty == 3 {
            out.extend_from_slice(&u16::try_from(value).ok()?.to_le_bytes());
            out.extend_from_slice(&[0, 0]);
        } else {
            out.extend_from_slice(&value.to_le_bytes());
        }
    }
    out.extend_from_slice(&0u32.to_le_bytes());
    for _ in 0..2 {
        out.extend_from_slice(&dpi.max(1).to_le_bytes());
        out.extend_from_slice(&1u32.to_le_bytes());
    }
    out.extend_from_slice(data);
    Some(ImageFile {
        bytes: out,
        ext: "tif",
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gray_and_bilevel_samples_become_pnm() {
        let f = pnm(2, 1, 8, 1, &[0, 255], false).unwrap();
        assert_eq!(f.bytes, b"P5\n2 1\n255\n\x00\xff");
        // 1-bit: PDF 1 = white, PBM 1 = black.
        let f = pnm(3, 1, 1, 1, &[0b1010_0000], false).unwrap();
        assert_eq!(f.bytes, b"P4\n3 1\n\x5f");
        assert!(pnm(3, 3, 8, 1, &[0; 4], false).is_none());
        assert!(pnm(3, 1, 4, 1, &[0; 4], false).is_none());
    }

    #[test]
    fn g4_data_gets_a_tiff_header() {
        let f = tiff_ccitt(1654, 2339, -1, 200, b"DATA").unwrap();
        assert_eq!(&f.bytes[..4], b"II*\0");
        assert!(f.bytes.ends_with(b"DATA"));
        let data_at = f.bytes.len() - 4;
        // StripOffsets points at the data.
        let tag = f
            .bytes
            .windows(2)
            .position(|w| w == 273u16.to_le_bytes())
            .unwrap();
        let off = u32::from_le_bytes(f.bytes[tag + 8..tag + 12].try_into().unwrap());
        assert_eq!(off as usize, data_at);
        assert!(tiff_ccitt(10, 10, 1, 200, b"x").is_none());
    }
}
