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
/// table at the head of the next page (after the header row, when the table repeats it).
/// The two parts become one row, cell by cell, on the first page.
///
/// The two pages may show the table on different column grids (LibreOffice Writer draws
/// neighbouring tables as one ruled grid, and the next page's part of a table may meet another
/// table or none): the continuation's cells then go to the last row's columns that start at
/// the same x, and every one of its cells must find one.
///
/// A row cut by two page breaks (its middle part the only row of the page between, open at
/// both ends) joins its three parts.
pub(crate) fn join_split_rows(pages: &mut [PdfPage], rows: &mut [Vec<RowMeta>]) {
    for r in rows.iter_mut() {
        r.sort_by_key(|r| r.line);
    }
    // The header of each page's tables: its own first row, else the last one a page before
    // showed (a page whose only row goes on from the page before shows none).
    let mut headers: Vec<Option<Vec<String>>> = Vec::with_capacity(rows.len());
    for page in rows.iter() {
        let own = page
            .iter()
            .rev()
            .find(|r| r.first)
            .map(|r| squashed(&r.cells));
        let carried = headers.last().cloned().flatten();
        headers.push(own.or(carried));
    }
    // From the last page: a row cut by two page breaks is first whole on the page between
    // (its middle part, open at both ends, the only row there), then joins the page before.
    for i in (0..pages.len().saturating_sub(1)).rev() {
        join_pair(pages, rows, headers[i].as_deref(), i, i + 1);
    }
}

/// Joins the last row of page `a` with the first row of page `b`, the next, when the one goes
/// on in the other (see [`join_split_rows`]); `header`: the tables' header row there.
fn join_pair(
    pages: &mut [PdfPage],
    rows: &mut [Vec<RowMeta>],
    header: Option<&[String]>,
    a: usize,
    b: usize,
) {
    let Some(last) = rows[a].last() else {
        return;
    };
    if !last.last
        || pages[a].lines[last.line + 1..]
            .iter()
            .any(|l| !is_furniture(l))
    {
        return;
    }
    if last.loose {
        if last.filled && b == a + 1 {
            join_loose_rows(pages, rows, a);
        }
        return;
    }
    let next = &rows[b];
    let Some(r0) = next.first() else {
        return;
    };
    if r0.loose || pages[b].lines[..r0.line].iter().any(|l| !is_furniture(l)) {
        return;
    }
    let k = if header == Some(squashed(&r0.cells).as_slice()) && next.len() > 1 {
        let r1 = &next[1];
        if !same_grid(&r1.cols, &r0.cols) || r1.line != r0.line + 1 || r1.first {
            return;
        }
        1
    } else {
        0
    };
    let cand = &rows[b][k];
    let Some(to) = map_cells(last, cand) else {
        return;
    };
    if labelled_on(last, cand, &to) {
        return;
    }
    // A number cut in two is evidence enough (a font's tall line box leaves slack under
    // the cut cell's text); otherwise only a cell that fills its part of the row down to
    // the page's foot can go on.
    let one_grid = same_grid(&cand.cols, &last.cols);
    let cut = one_grid && (cut_number(&rows[a], &rows[b], last, cand) || cut_period(last, cand))
        || cut_markup(last, cand, &to);
    // On another grid, a row number in the first column starts a row of its own (on one
    // grid it may be the rest of a cut id: `i1` / `2`).
    if !one_grid
        && to
            .iter()
            .any(|&(c, j)| j == 0 && starts_row_number(&cand.cells[c]))
    {
        return;
    }
    if !cut && to.iter().any(|&(_, j)| !last.filled_cells[j]) {
        return;
    }
    // A row whose text runs over two lines down to its ruling may go on; so may a row of
    // one line when the next page's first row fills only some of its columns, in a shape
    // no other row of the table has (LibreOffice cuts `ข้อ` / `o16` of one id cell apart,
    // leaving the next page's part holding the id's second line alone).
    let shape =
        |r: &RowMeta| -> Vec<bool> { r.cells.iter().map(|c| !c.trim().is_empty()).collect() };
    let l = shape(last);
    let mut s = vec![false; l.len()];
    for &(_, j) in &to {
        s[j] = true;
    }
    // Two whole numbers in one column are two rows' (the next page's part of a number cut
    // in two has no point: `100.0` / `0`).
    let two_numbers = to.iter().any(|&(c, j)| {
        is_number(&cand.cells[c]) && cand.cells[c].contains('.') && is_number(&last.cells[j])
    });
    let novel = !to.is_empty()
        && !two_numbers
        && s != l
        && s.iter().zip(&l).all(|(a, b)| !a || *b)
        // (The page's first row may itself be the rest of a row from the page before, not
        // joined yet: pages are taken from the last.)
        && !rows[a]
            .iter()
            .skip(usize::from(a > 0))
            .any(|r| same_grid(&r.cols, &last.cols) && shape(r) == s)
        && !rows[b]
            .iter()
            .skip(k + 1)
            .any(|r| same_grid(&r.cols, &cand.cols) && shape(r) == shape(cand));
    // A row of one line cut after it: the first column numbers the table's rows (the
    // last row's cell opens with its number), and the next page's part goes on in every
    // column the row fills, in the first with text but no number. A row of its own would
    // bring its number or leave that column blank; a total row (`คะแนนรวม`) fills other
    // columns, or holds a number where the last row holds one; a header repeated on the
    // next page (not known as one: read by OCR, or the table's first page shows none) has
    // short labels only.
    let numbered = !two_numbers
        && !header_like(cand)
        && s == l
        && last.cells.first().is_some_and(|c| starts_row_number(c))
        && to
            .iter()
            .any(|&(c, j)| j == 0 && !starts_row_number(&cand.cells[c]));
    if !last.filled && !novel && !cut && !numbered {
        return;
    }
    // Two whole numbers in one column are two rows whatever else holds (`o36 … 100.00` at
    // a page's foot over two lines, `o37 … 100.00` at the next head).
    if two_numbers && !cut {
        return;
    }

    let cont = rows[b].remove(k);
    let last = rows[a].last_mut().expect("a last row");
    for (c, j) in to {
        join_wrapped(&mut last.cells[j], &cont.cells[c], false);
    }
    pages[a].lines[last.line] = last.cells.join("\t");
    drop_line(&mut pages[b], &mut rows[b], cont.line);
}

/// A period cut in two by the page break: a cell of the last row reads as a period without a
/// dash (`ตุลาคม 2567`), the same column of the next page's part opens with one (`- กันยายน
/// 2568`), or the last row's cell ends with the dash (`ตุลาคม 2567 -` / `กันยายน 2568`), and
/// the two read as one period; the part fills no column the last row leaves blank.
fn cut_period(last: &RowMeta, cand: &RowMeta) -> bool {
    let dash = |c: char| matches!(c, '-' | '–' | '—');
    cand.cells.len() == last.cells.len()
        && !cand
            .cells
            .iter()
            .zip(&last.cells)
            .any(|(c, l)| !c.trim().is_empty() && l.trim().is_empty())
        && cand.cells.iter().zip(&last.cells).any(|(c, l)| {
            let period = |t: &str| crate::dates::parse_period(t, None).is_ok();
            let (c, l) = (c.trim(), l.trim());
            // The dash opens the next page's part, or closes the last row's.
            let split = match (c.strip_prefix(dash), l.strip_suffix(dash)) {
                (Some(_), None) => !l.contains(dash) && period(l),
                // A cell that ends with the dash opens a range: its start alone need not
                // read as a period (`ตุลาคม -` / `ธันวาคม 2567`, the year given once).
                (None, Some(head)) => !head.contains(dash) && !c.contains(dash),
                // Cut between a month and its year (`ตุลาคม` / `2567 - กันยายน 2568`): the
                // last row's cell, a month alone, reads as no period; the rest opens with the
                // year.
                (None, None) => {
                    let digit =
                        |ch: char| ch.is_ascii_digit() || crate::normalize::is_thai_digit(ch);
                    !l.contains(dash)
                        && !period(l)
                        && l.chars().next().is_some_and(|ch| !digit(ch))
                        && c.chars().next().is_some_and(digit)
                }
                _ => false,
            };
            split && period(&format!("{l} {c}"))
        })
}

/// Markup cut by the page break: a cell of the last row ends inside a tag (`<ul
/// style="list-style-type:`, a `<` with no `>` after it) and the continuation's cell in that
/// column opens with the tag's rest (a `>` before any `<`: `none">`). Text that shows its
/// markup (an HTML source pasted as text) closes every tag it opens, so the two parts are
/// one cell.
fn cut_markup(last: &RowMeta, cont: &RowMeta, to: &[(usize, usize)]) -> bool {
    // A tag opened (`<` then a tag's name: `น้อยกว่า < 50` is no markup) and not closed.
    let open = |t: &str| {
        t.rfind('<').is_some_and(|i| {
            t[i + 1..].starts_with(|c: char| c.is_ascii_alphabetic() || c == '/')
                && !t[i..].contains('>')
        })
    };
    let closes = |t: &str| t.find('>').is_some_and(|i| !t[..i].contains('<'));
    to.iter()
        .any(|&(k, j)| open(&last.cells[j]) && closes(&cont.cells[k]))
}

/// The next page's first row opens its first column as the last row does, with another
/// number (`ตัวชี้วัดที่ 7 …` / `ตัวชี้วัดที่ 8 …`): a row of its own, labelled as the rows
/// of the table are, not the rest of the last one (which a label in that column would not
/// number again).
fn labelled_on(last: &RowMeta, cand: &RowMeta, to: &[(usize, usize)]) -> bool {
    // The words before the label's first number, squashed, and the number.
    let digit = |c: char| c.is_ascii_digit() || crate::normalize::is_thai_digit(c);
    let label = |cell: &str| -> Option<(String, String)> {
        let i = cell.find(digit)?;
        let prefix: String = cell[..i].split_whitespace().collect();
        let no: String = cell[i..].chars().take_while(|&c| digit(c)).collect();
        (!prefix.is_empty() && prefix.chars().count() <= 20).then_some((prefix, no))
    };
    to.iter().any(|&(c, j)| {
        j == 0
            && label(&last.cells[0])
                .zip(label(&cand.cells[c]))
                .is_some_and(|(a, b)| a.0 == b.0 && a.1 != b.1)
    })
}

/// A row of short labels without a digit (`ตัวชี้วัดที่ | รายละเอียดตัวชี้วัด | คะแนน`): a
/// table's header.
fn header_like(r: &RowMeta) -> bool {
    r.cells.iter().all(|c| {
        c.chars().count() <= 30
            && !c
                .chars()
                .any(|ch| ch.is_ascii_digit() || ('๐'..='๙').contains(&ch))
    })
}

/// A cell that holds one number and nothing else (`92.31`, `๑๐๐`).
fn is_number(cell: &str) -> bool {
    let t = cell.trim();
    t.chars()
        .any(|c| c.is_ascii_digit() || ('๐'..='๙').contains(&c))
        && t.chars()
            .all(|c| c.is_ascii_digit() || ('๐'..='๙').contains(&c) || matches!(c, '.' | ','))
}

/// A cell that opens with a row number (`7`, `๗.`, `(7)`): the first cell of a row of its own.
fn starts_row_number(cell: &str) -> bool {
    static ROW_NO: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"^\s*\(?[0-9๐-๙]{1,3}[.)]?(?:\s|$)").expect("valid regex")
    });
    ROW_NO.is_match(cell)
}

/// A row's non-empty cells without their spaces: a header row repeated on the next page reads
/// the same even when its cells wrap differently there.
fn squashed(cells: &[String]) -> Vec<String> {
    cells
        .iter()
        .map(|c| c.split_whitespace().collect::<String>())
        .filter(|c| !c.is_empty())
        .collect()
}

/// Where each non-empty cell of `cont` goes among `last`'s cells, as (cell of `cont`, cell of
/// `last`): on one grid, the same column; on two grids, the column of `last` that starts at
/// the cell's x (within [`T.same_grid`](super::Tolerances::same_grid)). `None` when a cell has
/// no such column.
fn map_cells(last: &RowMeta, cont: &RowMeta) -> Option<Vec<(usize, usize)>> {
    let same = same_grid(&last.cols, &cont.cols) && last.cells.len() == cont.cells.len();
    let mut to = Vec::new();
    for (k, c) in cont.cells.iter().enumerate() {
        if c.trim().is_empty() {
            continue;
        }
        let j = if same {
            k
        } else {
            let x = cont.cols.get(k)?;
            last.cols
                .iter()
                .position(|y| (x - y).abs() <= T.same_grid)?
        };
        if j >= last.cells.len() {
            return None;
        }
        to.push((k, j));
    }
    Some(to)
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
    if to.is_empty()
        || (to.len() >= used && !numbered_rest(last, r0, &to) && !cut_markup(last, r0, &to))
    {
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

/// The rest of a numbered row that goes on in every column it fills (LibreOffice's web export
/// splits a row at a page break in all its columns at once): the last row's first cell opens
/// with its row number (`๑. กระบวนการ…`) and the next page's first row holds text in that
/// column without one (`มีประสิทธิภาพ`). A row of its own would open with its number, or leave
/// the column blank (a topic merged over several rows).
fn numbered_rest(last: &RowMeta, r0: &RowMeta, to: &[(usize, usize)]) -> bool {
    last.cells.first().is_some_and(|c| starts_row_number(c))
        && to.iter().any(|&(k, j)| {
            j == 0 && !r0.cells[k].trim().is_empty() && !starts_row_number(&r0.cells[k])
        })
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

    /// A ruled table's row on line `line`: its cells on the grid `cols`, which of them run down
    /// to the row's foot, and whether its text runs over two lines there (`filled`).
    fn meta(line: usize, cells: &[&str], cols: &[f32], foot: &[bool], filled: bool) -> RowMeta {
        RowMeta {
            line,
            cells: cells.iter().map(|c| c.to_string()).collect(),
            cols: cols.to_vec(),
            first: false,
            last: false,
            filled,
            filled_cells: foot.to_vec(),
            loose: false,
        }
    }

    /// A page of `lines` whose table rows are `rows` (one table, top to bottom).
    fn page_of(lines: &[&str], mut rows: Vec<RowMeta>) -> (PdfPage, Vec<RowMeta>) {
        let page = PdfPage {
            lines: lines.iter().map(|l| l.to_string()).collect(),
            quality: crate::model::PageQuality::Ok,
            notes: Vec::new(),
            ocr: None,
            ocr_sure: Vec::new(),
            furniture: Vec::new(),
            boxes: Vec::new(),
            geometry: crate::geometry::PageGeometry::default(),
            outline_fonts: Vec::new(),
        };
        let n = rows.len();
        for (k, r) in rows.iter_mut().enumerate() {
            r.first = k == 0;
            r.last = k + 1 == n;
        }
        (page, rows)
    }

    /// Runs the join over two pages; the lines of both after it.
    fn join_two(
        a: (PdfPage, Vec<RowMeta>),
        b: (PdfPage, Vec<RowMeta>),
    ) -> (Vec<String>, Vec<String>) {
        let mut pages = vec![a.0, b.0];
        let mut rows = vec![a.1, b.1];
        join_split_rows(&mut pages, &mut rows);
        (pages[0].lines.clone(), pages[1].lines.clone())
    }

    #[test]
    fn a_row_labelled_as_the_last_one_with_another_number_is_a_row_of_its_own() {
        // Writer's ruled table: `ตัวชี้วัดที่ 7` fills its row down to the page's foot; the
        // next page opens with `ตัวชี้วัดที่ 8`, a row of its own, not the rest of row 7.
        let cols: &[f32] = &[56.7, 150.0, 300.0, 400.0, 538.6];
        let foot = |first: &str| {
            page_of(
                &["row 7"],
                vec![meta(
                    0,
                    &[
                        first,
                        "กำหนดผู้รับผิดชอบ",
                        "งานประชาสัมพันธ์",
                        "ตุลาคม - ธันวาคม 2567",
                    ],
                    cols,
                    &[true; 4],
                    true,
                )],
            )
        };
        let head = |first: &str| {
            page_of(
                &["row 8"],
                vec![meta(
                    0,
                    &[first, "พัฒนาระบบบริการออนไลน์", "ทุกส่วนราชการ", "2568"],
                    cols,
                    &[true; 4],
                    true,
                )],
            )
        };
        let (a, b) = join_two(
            foot("ตัวชี้วัดที่ 7 ประสิทธิภาพการสื่อสาร"),
            head("ตัวชี้วัดที่ 8 การปรับปรุงการทำงาน"),
        );
        assert_eq!((a.len(), b.len()), (1, 1), "{a:?} {b:?}");
        // The rest of the label's cell (no number of its own) goes on as before.
        let (a, b) = join_two(foot("ตัวชี้วัดที่ 7 ประสิทธิภาพ"), head("การสื่อสาร"));
        assert_eq!((a.len(), b.len()), (1, 0), "{a:?} {b:?}");
        assert!(a[0].starts_with("ตัวชี้วัดที่ 7 ประสิทธิภาพ"), "{a:?}");
    }

    #[test]
    fn a_row_cut_across_two_column_grids_joins_cell_by_cell_at_the_same_x() {
        // Page 1: a five-column table; its last row (two lines) runs to the foot in its method
        // and steps cells. Page 2: the table's part there shares its grid with another table
        // (boundaries at 91.9 and 269.7 too): the continuation's cells sit in columns starting
        // at 136.2 and 324.8 (within 2 pt), the method and steps columns of page 1.
        let cols1: &[f32] = &[56.7, 136.2, 298.8, 324.8, 480.7, 538.6];
        let cols2: &[f32] = &[56.7, 91.9, 136.2, 269.7, 297.7, 324.8, 477.3, 538.6];
        let p1 = page_of(
            &["หัวข้อ", "ส่งเสริม"],
            vec![
                meta(
                    0,
                    &["หัวข้อ", "วิธีการ", "ผู้รับผิดชอบ", "ขั้นตอน", "ระยะเวลา"],
                    cols1,
                    &[false; 5],
                    false,
                ),
                meta(
                    1,
                    &[
                        "",
                        "ส่งเสริมให้ผู้รับบริการ",
                        "ทุกหน่วยงาน",
                        "จัดทำแบบประเมิน",
                        "1 ต.ค.",
                    ],
                    cols1,
                    &[false, true, false, true, false],
                    true,
                ),
            ],
        );
        let p2 = page_of(
            &["และมาตรฐาน", "๒. การให้บริการ"],
            vec![
                meta(
                    0,
                    &["", "", "และมาตรฐาน", "", "", "ติดต่อทุกชนิด", ""],
                    cols2,
                    &[false; 7],
                    false,
                ),
                meta(
                    1,
                    &["๒. การให้บริการ", "", "จัดทำ", "", "งาน", "ผู้บริหาร", "1 ต.ค."],
                    cols2,
                    &[false; 7],
                    false,
                ),
            ],
        );
        let (a, b) = join_two(p1, p2);
        assert_eq!(
            a[1],
            "\tส่งเสริมให้ผู้รับบริการและมาตรฐาน\tทุกหน่วยงาน\tจัดทำแบบประเมินติดต่อทุกชนิด\t1 ต.ค."
        );
        assert_eq!(b, ["๒. การให้บริการ"]);
    }

    #[test]
    fn no_join_when_a_cell_finds_no_column_or_the_cell_above_ends_short() {
        let cols1: &[f32] = &[0.0, 100.0, 200.0, 300.0];
        let page1 = || {
            page_of(
                &["ก", "x"],
                vec![
                    meta(0, &["ก", "ข", "ค"], cols1, &[false; 3], false),
                    meta(
                        1,
                        &["", "ข้อความยาว", "หน่วยงาน"],
                        cols1,
                        &[false, true, false],
                        true,
                    ),
                ],
            )
        };
        // (next page's grid, is the join made?)
        for (cols2, joined) in [
            // The cell at x = 100 goes on in a column that runs to the foot.
            (&[0.0, 100.0, 300.0][..], true),
            // The cell at x = 150 starts in no column of page 1.
            (&[0.0, 150.0, 300.0][..], false),
            // The cell at x = 200 is in a column whose text ended above the foot.
            (&[0.0, 200.0, 300.0][..], false),
        ] {
            let p2 = page_of(
                &["y"],
                vec![meta(0, &["", "ต่อ"], cols2, &[false; 2], false)],
            );
            let (_, b) = join_two(page1(), p2);
            assert_eq!(b.is_empty(), joined, "{cols2:?}");
        }
    }

    #[test]
    fn two_whole_numbers_in_one_column_are_two_rows() {
        // A row over two lines down to its ruling at the foot (it may go on), and at the next
        // head a row with its own id and score: two rows. A score's remaining digits (no
        // point) still go on.
        let cols: &[f32] = &[0.0, 50.0, 300.0, 350.0];
        for (next, joined) in [
            (&["o37", "การดำเนินการเพื่อจัดการความเสี่ยง", "100.00"][..], false),
            (&["", "ประจำปี", "0"][..], true),
        ] {
            let p1 = page_of(
                &["ข้อ", "o36"],
                vec![
                    meta(0, &["ข้อ", "ประเด็น", "คะแนน"], cols, &[false; 3], false),
                    meta(
                        1,
                        &["o36", "การประเมินความเสี่ยงการทุจริต", "100.0"],
                        cols,
                        &[true; 3],
                        true,
                    ),
                ],
            );
            let p2 = page_of(&["y"], vec![meta(0, next, cols, &[false; 3], false)]);
            let (a, b) = join_two(p1, p2);
            assert_eq!(b.is_empty(), joined, "{next:?}");
            if joined {
                assert_eq!(a[1], "o36\tการประเมินความเสี่ยงการทุจริตประจำปี\t100.00");
            }
        }
    }

    #[test]
    fn a_numbered_row_of_one_line_goes_on_only_in_every_column_and_without_a_number() {
        let cols: &[f32] = &[0.0, 50.0, 200.0, 300.0];
        let page1 = |last: RowMeta| {
            page_of(
                &["ที่", "1", "x"],
                vec![
                    meta(0, &["ที่", "หัวข้อ", "หน่วยงาน"], cols, &[false; 3], false),
                    // A row going on from the one above, its number column blank.
                    meta(1, &["", "ก", "ข"], cols, &[true; 3], false),
                    last,
                ],
            )
        };
        // One line: not `filled`; every cell reaches the foot.
        let cut = || meta(2, &["๗.", "<ul style=", "กอ"], cols, &[true; 3], false);
        let cases: [(&[&str], bool); 4] = [
            // The rest of each cell, the first column's without a number: one row.
            (
                &[
                    "กลไกและมาตรการในการแก้ไขและป้องกันการทุจริตภายในหน่วยงาน",
                    "none\">",
                    "งยุทธศาสตร์",
                ],
                true,
            ),
            // A row of its own: its number, or a blank number column (and a list of its own,
            // not the rest of the tag cut at the foot: see `cut_markup`).
            (&["๘. กลไก", "<ul> ก", "งยุทธศาสตร์"], false),
            (&["", "<ul> ก", "งยุทธศาสตร์"], false),
            // A header on the next page, not the one page 1 shows (read by OCR, say).
            (&["ตัวชี้วัดที่", "รายละเอียดตัวชี้วัด", "คะแนน"], false),
        ];
        for (cells, joined) in cases {
            let p2 = page_of(&["y"], vec![meta(0, cells, cols, &[false; 3], false)]);
            let (a, b) = join_two(page1(cut()), p2);
            assert_eq!(b.is_empty(), joined, "{cells:?}");
            if joined {
                assert_eq!(a[2], "๗. กลไกและมาตรการในการแก้ไขและป้องกันการทุจริตภายในหน่วยงาน\t<ul style= none\">\tกองยุทธศาสตร์");
            }
        }
        // A total row: two whole numbers in one column are two rows.
        for total in [
            &["คะแนนรวม", "ITA", "94.46"][..],
            &["คะแนนรวม", "", "94.46"],
        ] {
            let num = meta(2, &["10", "การป้องกัน", "92.31"], cols, &[true; 3], false);
            let p2 = page_of(&["y"], vec![meta(0, total, cols, &[false; 3], false)]);
            let (_, b) = join_two(page1(num), p2);
            assert_eq!(b, ["y"], "{total:?}");
        }
    }

    #[test]
    fn a_numbered_loose_row_goes_on_in_every_column_when_its_rest_has_no_number() {
        // A table without rulings (LibreOffice's web export): its last row at a page's foot,
        // cut in every column, goes on at the next head in every column.
        let cols: &[f32] = &[58.0, 134.0, 307.0];
        let loose = |line: usize, cells: &[&str], filled: bool| {
            let mut r = meta(line, cells, cols, &[filled; 3], filled);
            r.loose = true;
            r
        };
        let page1 = || {
            page_of(
                &["head", "x"],
                vec![
                    loose(0, &["หัวข้อ", "วิธีการ", "ผู้รับผิดชอบ"], false),
                    loose(
                        1,
                        &["๑. กระบวนการปฏิบัติงานที่โปร่งใสและ", "จัดทำคู่มือ", "กองการ"],
                        true,
                    ),
                ],
            )
        };
        let cases: [(&[&str], bool); 2] = [
            // The rest of the topic, without a number: one row.
            (&["มีประสิทธิภาพ", "ขั้นตอน", "เจ้าหน้าที่"], true),
            // A row of its own, with its number.
            (&["๒. การให้บริการ", "จัดทำช่องทาง", "งานทะเบียน"], false),
        ];
        for (cells, joined) in cases {
            let p2 = page_of(&["y"], vec![loose(0, cells, false)]);
            let (a, b) = join_two(page1(), p2);
            assert_eq!(b.is_empty(), joined, "{cells:?}");
            if joined {
                assert_eq!(
                    a[1],
                    "๑. กระบวนการปฏิบัติงานที่โปร่งใสและมีประสิทธิภาพ\tจัดทำคู่มือขั้นตอน\tกองการเจ้าหน้าที่"
                );
            }
        }
        // A last row without a number in its first column: only a part filling fewer columns
        // goes on (as before).
        let p1 = page_of(
            &["head", "x"],
            vec![
                loose(0, &["หัวข้อ", "วิธีการ", "ผู้รับผิดชอบ"], false),
                loose(1, &["", "จัดประชุม", "สำนัก"], true),
            ],
        );
        let p2 = page_of(&["y"], vec![loose(0, &["ต่อ", "เดือน", "ปลัด"], false)]);
        assert_eq!(join_two(p1, p2).1, ["y"]);
    }

    #[test]
    fn a_row_cut_by_two_page_breaks_joins_its_three_parts() {
        // A plan row three pages long: its first lines at page 1's foot, its middle part the
        // only row of page 2 (drawn open at both ends: no header there), its rest on page 3
        // under the header repeated. The header page 1 shows is the one page 3 repeats.
        let cols: &[f32] = &[0.0, 100.0, 200.0, 300.0];
        let header = ["หัวข้อ", "วิธีการ", "หน่วยงาน"];
        let p1 = page_of(
            &["หัวข้อ", "6. a"],
            vec![
                meta(0, &header, cols, &[false; 3], false),
                meta(1, &["6. a", "b1", "unit"], cols, &[true; 3], true),
            ],
        );
        let mut p2 = page_of(
            &["mid"],
            vec![meta(0, &["a2", "b2", ""], cols, &[true; 3], true)],
        );
        p2.1[0].first = false;
        let p3 = page_of(
            &["หัวข้อ", "rest", "7. next"],
            vec![
                meta(0, &header, cols, &[false; 3], false),
                meta(1, &["", "b3", ""], cols, &[false; 3], false),
                meta(2, &["7. next", "c", "unit"], cols, &[false; 3], false),
            ],
        );
        let mut pages = vec![p1.0, p2.0, p3.0];
        let mut rows = vec![p1.1, p2.1, p3.1];
        join_split_rows(&mut pages, &mut rows);
        assert_eq!(pages[0].lines[1], "6. a a2\tb1 b2 b3\tunit");
        assert!(pages[1].lines.is_empty());
        assert_eq!(pages[2].lines, ["หัวข้อ", "7. next"]);
    }

    /// A period cut between its month and its year reads alike in Thai and Arabic digits: the
    /// last row's part is a month alone, never a day and month (a Thai digit there counted as
    /// no digit, and `๑ ตุลาคม` / `๒๕๖๗ - …` was a cut that `1 ตุลาคม` / `2567 - …` was not).
    #[test]
    fn a_period_cut_after_its_month_reads_alike_in_both_digits() {
        let cols: &[f32] = &[0.0, 100.0, 200.0];
        let row = |cells: &[&str]| meta(0, cells, cols, &[true; 3], false);
        for (l, c, cut) in [
            ("ตุลาคม", "2567 - กันยายน 2568", true),
            ("ตุลาคม", "๒๕๖๗ - กันยายน ๒๕๖๘", true),
            ("1 ตุลาคม", "2567 - 30 กันยายน 2568", false),
            ("๑ ตุลาคม", "๒๕๖๗ - ๓๐ กันยายน ๒๕๖๘", false),
        ] {
            let (last, cand) = (row(&["ก", "ข", l]), row(&["", "", c]));
            assert_eq!(cut_period(&last, &cand), cut, "{l} / {c}");
        }
    }

    #[test]
    fn a_period_cut_by_the_page_break_joins_its_row() {
        // `ตุลาคม 2567` at the foot, `- กันยายน 2568` at the next head: one row; a row of its
        // own has its own period, and a dash that opens no period is a bullet.
        let cols: &[f32] = &[0.0, 100.0, 200.0, 300.0, 400.0];
        for (next, joined) in [
            (&["การป้องกัน", "ประจำปี", "การ", "- กันยายน 2568"][..], true),
            (&["ตัวชี้วัดที่ 11", "ประจำปี", "งาน", "ตุลาคม 2567"], false),
            (&["การป้องกัน", "ประจำปี", "งาน", "- จัดทำรายงาน"], false),
        ] {
            let last = || {
                meta(
                    1,
                    &["ตัวชี้วัดที่ 10", "จัดทำรายงาน", "งานนิติ", "ตุลาคม 2567"],
                    cols,
                    &[true; 4],
                    false,
                )
            };
            let p1 = page_of(
                &["ประเด็น", "x"],
                vec![
                    meta(
                        0,
                        &["ประเด็น", "แนวทาง", "ผู้รับผิดชอบ", "ระยะเวลา"],
                        cols,
                        &[false; 4],
                        false,
                    ),
                    last(),
                ],
            );
            let p2 = page_of(&["y"], vec![meta(0, next, cols, &[false; 4], false)]);
            let (a, b) = join_two(p1, p2);
            assert_eq!(b.is_empty(), joined, "{next:?}");
            if joined {
                assert!(a[1].ends_with("\tตุลาคม 2567 - กันยายน 2568"), "{}", a[1]);
            }
        }
        // The dash at the foot instead.
        let p1 = page_of(
            &["x"],
            vec![meta(
                0,
                &["ตัวชี้วัดที่ 10", "จัดทำ", "งาน", "ตุลาคม 2567 -"],
                cols,
                &[true; 4],
                false,
            )],
        );
        let p2 = page_of(
            &["y"],
            vec![meta(
                0,
                &["การป้องกัน", "ประจำปี", "สำนักปลัด", "กันยายน 2568"],
                cols,
                &[false; 4],
                false,
            )],
        );
        let (a, b) = join_two(p1, p2);
        assert!(
            b.is_empty() && a[0].ends_with("\tตุลาคม 2567 - กันยายน 2568"),
            "{a:?}"
        );
        // Cut between the month and its year (`ตุลาคม` / `2567 - กันยายน 2568`), Writer in
        // Loma: one row; a month that reads as a period with its year is a row's own.
        for (foot, joined) in [("ตุลาคม", true), ("ตุลาคม 2567", false)] {
            let (a, b) = one_row_pages(
                &["ตัวชี้วัดที่ 8", "พัฒนาระบบ", "ทุกส่วน", foot],
                &[
                    "การปรับปรุงการทำงาน",
                    "และจัดเวที",
                    "ราชการ",
                    "2567 - กันยายน 2568",
                ],
                cols,
            );
            assert_eq!(b.is_empty(), joined, "{foot}");
            if joined {
                assert!(a[0].ends_with("\tตุลาคม 2567 - กันยายน 2568"), "{a:?}");
            }
        }
        // The year given once, at the end (`ตุลาคม -` / `ธันวาคม 2567`): the dash opens it.
        let p1 = page_of(
            &["x"],
            vec![meta(
                0,
                &["ตัวชี้วัดที่ 7", "กำหนดผู้รับผิดชอบ", "งาน", "ตุลาคม -"],
                cols,
                &[false; 4],
                false,
            )],
        );
        let p2 = page_of(
            &["y"],
            vec![meta(
                0,
                &["ประสิทธิภาพการสื่อสาร", "ตอบคำถาม", "ประชาสัมพันธ์", "ธันวาคม 2567"],
                cols,
                &[false; 4],
                false,
            )],
        );
        let (a, b) = join_two(p1, p2);
        assert!(
            b.is_empty() && a[0].ends_with("\tตุลาคม - ธันวาคม 2567"),
            "{a:?}"
        );
    }

    /// A page whose one row (every cell at its foot) is `foot`, and the next page whose one row
    /// is `head`, on the grid `cols`, run through the join: the lines of both after it.
    fn one_row_pages(foot: &[&str], head: &[&str], cols: &[f32]) -> (Vec<String>, Vec<String>) {
        let p1 = page_of(
            &["x"],
            vec![meta(0, foot, cols, &vec![true; foot.len()], false)],
        );
        let p2 = page_of(
            &["y"],
            vec![meta(0, head, cols, &vec![false; head.len()], false)],
        );
        join_two(p1, p2)
    }

    #[test]
    fn markup_cut_by_the_page_break_joins_its_row() {
        // `<ul style="list-style-type:` at the foot (a tag left open), `none"> จัดประชุม` at
        // the next head: one row, though no cell reaches the foot and every column goes on.
        let cols: &[f32] = &[0.0, 100.0, 200.0, 300.0, 400.0];
        for (foot, head, joined) in [
            ("<ul style=\"list-style-type:", "none\"> จัดประชุม", true),
            // A tag closed before the cut: nothing says the row goes on.
            ("<ul style=\"x\"> ก", "จัดประชุม", false),
            // A comparison, not a tag (`< 50` at the foot, `> 80` at the head): two rows.
            ("คะแนนน้อยกว่า < 50", "> 80 คะแนน", false),
        ] {
            let p1 = page_of(
                &["x"],
                vec![meta(0, &["", foot, "สำ", "1"], cols, &[false; 4], false)],
            );
            let p2 = page_of(
                &["y"],
                vec![meta(
                    0,
                    &["", head, "นักปลัด", "ตุลาคม 2566"],
                    cols,
                    &[false; 4],
                    false,
                )],
            );
            let (a, b) = join_two(p1, p2);
            assert_eq!(b.is_empty(), joined, "{a:?} {b:?}");
            if joined {
                assert!(a[0].contains("\tสำนักปลัด\t"), "{a:?}");
            }
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
