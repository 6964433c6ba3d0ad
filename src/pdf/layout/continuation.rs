//! Page-break continuation: a table row that a page break cut in two, its part at the foot
//! of one page and its part at the head of the next, joined into one row on the first page.

use super::super::PdfPage;
use super::reflow::join_wrapped;
use super::{RowMeta, T};

/// Page furniture between a table's part on one page and its part on the next: blank lines
/// and page numbers (`- 23 -`, `23`, `หน้า ๒๓`).
pub(super) fn is_furniture(line: &str) -> bool {
    let t = line
        .trim()
        .trim_start_matches("หน้า")
        .trim_matches(|c: char| {
            c.is_whitespace() || matches!(c, '-' | '–' | '—' | '(' | ')' | '[' | ']')
        });
    t.chars().count() <= 4
        && t.chars()
            .all(|c| c.is_ascii_digit() || ('๐'..='๙').contains(&c))
}

/// Same column grid (within 2 pt)?
pub(super) fn same_grid(a: &[f32], b: &[f32]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| (x - y).abs() <= T.same_grid)
}

/// Joins table rows that a page break cut in two: the last row of a table at the foot of a
/// page, whose text runs down to its bottom ruling, continues in the first row of the same
/// table grid at the head of the next page (after the header row, when the table repeats it).
/// The two parts become one row, cell by cell, on the first page.
pub(crate) fn join_split_rows(pages: &mut [PdfPage], rows: &mut [Vec<RowMeta>]) {
    for i in 0..pages.len().saturating_sub(1) {
        rows[i].sort_by_key(|r| r.line);
        rows[i + 1].sort_by_key(|r| r.line);
        let Some(last) = rows[i].last() else { continue };
        if !last.last
            || pages[i].lines[last.line + 1..]
                .iter()
                .any(|l| !is_furniture(l))
        {
            continue;
        }
        if last.loose {
            if last.filled {
                join_loose_rows(pages, rows, i);
            }
            continue;
        }
        let header = rows[i]
            .iter()
            .rev()
            .find(|r| r.first)
            .map(|r| r.cells.clone());
        let next = &rows[i + 1];
        let Some(r0) = next.first() else { continue };
        if !same_grid(&r0.cols, &last.cols)
            || pages[i + 1].lines[..r0.line]
                .iter()
                .any(|l| !is_furniture(l))
        {
            continue;
        }
        let k = if header.as_ref() == Some(&r0.cells) && next.len() > 1 {
            let r1 = &next[1];
            if !same_grid(&r1.cols, &last.cols) || r1.line != r0.line + 1 || r1.first {
                continue;
            }
            1
        } else {
            0
        };
        let cand = &rows[i + 1][k];
        // A number cut in two is evidence enough (a font's tall line box leaves slack under
        // the cut cell's text); otherwise only a cell that fills its part of the row down to
        // the page's foot can go on.
        let cut = cut_number(&rows[i], &rows[i + 1], last, cand);
        if !cut
            && cand
                .cells
                .iter()
                .zip(&last.filled_cells)
                .any(|(c, filled)| !c.is_empty() && !filled)
        {
            continue;
        }
        // A row whose text runs over two lines down to its ruling may go on; so may a row of
        // one line when the next page's first row fills only some of its columns, in a shape
        // no other row of the table has (LibreOffice cuts `ข้อ` / `o16` of one id cell apart,
        // leaving the next page's part holding the id's second line alone).
        let shape =
            |r: &RowMeta| -> Vec<bool> { r.cells.iter().map(|c| !c.trim().is_empty()).collect() };
        let (s, l) = (shape(cand), shape(last));
        let novel = s.iter().any(|&x| x)
            && s.len() == l.len()
            && s != l
            && s.iter().zip(&l).all(|(a, b)| !a || *b)
            && !rows[i]
                .iter()
                .chain(rows[i + 1].iter().skip(k + 1))
                .any(|r| same_grid(&r.cols, &cand.cols) && shape(r) == s);
        if !last.filled && !novel && !cut {
            continue;
        }
        let cont = rows[i + 1].remove(k);
        let last = rows[i].last_mut().expect("a last row");
        for (a, b) in last.cells.iter_mut().zip(&cont.cells) {
            join_wrapped(a, b, false);
        }
        pages[i].lines[last.line] = last.cells.join("\t");
        drop_line(&mut pages[i + 1], &mut rows[i + 1], cont.line);
    }
}

/// The length of a cell's fraction when it reads as a decimal number (`100.0` → 1, `99.` → 0).
fn fraction_len(cell: &str) -> Option<usize> {
    let digit = |c: char| c.is_ascii_digit() || ('๐'..='๙').contains(&c);
    let (int, frac) = cell.trim().split_once('.')?;
    (!int.is_empty() && int.chars().all(digit) && frac.chars().all(digit))
        .then(|| frac.chars().count())
}

/// A number cut by the page break: in some column the last row's cell is a decimal number
/// shorter in its fraction than the column's other numbers (`100.0` where they read `99.89`),
/// and the next page's row holds there only the missing digits (`0`). A row of its own would
/// hold a whole number; so the two parts are one row (LibreOffice cuts a one-line row's cells
/// apart at a page break, each cell's last line on the next page).
fn cut_number(page: &[RowMeta], next: &[RowMeta], last: &RowMeta, cand: &RowMeta) -> bool {
    let digits = |s: &str| {
        let t = s.trim();
        !t.is_empty()
            && t.chars()
                .all(|c| c.is_ascii_digit() || ('๐'..='๙').contains(&c))
    };
    // The cut row's parts fill only columns the last row fills.
    if cand.cells.len() != last.cells.len()
        || cand
            .cells
            .iter()
            .zip(&last.cells)
            .any(|(c, l)| !c.trim().is_empty() && l.trim().is_empty())
    {
        return false;
    }
    (0..last.cells.len()).any(|k| {
        let (Some(have), true) = (fraction_len(&last.cells[k]), digits(&cand.cells[k])) else {
            return false;
        };
        // The fraction length that three in four of the column's other numbers (two at
        // least) agree on: a table cut at every page's foot has a cut number on each page.
        let mut lens = std::collections::BTreeMap::<usize, usize>::new();
        for r in page.iter().chain(next) {
            if std::ptr::eq(r, last) || std::ptr::eq(r, cand) || !same_grid(&r.cols, &last.cols) {
                continue;
            }
            if let Some(l) = r.cells.get(k).and_then(|c| fraction_len(c)) {
                *lens.entry(l).or_default() += 1;
            }
        }
        let total: usize = lens.values().sum();
        let Some((&want, &n)) = lens.iter().max_by_key(|(_, n)| **n) else {
            return false;
        };
        n >= 2
            && n * 4 >= total * 3
            && have < want
            && have + cand.cells[k].trim().chars().count() == want
    })
}

/// [`join_split_rows`] for tables drawn without rulings, whose pages may show different
/// subsets of the columns: the first row at the head of page `i + 1` continues the last row
/// at the foot of page `i` when its cells sit in columns where that row has text, and it
/// lacks some of them (a row of its own would show the same columns or others).
pub(super) fn join_loose_rows(pages: &mut [PdfPage], rows: &mut [Vec<RowMeta>], i: usize) {
    let (Some(last), Some(r0)) = (rows[i].last(), rows[i + 1].first()) else {
        return;
    };
    if !r0.loose
        || !last.filled
        || pages[i + 1].lines[..r0.line]
            .iter()
            .any(|l| !is_furniture(l))
    {
        return;
    }
    // Each cell of the continuation, by its column's x, in the last row's columns.
    let mut to: Vec<(usize, usize)> = Vec::new();
    for (k, c) in r0.cells.iter().enumerate() {
        if c.is_empty() {
            continue;
        }
        let Some(x) = r0.cols.get(k) else { return };
        match last.cols.iter().position(|y| (x - y).abs() <= T.same_grid) {
            Some(j) if last.filled_cells.get(j) == Some(&true) => to.push((k, j)),
            _ => return,
        }
    }
    let used = last.cells.iter().filter(|c| !c.is_empty()).count();
    if to.is_empty() || to.len() >= used {
        return;
    }
    let cont = rows[i + 1].remove(0);
    let last = rows[i].last_mut().expect("a last row");
    for (k, j) in to {
        join_wrapped(&mut last.cells[j], &cont.cells[k], false);
    }
    pages[i].lines[last.line] = last.cells.join("\t");
    drop_line(&mut pages[i + 1], &mut rows[i + 1], cont.line);
}

/// Drops the boxes of a line joined into a row on the page before (its glyphs are on this page,
/// not the row's: the row keeps the boxes of its first part).
/// Takes a line joined into the row before out of its page: its text, its boxes, and the
/// line numbers of the rows below it.
fn drop_line(page: &mut PdfPage, rows: &mut [RowMeta], line: usize) {
    page.lines.remove(line);
    if line < page.boxes.len() {
        page.boxes.remove(line);
    }
    for r in rows {
        if r.line > line {
            r.line -= 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(cells: &[&str]) -> RowMeta {
        RowMeta {
            line: 0,
            cells: cells.iter().map(|c| c.to_string()).collect(),
            cols: vec![0.0, 100.0, 200.0],
            first: false,
            last: false,
            filled: false,
            filled_cells: vec![true; cells.len()],
            loose: false,
        }
    }

    #[test]
    fn fraction_lengths() {
        for (cell, want) in [
            ("100.00", Some(2)),
            ("๑๐๐.๐", Some(1)),
            ("99.", Some(0)),
            ("100", None),
            ("ข้อ 1.2", None),
            (".5", None),
        ] {
            assert_eq!(fraction_len(cell), want, "{cell}");
        }
    }

    #[test]
    fn a_number_cut_by_the_page_break_joins_only_its_own_missing_digits() {
        let page = [row(&["ข้อ o1", "100.00"]), row(&["ข้อ o2", "99.89"])];
        let next = [row(&["ข้อ o4", "100.00"])];
        let last = row(&["ข้อ", "100.0"]);
        // (next page's first row, is it the cut row's second part?)
        for (cells, want) in [
            (["o3", "0"], true),
            (["", "0"], true),
            (["o3", "00"], false),     // too many digits: 100.000
            (["o3", "100.00"], false), // a whole number: a row of its own
            (["o3", "a"], false),
        ] {
            assert_eq!(
                cut_number(&page, &next, &last, &row(&cells)),
                want,
                "{cells:?}"
            );
        }
        // Whole numbers at the foot: nothing is cut.
        assert!(!cut_number(
            &page,
            &next,
            &row(&["ข้อ o3", "100.00"]),
            &row(&["o3", "0"])
        ));
        // One other cut number among many does not matter; columns that disagree say nothing.
        let cut_too = [
            row(&["ข้อ o1", "100.00"]),
            row(&["ข้อ o2", "99.89"]),
            row(&["ข้อ o5", "98.12"]),
            row(&["ข้อ", "100.0"]),
        ];
        assert!(cut_number(&page, &cut_too, &last, &row(&["o3", "0"])));
        let mixed = [row(&["ข้อ o1", "100.0"]), row(&["ข้อ o2", "99.89"])];
        assert!(!cut_number(&mixed, &next, &last, &row(&["o3", "0"])));
        // A part in a column the last row leaves empty is a row of its own.
        let blank = row(&["", "100.0"]);
        assert!(!cut_number(&page, &next, &blank, &row(&["o3", "0"])));
    }
}
