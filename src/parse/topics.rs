//! Part 1: the seven topics (ประเด็นที่ 1–7), each a table of question rows and a narrative.
//!
//! A row is recognised by its id cell (`ข้อ i1`, `ข้อ ๐๑๑`, `o30`) followed by a score cell,
//! wherever it sits in the line, so rows that lost their leading cells still belong to their
//! table. A row without a tool cell inherits the tool of the rows above it.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex::Regex;

use super::{score, Diagnostics};
use crate::framework;
use crate::model::{At, Question, Remark, Tool, Topic};
use crate::normalize::{self, Line};

/// A topic heading; also run onto the end of part 1's heading (`ส่วนที่ 1 ข้อมูล… พ.ศ. 2566
/// ประเด็นที่ 1 …`), as a layout joins two lines of one size when the first reaches the
/// margin and the page has no wrapped paragraph to tell paragraph spacing from line pitch.
static HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?:(?:{})\s*1\s[^\t]*?\s)?(?:{})\s*(\d{{1,2}})\s*[.:]?\s*(.*)$",
        crate::keyword::pattern("ส่วนที่"),
        topic_word()
    ))
    .expect("valid regex")
});

/// `ประเด็นที่`, also as OCR reads it in TH Sarabun (`ประเด็นทิ`: sara ii read as sara i,
/// the tone lost), which is no Thai word.
fn topic_word() -> String {
    format!(
        "{}|{}",
        crate::keyword::pattern("ประเด็นที่"),
        crate::keyword::pattern("ประเด็นทิ")
    )
}
/// An id cell: `ข้อ i1`, `ข้อ 011` (Thai zero written for o), `ข้อ o 5`, or a bare `e11`.
static ID_CELL: LazyLock<Regex> = LazyLock::new(|| {
    // `ข้อ` as damaged text layers give it (`ขอ`, `ขูอ`, `ข ้อ`, `ขอ้`): ข, อ, marks around.
    Regex::new(&format!(
        r"^(?:ข[{m}]{{0,2}}\s?อ[{m}]{{0,2}}\s*([A-Za-z]?)\s*(\d{{1,3}})|([A-Za-z])(\d{{1,3}}))\.?$",
        m = crate::thai::COMBINING_CLASS
    ))
    .expect("valid regex")
});
/// `ข้อ` alone in a cell: an id cell whose number is elsewhere.
static BARE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^ข[{m}]{{0,2}}\s?อ[{m}]{{0,2}}$",
        m = crate::thai::COMBINING_CLASS
    ))
    .expect("valid regex")
});
/// The same in raw text, to quote the source (digits may still be Thai).
static RAW_ID: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"ข[{m}]{{0,2}}\s?อ[{m}]{{0,2}}\s*[A-Za-z]?\s*[0-9๐-๙]+|[A-Za-z][0-9๐-๙]+",
        m = crate::thai::COMBINING_CLASS
    ))
    .expect("valid regex")
});

/// `Some((number, title))` if `line` is a topic heading (`ประเด็นที่ 1 กระบวนการ…`).
#[must_use]
pub fn heading(line: &str) -> Option<(u8, &str)> {
    let c = HEADING.captures(line)?;
    let no = c.get(1)?.as_str().parse().ok()?;
    Some((no, c.get(2).map_or("", |m| m.as_str().trim())))
}

/// `ประเด็นที่` and what follows when no number does (`ประเด็นที กลไก…`, `ประเด็นที่ ๆ กลไก…`).
static NUMBERLESS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"^(?:{})\s*([^\d\s].*)$", topic_word())).expect("valid regex")
});

/// Least length (characters, spaces aside) of a title that names its topic.
const TITLE_MIN: usize = 15;

/// `Some((number, title))` if `line` is a topic heading whose number OCR lost or garbled
/// (`ประเด็นที กลไกและมาตรการ…`, `ประเด็นที่ ๆ กลไก…`) but whose title is one of the
/// framework's seven ([`framework::TOPICS`]): the title as far as the line goes (at least
/// [`TITLE_MIN`] characters), spaces aside and `ำ` read as `า`, within one edit in six of
/// exactly one topic's title. The caller keeps it only between the numbered headings around
/// it.
#[must_use]
pub fn heading_by_title(line: &str) -> Option<(u8, &str)> {
    let rest = NUMBERLESS.captures(line)?.get(1)?.as_str();
    topic_of_title(rest).map(|no| (no, rest.trim()))
}

/// The framework's topic (1–7) whose title `read` is: as far as it goes (at least
/// [`TITLE_MIN`] characters), spaces aside and `ำ` read as `า`, within one edit in six of
/// exactly one topic's title ([`framework::TOPICS`]). `None` when it starts with a number.
fn topic_of_title(read: &str) -> Option<u8> {
    let compact = |s: &str| -> Vec<char> {
        s.replace("\u{0E4D}\u{0E32}", "\u{0E32}")
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| if c == '\u{0E33}' { '\u{0E32}' } else { c })
            .collect()
    };
    let read = compact(read);
    // A number after a mark (`ประเด็นที่ 7`, the tone mark left over) is a numbered heading.
    if read
        .iter()
        .take(3)
        .any(|c| c.is_ascii_digit() || ('๐'..='๙').contains(c))
    {
        return None;
    }
    let close: Vec<u8> = framework::TOPICS
        .iter()
        .zip(1u8..)
        .filter(|(title, _)| {
            let title = compact(title);
            let n = read.len().min(title.len());
            n >= TITLE_MIN && edit_distance(&read[..n], &title[..n]) * 6 <= n
        })
        .map(|(_, no)| no)
        .collect();
    match close.as_slice() {
        [no] => Some(*no),
        _ => None,
    }
}

/// Levenshtein distance between two strings of characters.
fn edit_distance(a: &[char], b: &[char]) -> usize {
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut diag = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let next = (row[j + 1] + 1)
                .min(row[j] + 1)
                .min(diag + usize::from(ca != cb));
            diag = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

/// Is this a table header row (ลำดับ / หัวข้อ / ข้อคำถาม / คะแนน)?
fn is_header(text: &str) -> bool {
    static HEADER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(
            "{}|^(?:{})",
            crate::keyword::pattern("ข้อคำถาม"),
            crate::keyword::pattern("ลำดับ")
        ))
        .expect("valid regex")
    });
    HEADER.is_match(text)
}

/// Is this the line that opens a topic's narrative (วิเคราะห์บรรยายเชิงพรรณนา)?
fn is_narrative_marker(text: &str) -> bool {
    static MARKER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!("^(?:{})", crate::keyword::pattern("วิเคราะห์"))).expect("valid regex")
    });
    MARKER.is_match(text)
}

/// Parses the topics of part 1.
pub fn parse(
    part1: &[Line],
    year: Option<u16>,
    diags: &mut Diagnostics,
) -> (Vec<Topic>, Vec<UnreadRow>) {
    let starts = headings(part1, diags);
    let mut topics: Vec<Topic> = Vec::new();
    let mut unread = Vec::new();
    for (k, (i, no, title)) in starts.iter().enumerate() {
        let end = starts.get(k + 1).map_or(part1.len(), |s| s.0);
        let at = part1[*i].at;
        if !(1..=7).contains(no) {
            diags.warn(
                "topic-number-invalid",
                Some(at),
                format!("topic number {no} is outside 1–7; the topic is skipped"),
            );
            continue;
        }
        if topics.iter().any(|t| t.no == *no) {
            diags.warn(
                "topic-duplicate",
                Some(at),
                format!("topic {no} appears twice; the second is skipped"),
            );
            continue;
        }
        topics.push(topic(
            *no,
            title,
            at,
            &part1[i + 1..end],
            year,
            diags,
            &mut unread,
        ));
    }
    check_topics(&topics, part1, diags);
    (topics, unread)
}

/// A row of a topic's table whose id could not be read (`ข�`, `EIT | ข�`: the row cut where
/// the text layer lost it; `ข้อ | 98.10`, its number lost): its question may be one that
/// another topic scores, with another score (reports do print one question two ways), so that
/// the other topic's score is not confirmed ([`super::questions::collect`]).
#[derive(Debug, Clone)]
pub struct UnreadRow {
    /// The topic whose table holds the row.
    pub topic: u8,
    /// The row's tool (its tool cell or its id's letter); `None`: any tool. The tool of the
    /// rows above is not taken: a cut row may open the next tool's block.
    pub tool: Option<Tool>,
    /// The id as read, lower case, a zero for the letter o read as o: its start when `whole`
    /// is false (`e1`: e1 or e10–e19; `1`: its letter lost; empty: any id), else all of it.
    pub id: String,
    /// `id` was read whole (the number is known, only the letter was lost).
    pub whole: bool,
    /// Where the row was read.
    pub at: At,
}

impl UnreadRow {
    /// A row of `topic` whose id cell, as read, is `id` (`e1`, `01`, `18`, `` for none).
    pub(super) fn new(topic: u8, tool: Option<Tool>, id: &str, whole: bool, at: At) -> Self {
        let id = id.trim_end_matches('.').to_ascii_lowercase();
        // A zero for the letter o (only OIT ids start with a letter a zero stands for).
        let id = match id.strip_prefix('0') {
            Some(rest) => format!("o{}", rest.trim_start_matches('0')),
            None => id,
        };
        let letter = id.chars().next().and_then(Tool::from_id_letter);
        UnreadRow {
            topic,
            tool: letter.or(tool),
            id,
            whole,
            at,
        }
    }

    /// May this row be question `id` (`e4`) of `tool`?
    #[must_use]
    pub fn may_be(&self, tool: Tool, id: &str) -> bool {
        let number = id.get(1..).unwrap_or_default();
        let read = if self.id.starts_with(|c: char| c.is_ascii_digit()) {
            number
        } else {
            id
        };
        self.tool.is_none_or(|t| t == tool)
            && if self.whole {
                read == self.id
            } else {
                read.starts_with(self.id.as_str())
            }
    }
}

/// The one tool whose questions in `year` include number `n` (`42`: only OIT has o42 in
/// 2566; `18` may be i18 or o18).
fn only_tool_for(n: &str, year: Option<u16>) -> Option<Tool> {
    let n: u16 = n.parse().ok()?;
    let mut tools = [Tool::Iit, Tool::Eit, Tool::Oit]
        .into_iter()
        .filter(|&t| framework::question_range(t, year).is_some_and(|r| r.contains(&n)));
    let one = tools.next()?;
    // Every tool's range must be known for the others to be ruled out.
    let known = [Tool::Iit, Tool::Eit, Tool::Oit]
        .into_iter()
        .all(|t| framework::question_range(t, year).is_some());
    (known && tools.next().is_none()).then_some(one)
}

/// What is left of a question row in an unrecognized table line: text the layer could not
/// read (U+FFFD) in a cell that holds no more than an id cell's start before it (`ข�`,
/// `ข้อ e1�`, `EIT | ข�`), or a score beside an id cell's start or a tool cell. `Some` with the
/// id's start as read (empty: any id); `None` for other lines: header and remark cells cut
/// the same way (`ข้อบกพ�`, `รักษาระ�`), a total's or an average's row.
fn left_of_a_row(l: &Line) -> Option<String> {
    let id_start = |cell: &str| -> Option<String> {
        let cell: String = cell.chars().filter(|c| !c.is_whitespace()).collect();
        if "ข้อ".starts_with(cell.as_str()) {
            return Some(String::new());
        }
        let rest = cell.strip_prefix("ข้อ")?.trim_end_matches('.');
        (rest.chars().count() <= 3 && rest.chars().all(|c| c.is_ascii_alphanumeric()))
            .then(|| rest.to_owned())
    };
    let Some(cut) = l.text.find('\u{FFFD}') else {
        let scored = l.cells().any(|c| score(c).is_some());
        let row = l.cells().any(|c| {
            parse_tool(c).is_some() || (c.trim_start().starts_with('ข') && id_start(c).is_some())
        });
        // A tool cell alone: the rest of its row was cut away whole (past a clip).
        let tool_alone = l.cells().any(|c| parse_tool(c).is_some())
            && l.cells()
                .all(|c| c.trim().is_empty() || parse_tool(c).is_some());
        return (scored && row || tool_alone).then(String::new);
    };
    id_start(l.text[..cut].rsplit('\t').next().unwrap_or_default())
}

/// A heading candidate: line index, number, title, and whether the number came from the title
/// ([`heading_by_title`]).
type Found = (usize, u8, String, bool);

/// The topic headings of part 1: (line index, number, title). A heading whose number was
/// lost ([`heading_by_title`]) counts only where its number falls between the numbered
/// headings before and after it (a title quoted in a narrative elsewhere is no heading), and
/// says so (`topic-number-from-title`).
fn headings(part1: &[Line], diags: &mut Diagnostics) -> Vec<(usize, u8, String)> {
    let found: Vec<Found> = part1
        .iter()
        .enumerate()
        .filter_map(|(i, l)| {
            heading(&l.text)
                .map(|(no, title)| (i, no, title.to_owned(), false))
                .or_else(|| heading_by_title(&l.text).map(|(no, t)| (i, no, t.to_owned(), true)))
        })
        .collect();
    let found = renumbered_by_title(found, part1, diags);
    let mut out = Vec::new();
    for (k, (i, no, title, by_title)) in found.iter().enumerate() {
        if *by_title {
            let before = numbered(&found[..k]);
            let after = numbered(&found[k + 1..]);
            // In order with the headings kept before it too (two lines whose titles are the
            // same topic's are not two headings).
            let kept = out.iter().any(|(_, n, _): &(usize, u8, String)| n >= no);
            if kept || before.iter().any(|b| b >= no) || after.iter().any(|a| a <= no) {
                continue;
            }
            diags.info(
                "topic-number-from-title",
                Some(part1[*i].at),
                format!(
                    "a topic heading without its number (\"{}\"): its title is topic {no}'s",
                    part1[*i].text.trim()
                ),
            );
        }
        out.push((*i, *no, title.clone()));
    }
    out
}

/// The numbers of the headings in `found` that were read with their number (not by title).
fn numbered(found: &[Found]) -> Vec<u8> {
    found.iter().filter(|s| !s.3).map(|s| s.1).collect()
}

/// The headings `found` with a numbered heading's number misread mended by its title: a
/// heading whose number is out of order (another numbered heading before it has that number
/// or a later one, or one after it the same or an earlier one) and whose title is exactly one
/// topic's ([`topic_of_title`]), in order where its number is not, is that topic's
/// (`topic-number-from-title`). OCR read TH Sarabun New's `๔` of `ประเด็นที่ ๔` as `5` on
/// a 150-dpi scan: two topic 5s, the second skipped, and topic 4's rows under the first.
fn renumbered_by_title(
    mut found: Vec<Found>,
    part1: &[Line],
    diags: &mut Diagnostics,
) -> Vec<Found> {
    for k in 0..found.len() {
        let (i, no, ref title, by_title) = found[k];
        if by_title {
            continue;
        }
        let Some(t) = topic_of_title(title).filter(|&t| t != no) else {
            continue;
        };
        let (before, after) = (numbered(&found[..k]), numbered(&found[k + 1..]));
        let in_order = |n: u8| before.iter().all(|&b| b < n) && after.iter().all(|&a| a > n);
        if in_order(no) || !in_order(t) {
            continue;
        }
        diags.info(
            "topic-number-from-title",
            Some(part1[i].at),
            format!(
                "a topic heading read as topic {no} (\"{}\"), out of order: its title is topic {t}'s",
                part1[i].text.trim()
            ),
        );
        found[k].1 = t;
    }
    found
}

/// One topic from the lines after its heading.
fn topic(
    no: u8,
    title: &str,
    at: At,
    body: &[Line],
    year: Option<u16>,
    diags: &mut Diagnostics,
    unread: &mut Vec<UnreadRow>,
) -> Topic {
    let marker = body.iter().position(|l| is_narrative_marker(&l.text));
    let mut table = Table {
        year,
        ..Table::default()
    };
    let table_end = marker.unwrap_or(body.len());
    let mut last_row = None;
    let mut lost = 0;
    let mut skip = None;
    for (i, l) in body[..table_end].iter().enumerate() {
        if l.text.is_empty() || is_header(&l.text) || skip == Some(i) {
            continue;
        }
        let joined = rejoin_id(l, &body[i + 1..table_end]);
        let l = match &joined {
            Some((line, tail)) => {
                diags.info(
                    "question-id-rejoined",
                    Some(l.at),
                    format!(
                        "the id cell \"ข้อ\" goes on alone on the next line (line {}): read together as \"{}\"",
                        body[i + 1 + tail].at.line,
                        line.cells().find(|c| ID_CELL.is_match(c)).unwrap_or_default()
                    ),
                );
                skip = Some(i + 1 + tail);
                line
            }
            None => l,
        };
        if let Some(rows) = split_merged_rows(l) {
            diags.info(
                "question-rows-split",
                Some(l.at),
                format!(
                    "{} question rows run together on one line (a page break's join): \"{}\" read as one row each",
                    rows.len(),
                    l.raw.trim()
                ),
            );
            for r in &rows {
                table.row(r, diags);
            }
            last_row = Some(i);
        } else if table.row(l, diags) {
            last_row = Some(i);
        } else if marker.is_some() || last_row.is_none() {
            // (A cut cell alone under the header, before any row: the header's last cell,
            // `ข้อบกพร่อง` cut to `ข้�`.)
            let alone = l.cells().count() == 1
                && l.text.contains('\u{FFFD}')
                && last_row.is_none()
                && lost == 0;
            if let Some(id) = left_of_a_row(l).filter(|_| !alone) {
                lost += 1;
                let tool = l.cells().find_map(parse_tool);
                unread.push(UnreadRow::new(no, tool, &id, false, l.at));
            }
            diags.warn(
                "table-line-unrecognized",
                Some(l.at),
                format!(
                    "topic {no}: this line in the question table is not a question row: \"{}\"",
                    l.raw.trim()
                ),
            );
        }
    }
    // A table whose header stands but none of whose rows could be read (cut away whole):
    // any of its rows may be any question.
    if table.questions.is_empty()
        && body[..table_end].iter().any(|l| is_header(&l.text))
        && !unread.iter().any(|u| u.topic == no)
    {
        let at = body[..table_end]
            .iter()
            .find(|l| is_header(&l.text))
            .map_or(at, |l| l.at);
        unread.push(UnreadRow::new(no, None, "", false, at));
    }
    unread.extend(
        table
            .numberless
            .iter()
            .map(|&(tool, at)| UnreadRow::new(no, tool, "", false, at)),
    );
    let analysis_from = match marker {
        Some(m) => m + 1,
        None => last_row.map_or(0, |r| r + 1),
    };
    let analysis: Vec<&str> = body[analysis_from.min(body.len())..]
        .iter()
        .map(|l| l.text.as_str())
        .filter(|t| !t.is_empty())
        .collect();
    let analysis = (!analysis.is_empty()).then(|| analysis.join("\n"));
    if table.questions.is_empty() {
        diags.warn(
            "topic-table-empty",
            Some(at),
            format!("topic {no} has no question rows"),
        );
    }
    if analysis.is_none() {
        diags.warn(
            "topic-analysis-missing",
            Some(at),
            format!("topic {no} has no narrative analysis"),
        );
    }
    Topic {
        no,
        title: if title.is_empty() {
            framework::TOPICS[usize::from(no - 1)].to_owned()
        } else {
            title.to_owned()
        },
        questions: table.questions,
        remarks: table.remarks,
        analysis_parts: super::analysis::parts(no, &body[analysis_from.min(body.len())..], diags),
        analysis,
        at,
    }
}

/// A row whose id cell is `ข้อ` alone, beside its score (or run into it: `ข้อ 100.00`),
/// followed (blank lines between) by a
/// line that starts with the id's number alone (`o28`, `๐๑`): the id cell's two lines, which
/// the layout gave lines of their own (a wrapped cell's second line below the row's, or cut
/// off by a page break). The row with its id whole and the next line's other cells after
/// its own, and the next line's index in `rest`.
fn rejoin_id(l: &Line, rest: &[Line]) -> Option<(Line, usize)> {
    static TAIL: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^(?:[A-Za-z]\s?)?\d{1,3}$").expect("valid regex"));
    // A score as a table prints it (`100.00`, `0`, `100`), not any number: `ข้อ 38` is an id
    // whose letter OCR lost, not `ข้อ` beside a score of 38.
    static SCORE_SHAPED: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^(?:\d{1,3}\.\d{2}|0|100)$").expect("valid regex"));
    // `ข้อ 100.00` in one cell (the id cell's `ข้อ` and the score, run together) is the
    // two cells.
    let cells: Vec<&str> = l
        .cells()
        .flat_map(|c| match c.split_once(' ') {
            Some((id, value)) if BARE.is_match(id) && SCORE_SHAPED.is_match(value.trim()) => {
                vec![id, value.trim()]
            }
            _ => vec![c],
        })
        .collect();
    let k = cells.iter().position(|c| BARE.is_match(c))?;
    cells.get(k + 1).and_then(|c| score(c))?;
    let t = rest.iter().position(|r| !r.text.is_empty())?;
    let mut tail = rest[t].cells();
    let id = tail.next().filter(|c| TAIL.is_match(c))?;
    let mut out: Vec<String> = cells.iter().map(|c| (*c).to_owned()).collect();
    out[k] = format!("{} {id}", cells[k]);
    out.extend(tail.map(str::to_owned));
    Some((
        Line {
            at: l.at,
            raw: format!("{}\t{}", l.raw, rest[t].raw),
            text: out.join("\t"),
            cells: Vec::new(),
        },
        t,
    ))
}

/// Question rows that a layout ran together into one line, cell by cell (two rows taken for
/// the two parts of one row cut by a page break): an id cell of several ids (`ข้อ o13 ข้อ
/// o14`, `i11 i12`) and, after it, a cell of as many numbers (`100.00 100.00`). The rows,
/// the first with the line's other cells, the others with their id and score only; `None`
/// unless the counts agree (a number missing leaves no way to pair them).
pub(super) fn split_merged_rows(l: &Line) -> Option<Vec<Line>> {
    static IDS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(
            r"ข[{m}]{{0,2}}\s?อ[{m}]{{0,2}}\s*[A-Za-z]?\s*\d{{1,3}}|\b[A-Za-z]\d{{1,3}}\b",
            m = crate::thai::COMBINING_CLASS
        ))
        .expect("valid regex")
    });
    let cells: Vec<&str> = l.cells().collect();
    // Two ids need two digits: most cells have none, and the regex's Unicode word
    // boundaries keep it off the fast engines (4% of a batch's instructions before this).
    let k = cells.iter().position(|c| {
        c.bytes().filter(u8::is_ascii_digit).nth(1).is_some() && IDS.find_iter(c).count() >= 2
    })?;
    let ids: Vec<&str> = IDS.find_iter(cells[k]).map(|m| m.as_str()).collect();
    if IDS.replace_all(cells[k], "").trim() != "" {
        return None;
    }
    let j = k
        + 1
        + cells[k + 1..].iter().position(|c| {
            let n: Vec<&str> = c.split_whitespace().collect();
            n.len() > 1 && n.iter().all(|s| score(s).is_some())
        })?;
    let scores: Vec<&str> = cells[j].split_whitespace().collect();
    if scores.len() != ids.len() {
        return None;
    }
    let line = |text: String| Line {
        at: l.at,
        raw: l.raw.clone(),
        text,
        cells: Vec::new(),
    };
    let mut first: Vec<&str> = cells.clone();
    first[k] = ids[0];
    first[j] = scores[0];
    let mut out = vec![line(first.join("\t"))];
    out.extend(
        ids.iter()
            .zip(&scores)
            .skip(1)
            .map(|(id, s)| line(format!("{id}\t{s}"))),
    );
    Some(out)
}

/// A score cell followed, in the same cell, by Thai text (`100.00ร`, `100.00 ให้แต่ละ…`):
/// the number and the text after it.
fn split_score(cell: &str) -> Option<(f64, &str)> {
    static LEAD: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^(\d{1,3}\.\d{2})\s*([ก-ฮเ-ไ].*)$").expect("valid regex"));
    let caps = LEAD.captures(cell.trim())?;
    Some((score(caps.get(1)?.as_str())?, caps.get(2)?.as_str()))
}

/// A score of two integer digits after one stray mark (`@98.12`, `ส98.12`: OCR's reading of
/// a table rule or a speck): no digit can stand there (`X98.12` would exceed 100), so the
/// number is the score.
fn stray_score(cell: &str) -> Option<f64> {
    static STRAY: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^[^\d\s.,]([1-9]\d\.\d{2})$").expect("valid regex"));
    score(STRAY.captures(cell.trim())?.get(1)?.as_str())
}

/// An OIT answer cell (`มี` / `ไม่มี`), kept beside the 100/0 score.
static ANSWER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(?:มี|ไม่มี)$").expect("valid regex"));

/// The state of one question table (a topic's, or a per-tool table) while its rows are read.
#[derive(Default)]
pub(super) struct Table {
    /// The tool of the rows above, inherited by a row without a tool cell or letter.
    pub tool: Option<Tool>,
    /// The report's fiscal year, when known: its question ranges bound ids.
    pub year: Option<u16>,
    /// The rows read.
    pub questions: Vec<Question>,
    /// The remarks read.
    pub remarks: Vec<Remark>,
    /// The last row's wording cell(s), when printed between the id and the score.
    pub wording: Option<String>,
    /// The last row's OIT answer cell, when printed.
    pub answer: Option<String>,
    /// Rows whose id lost its number (`ข้อ | 100.00`): their tool cell, and where read.
    pub numberless: Vec<(Option<Tool>, At)>,
}

/// An id cell and its score run together into one cell, as a layout gives them when the two
/// columns nearly touch: with a space (`ข้อ i1 100.00`) or glued (`ข้อ i1100.00`, a tool
/// letter required so that `ข้อ 5100.00` is not cut).
static ID_SCORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?:ข[{m}]{{0,2}}\s?อ[{m}]{{0,2}}\s*(?:[A-Za-z]\s*)?|[A-Za-z]\s?)(?:(\d{{1,3}})\s+(\d{{1,3}}\.\d{{2}})|(\d{{2,5}}\.\d{{2}}))$",
        m = crate::thai::COMBINING_CLASS
    ))
    .expect("valid regex")
});

/// Splits a cell of an id and a score run together: `(id, score)`. With a space between them
/// the split is the space; without one (`i1100.00`) the digits are cut where exactly one cut
/// gives an id of one or two digits (no leading zero, within the tool's question range in
/// `year` when known: `e198.12` is e1 | 98.12, there is no e19) and a score of at most 100
/// written without a leading zero (`i1 | 100.00`, not `i11 | 00.00`); when two cuts would
/// do (`o410.00`: o4 | 10.00 or o41 | 0.00) the cell is not split.
fn split_id_score(cell: &str, year: Option<u16>) -> Option<(&str, &str)> {
    let caps = ID_SCORE.captures(cell)?;
    if let (Some(id), Some(value)) = (caps.get(1), caps.get(2)) {
        return Some((&cell[..id.end()], value.as_str()));
    }
    let glued = caps.get(3)?;
    if !cell[..glued.start()]
        .trim_end()
        .ends_with(|c: char| c.is_ascii_alphabetic())
    {
        return None;
    }
    let (int, frac) = glued.as_str().split_once('.')?;
    let range = cell[..glued.start()]
        .trim_end()
        .chars()
        .last()
        .and_then(Tool::from_id_letter)
        .and_then(|t| framework::question_range(t, year));
    let mut cuts = (1..=2.min(int.len() - 1)).filter(|&j| {
        let (id, score) = (&int[..j], &int[j..]);
        !id.starts_with('0')
            && range
                .as_ref()
                .is_none_or(|r| id.parse().is_ok_and(|n: u16| r.contains(&n)))
            && (score.len() == 1 || !score.starts_with('0'))
            && score
                .parse::<u32>()
                .is_ok_and(|v| v < 100 || (v == 100 && frac.bytes().all(|b| b == b'0')))
    });
    let j = cuts.next()?;
    if cuts.next().is_some() {
        return None;
    }
    let at = glued.start() + j;
    Some((&cell[..at], &cell[at..]))
}

/// Does this line hold a question id cell?
pub(super) fn has_id_cell(l: &Line) -> bool {
    let cells: Vec<&str> = l.cells().collect();
    cells.iter().enumerate().any(|(k, c)| {
        ID_CELL.is_match(c)
            || ID_SCORE.is_match(c)
            || (BARE.is_match(c) && cells.get(k + 1).is_some_and(|c| score(c).is_some()))
    }) || (l.text.contains('\t') && l.cells().any(|c| ID_LEAD.is_match(c)))
}

/// Does `text` start with a whole id cell (`ข้อ o16 …`, `o16 …`)?
fn starts_with_id_cell(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().take(2).collect();
    (1..=words.len()).any(|n| ID_CELL.is_match(&words[..n].join(" ")))
}

/// An id that leads the question's wording in one cell (`i1 บุคลากรในหน่วยงาน…`,
/// `ข้อ o4. แผนยุทธศาสตร์…`): a tool letter is required, so a numbered list item is not one.
static ID_LEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:ข้อ\s*)?([ieoIEO])\s?(\d{1,2})[.):]?\s+([^\d\s].*)$").expect("valid regex")
});

impl Table {
    /// Reads `l` as a question row; `false` if it is not one.
    pub(super) fn row(&mut self, l: &Line, diags: &mut Diagnostics) -> bool {
        self.wording = None;
        self.answer = None;
        // An id cell and its score cell run together are two cells.
        let mut cells: Vec<&str> = Vec::new();
        for c in l.cells() {
            match split_id_score(c, self.year).filter(|_| !ID_CELL.is_match(c)) {
                Some((id, value)) if cells.iter().all(|c| !ID_CELL.is_match(c)) => {
                    diags.info(
                        "question-id-score-split",
                        Some(l.at),
                        format!("the id and the score run together in one cell \"{c}\": read as \"{id}\" and {value}"),
                    );
                    cells.extend([id, value]);
                }
                _ => cells.push(c),
            }
        }
        // The id cell alone (`ข้อ i1`), else an id that leads its wording (`i1 บุคลากร…`).
        let (k, letter, digits, lead) =
            if let Some(k) = cells.iter().position(|c| ID_CELL.is_match(c)) {
                let caps = ID_CELL.captures(cells[k]).expect("matched above");
                let letter = caps.get(1).or(caps.get(3)).map_or("", |m| m.as_str());
                let digits = caps.get(2).or(caps.get(4)).map_or("", |m| m.as_str());
                (k, letter, digits, None)
            } else if let Some((k, caps)) = cells
                .iter()
                .enumerate()
                .find_map(|(k, c)| ID_LEAD.captures(c).map(|caps| (k, caps)))
                // Wording that starts with another id is two ids run together (`ข้อ o15 ข้อ
                // o16`): whose the score is cannot be told.
                .filter(|(_, caps)| !starts_with_id_cell(&caps[3]))
            {
                let get = |i| caps.get(i).map_or("", |m: regex::Match<'_>| m.as_str());
                (k, get(1), get(2), Some(get(3).trim().to_owned()))
            } else if let Some(k) = cells
                .iter()
                .position(|c| BARE.is_match(c))
                .filter(|&k| cells.get(k + 1).is_some_and(|c| score(c).is_some()))
            {
                // `ข้อ | 100.00`: a row whose id lost its number; its score cannot be given to
                // a question, its tool and remark still count.
                (k, "", "", None)
            } else {
                // Not a row whose id can be read (`OIT | ข้อ | 100.00`, its id's number cut
                // off by a page break), but its tool cell still heads the rows below it.
                if let Some(t) = cells.iter().find_map(|c| parse_tool(c)) {
                    self.tool = Some(t);
                }
                return false;
            };
        let tool_cell = cells[..k].iter().rev().find_map(|c| parse_tool(c));
        if let Some(t) = tool_cell {
            self.tool = Some(t);
        }
        let id_text = match &lead {
            Some(w) => cells[k][..cells[k].len() - w.len()].trim_end(),
            None => cells[k],
        };
        let raw = raw_id(&l.raw, id_text);
        let (tool, id) = self.identify(letter, digits, &raw, l.at, diags);

        // The score is the first number after the id: the next cell in topic tables
        // (`ข้อ i1 | 100.00 | remark`), after the wording and an OIT answer in per-tool tables
        // (`o4 | แผนยุทธศาสตร์… | ไม่มี | 0`).
        let numeric = (k + 1..cells.len()).find(|&j| score(cells[j]).is_some());
        let mut spill: Option<&str> = None;
        let (value, after) = match (numeric, cells.get(k + 1)) {
            (Some(j), _) => {
                let mut words = Vec::new();
                for c in &cells[k + 1..j] {
                    if ANSWER.is_match(c) {
                        self.answer = Some((*c).to_owned());
                    } else if parse_tool(c).is_none() {
                        words.push(*c);
                    }
                }
                if !words.is_empty() {
                    self.wording = Some(words.join(" "));
                }
                if let Some(w) = &lead {
                    self.wording = Some(match self.wording.take() {
                        Some(rest) => format!("{w} {rest}"),
                        None => w.clone(),
                    });
                }
                (score(cells[j]), j + 1)
            }
            (None, Some(cell)) if lead.is_none() && split_score(cell).is_some() => {
                // The score cell ran into the next column (`100.00ร…`, as OCR lays out a
                // table whose columns touch): the number is the score, the rest the remark's.
                let (v, rest) = split_score(cell).expect("checked by the guard");
                diags.info(
                    "question-score-cell-split",
                    Some(l.at),
                    format!("{raw}: the score cell \"{cell}\" runs into the next column's text: {v:.2} read as the score"),
                );
                spill = Some(rest);
                (Some(v), k + 2)
            }
            (None, Some(cell)) if lead.is_none() && stray_score(cell).is_some() => {
                let v = stray_score(cell).expect("checked by the guard");
                diags.info(
                    "question-score-stray-mark",
                    Some(l.at),
                    format!("{raw}: the score cell \"{cell}\" has a stray mark before its number: {v:.2} read as the score"),
                );
                (Some(v), k + 2)
            }
            (None, Some(cell)) => {
                diags.warn(
                    "question-score-unreadable",
                    Some(l.at),
                    format!("{raw}: the score cell \"{cell}\" is not a number"),
                );
                (None, k + 2)
            }
            (None, None) => {
                diags.warn(
                    "question-score-missing",
                    Some(l.at),
                    format!("{raw}: the row has no score cell"),
                );
                (None, k + 2)
            }
        };
        let remark = spill
            .into_iter()
            .chain(cells.get(after..).unwrap_or_default().iter().copied())
            .collect::<Vec<_>>()
            .join(" ");
        if let (false, Some(t)) = (remark.is_empty(), tool) {
            match self.remarks.iter_mut().find(|r| r.tool == t) {
                Some(r) if tool_cell.is_none() => {
                    r.text.push(' ');
                    r.text.push_str(&remark);
                }
                Some(r) if r.text != remark => {
                    r.text.push(' ');
                    r.text.push_str(&remark);
                }
                Some(_) => {}
                None => self.remarks.push(Remark {
                    tool: t,
                    text: remark,
                    at: Some(l.at),
                }),
            }
        }
        if letter.is_empty() && digits.is_empty() {
            self.numberless.push((tool_cell, l.at));
            return true;
        }
        self.questions.push(Question {
            tool,
            id,
            score: value,
            raw,
            at: l.at,
        });
        true
    }

    /// Works out the row's tool and id from the id cell and the inherited tool.
    fn identify(
        &mut self,
        letter: &str,
        digits: &str,
        raw: &str,
        at: At,
        diags: &mut Diagnostics,
    ) -> (Option<Tool>, Option<String>) {
        if letter.is_empty() && digits.is_empty() {
            diags.warn(
                "question-id-unreadable",
                Some(at),
                format!("{raw}: the id cell has no question number; the row's score is not read"),
            );
            return (self.tool, None);
        }
        let number = digits.trim_start_matches('0');
        let letter_tool = letter.chars().next().and_then(Tool::from_id_letter);
        if !letter.is_empty() && letter_tool.is_none() {
            diags.warn(
                "question-id-unreadable",
                Some(at),
                format!("{raw}: \"{letter}\" is not a tool letter (i, e, o)"),
            );
            return (self.tool, None);
        }
        match (letter_tool, self.tool) {
            (Some(lt), row_tool) => {
                if let Some(rt) = row_tool.filter(|&rt| rt != lt) {
                    diags.warn(
                        "question-id-tool-mismatch",
                        Some(at),
                        format!(
                            "{raw}: the id says {} but the row is under {}",
                            lt.as_str(),
                            rt.as_str()
                        ),
                    );
                }
                if row_tool.is_none() {
                    self.tool = Some(lt);
                }
                if number.is_empty() {
                    diags.warn(
                        "question-id-unreadable",
                        Some(at),
                        format!("{raw}: no question number"),
                    );
                    return (Some(lt), None);
                }
                (Some(lt), Some(format!("{}{number}", lt.id_letter())))
            }
            (None, Some(Tool::Oit)) if digits.starts_with('0') && !number.is_empty() => {
                diags.info(
                    "question-id-repaired",
                    Some(at),
                    format!(
                        "{raw}: zero written for the letter o in an OIT row; read as o{number}"
                    ),
                );
                (Some(Tool::Oit), Some(format!("o{number}")))
            }
            (None, Some(t)) if digits.starts_with('0') => {
                diags.warn(
                    "question-id-unreadable",
                    Some(at),
                    format!("{raw}: a leading zero in a {} row cannot be repaired (only OIT ids start with o)", t.as_str()),
                );
                (Some(t), None)
            }
            (None, Some(t))
                if self
                    .questions
                    .iter()
                    .any(|q| q.id.as_deref() == Some(&format!("{}{number}", t.id_letter()))) =>
            {
                // The table has that id already: the inherited tool is not this row's (a tool
                // cell OCR garbled), so the letter is not known.
                diags.warn(
                    "question-id-unreadable",
                    Some(at),
                    format!(
                        "{raw}: no tool letter, and {}{number} is already a row of this table",
                        t.id_letter()
                    ),
                );
                (None, None)
            }
            (None, Some(t)) => {
                diags.info(
                    "question-id-letter-inferred",
                    Some(at),
                    format!(
                        "{raw}: no tool letter; the row is under {}, so read as {}{number}",
                        t.as_str(),
                        t.id_letter()
                    ),
                );
                (Some(t), Some(format!("{}{number}", t.id_letter())))
            }
            (None, None)
                if digits.starts_with('0')
                    && !number.is_empty()
                    && number.parse::<u16>().is_ok_and(|n| {
                        framework::question_range(Tool::Oit, self.year)
                            .is_none_or(|r| r.contains(&n))
                    }) =>
            {
                // Only OIT ids start with a letter a zero stands for (the font or the copy
                // lost the rows' tool cells and letters).
                diags.info(
                    "question-id-repaired",
                    Some(at),
                    format!("{raw}: zero written for the letter o (only OIT ids start with o); read as o{number}"),
                );
                (Some(Tool::Oit), Some(format!("o{number}")))
            }
            (None, None) => {
                let Some(t) = only_tool_for(number, self.year) else {
                    diags.warn(
                        "question-tool-missing",
                        Some(at),
                        format!("{raw}: neither the id nor the rows above say which tool (IIT/EIT/OIT) this is"),
                    );
                    return (None, None);
                };
                diags.info(
                    "question-id-letter-inferred",
                    Some(at),
                    format!(
                        "{raw}: no tool letter and no tool above; only {} has a question {number} in {}, so read as {}{number}",
                        t.as_str(),
                        self.year.unwrap_or_default(),
                        t.id_letter()
                    ),
                );
                (Some(t), Some(format!("{}{number}", t.id_letter())))
            }
        }
    }
}

/// `IIT` / `EIT` / `OIT` (any case, maybe with a trailing colon or part number).
pub(super) fn parse_tool(cell: &str) -> Option<Tool> {
    let t = cell.trim().trim_end_matches(':');
    let head = t.get(..3)?;
    let rest = t[3..].trim();
    if !(rest.is_empty() || rest.starts_with("ส่วนที่")) {
        return None;
    }
    match head.to_ascii_uppercase().as_str() {
        "IIT" => Some(Tool::Iit),
        "EIT" => Some(Tool::Eit),
        "OIT" => Some(Tool::Oit),
        _ => None,
    }
}

/// The id as written in the raw line (Thai digits and all), found by matching its normalized
/// form; the normalized cell if it cannot be found.
fn raw_id(raw_line: &str, cell: &str) -> String {
    let want: String = cell.chars().filter(|c| !c.is_whitespace()).collect();
    RAW_ID
        .find_iter(raw_line)
        .map(|m| m.as_str())
        .find(|m| {
            let n: String = normalize::thai_digits_to_arabic(m)
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect();
            n == want || n == want.trim_end_matches('.')
        })
        .unwrap_or(cell)
        .to_owned()
}

/// Topic-level checks: missing topics and questions scored differently under two topics.
fn check_topics(topics: &[Topic], part1: &[Line], diags: &mut Diagnostics) {
    let part_at = part1.first().map(|l| l.at);
    if topics.is_empty() {
        diags.warn(
            "topics-missing",
            part_at,
            "no topic headings (ประเด็นที่ 1–7) found".to_owned(),
        );
    } else {
        for no in 1..=7u8 {
            if !topics.iter().any(|t| t.no == no) {
                diags.warn(
                    "topic-missing",
                    part_at,
                    format!(
                        "topic {no} ({}) is not in the report",
                        framework::TOPICS[usize::from(no - 1)]
                    ),
                );
            }
        }
    }
    let mut by_id: BTreeMap<&str, Vec<(u8, f64, At)>> = BTreeMap::new();
    for t in topics {
        for q in &t.questions {
            if let (Some(id), Some(s)) = (q.id.as_deref(), q.score) {
                by_id.entry(id).or_default().push((t.no, s, q.at));
            }
        }
    }
    for (id, seen) in by_id {
        let (_, first, _) = seen[0];
        if seen.iter().any(|&(_, s, _)| (s - first).abs() > 1e-9) {
            let list: Vec<String> = seen
                .iter()
                .map(|(no, s, at)| format!("{s:.2} under topic {no} (line {})", at.line))
                .collect();
            diags.warn(
                "question-score-conflict",
                Some(seen[1].2),
                format!("question {id} has different scores: {}", list.join(", ")),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(text: &str) -> (Table, Vec<crate::model::Diagnostic>) {
        let l = Line {
            at: At {
                page: Some(1),
                line: 1,
                bbox: None,
            },
            raw: text.into(),
            text: text.into(),
            cells: Vec::new(),
        };
        let mut table = Table {
            tool: Some(Tool::Iit),
            ..Table::default()
        };
        let mut diags = Diagnostics::default();
        assert!(table.row(&l, &mut diags));
        (table, diags.into_vec())
    }

    #[test]
    fn a_heading_whose_number_ocr_lost_is_named_by_its_title() {
        // As OCR read topic 7's heading on a turned scan (`ำ` for `า`, spaces, the title cut
        // at the line's end) and in Kinnari (`๗` read as `ๆ`).
        let (no, _) = heading_by_title("ป ระเด็นที กลไกและมาตรการในกำรแก้ไขแล ะป้องกันการทุจริต").unwrap();
        assert_eq!(no, 7);
        let (no, _) =
            heading_by_title("ประเด็นที่ ๆ ก ล ไกและมาตรการในกำรแก้ไขแล ะป้องกันการทุจริตภายในหน่วย")
                .unwrap();
        assert_eq!(no, 7);
        // A number is the numbered rule's; too little title, another title, or narrative.
        assert!(heading_by_title("ประเด็นที่ 7 กลไกและมาตรการในการแก้ไข").is_none());
        assert!(heading_by_title("ประเด็นที กลไกและ").is_none());
        assert!(heading_by_title("ประเด็นที่เกี่ยวข้องกับการมอบหมายงาน การประเมินผล").is_none());
        assert!(heading_by_title("ข้อเท็จจริงพบว่า กลไกและมาตรการในการแก้ไขและป้องกัน").is_none());
    }

    /// Line `k` of page 1 reading `text`.
    fn line(k: u32, text: &str) -> Line {
        Line {
            at: At {
                page: Some(1),
                line: k,
                bbox: None,
            },
            raw: text.into(),
            text: text.into(),
            cells: Vec::new(),
        }
    }

    #[test]
    fn a_heading_by_title_counts_only_between_the_numbered_ones() {
        let t7 = "ประเด็นที กลไกและมาตรการในการแก้ไขและป้องกันการทุจริต";
        let t2 = "ประเด็นที การให้บริการและระบบ E-Service ของหน่วยงาน";
        let part1 = vec![
            line(1, "ประเด็นที่ 5 กระบวนการสร้างความโปร่งใส"),
            line(2, "ประเด็นที่ 6 กระบวนการควบคุม"),
            line(3, t7),
            // Topic 2's title after topic 6: out of order, no heading.
            line(4, t2),
            // Topic 7's title again: a heading already kept, no second one.
            line(5, t7),
        ];
        let mut diags = Diagnostics::default();
        let found: Vec<u8> = headings(&part1, &mut diags).iter().map(|h| h.1).collect();
        assert_eq!(found, [5, 6, 7]);
        let d = diags.into_vec();
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].code, "topic-number-from-title");
        assert_eq!(d[0].at.map(|a| a.line), Some(3));
    }

    #[test]
    fn a_heading_whose_number_ocr_misread_out_of_order_is_named_by_its_title() {
        // Topic 4's heading with its `๔` read as `5` (TH Sarabun New, 150 dpi), then topic 5's.
        let part1 = vec![
            line(
                1,
                "ประเด็นที่ 3 ช่องทางและรูปแบบการประชาสัมพันธ์เผยแพร่ข้อมูลข่าวสารภาครัฐ",
            ),
            line(2, "ประเด็นที่ 5 ก ระบวนการ กำกับดูแลกา รใช้ทรัพย์สินของราชการ"),
            line(
                3,
                "ประเด็นที่5 กระ บวนกำรสร้า ง ความโปร่งใสในการใช้งบประมาณและการจัดซื้อจัดจ้าง",
            ),
        ];
        let mut diags = Diagnostics::default();
        let found: Vec<u8> = headings(&part1, &mut diags).iter().map(|h| h.1).collect();
        assert_eq!(found, [3, 4, 5]);
        let d = diags.into_vec();
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].code, "topic-number-from-title");
        assert_eq!(d[0].at.map(|a| a.line), Some(2));
        // In order, its number stands whatever its title (an agency's own numbering); out of
        // order with a title no topic's, or whose topic is out of order too, it stands.
        for (a, b) in [
            (
                "ประเด็นที่ 4 กระบวนการสร้างความโปร่งใสในการใช้งบประมาณ",
                "ประเด็นที่ 5 อื่น ๆ",
            ),
            ("ประเด็นที่ 5 เรื่องอื่นที่หน่วยงานเลือกวิเคราะห์เอง", "ประเด็นที่ 5 อื่น ๆ"),
            (
                "ประเด็นที่ 5 ช่องทางและรูปแบบการประชาสัมพันธ์เผยแพร่ข้อมูล",
                "ประเด็นที่ 5 อื่น ๆ",
            ),
        ] {
            let part1 = vec![
                line(
                    1,
                    "ประเด็นที่ 3 ช่องทางและรูปแบบการประชาสัมพันธ์เผยแพร่ข้อมูลข่าวสารภาครัฐ",
                ),
                line(2, a),
                line(3, b),
            ];
            let mut diags = Diagnostics::default();
            let found: Vec<u8> = headings(&part1, &mut diags).iter().map(|h| h.1).collect();
            assert_eq!(
                found[1],
                a.chars()
                    .filter(char::is_ascii_digit)
                    .collect::<String>()
                    .parse::<u8>()
                    .unwrap(),
                "{a}"
            );
            assert!(diags.into_vec().is_empty(), "{a}");
        }
    }

    #[test]
    fn a_score_cell_run_into_the_remark_gives_its_number_and_says_so() {
        let (t, d) = row("ข้อ i1\t100.00รักษาระดับ\tคะแนน");
        assert_eq!(t.questions[0].score, Some(100.0));
        assert_eq!(t.remarks[0].text, "รักษาระดับ คะแนน");
        assert!(d.iter().any(|d| d.code == "question-score-cell-split"));
        let (t, _) = row("ข้อ i2\t98.12 ให้แต่ละส่วนงาน");
        assert_eq!(t.questions[0].score, Some(98.12));
        let (t, d) = row("ข้อ e3\t@98.12");
        assert_eq!(t.questions[0].score, Some(98.12));
        assert!(d.iter().any(|d| d.code == "question-score-stray-mark"));
    }

    #[test]
    fn a_cell_of_other_text_or_a_number_with_other_digits_is_not_a_score() {
        for cell in [
            "ความเป็นระบบ",
            "100.0ร",
            "1998.12ร",
            "@00.00",
            "ส08.12",
            "100 . 0 0",
        ] {
            let (t, d) = row(&format!("ข้อ i1\t{cell}"));
            assert_eq!(t.questions[0].score, None, "{cell}");
            assert!(
                d.iter().any(|d| d.code == "question-score-unreadable"),
                "{cell}"
            );
        }
    }

    #[test]
    fn an_id_and_its_score_in_one_cell_are_split_only_where_one_cut_fits() {
        let y = Some(2566);
        for (cell, want) in [
            ("ข้อ i1 100.00", Some(("ข้อ i1", "100.00"))),
            ("ข้อ i1100.00", Some(("ข้อ i1", "100.00"))),
            ("ข้อ e1298.12", Some(("ข้อ e12", "98.12"))),
            ("ข้อ e198.12", Some(("ข้อ e1", "98.12"))),
            ("o10100.00", Some(("o10", "100.00"))),
            ("ข้อ o5 0.00", Some(("ข้อ o5", "0.00"))),
        ] {
            assert_eq!(split_id_score(cell, y), want, "{cell}");
        }
        // Two cuts fit (o4 | 10.00, o41 | 0.00; without a year, e1 | 98.12 and e19 | 8.12),
        // no letter (`ข้อ 5100.00`), other text: not split.
        for (cell, year) in [
            ("ข้อ o410.00", y),
            ("ข้อ e198.12", None),
            ("ข้อ 5100.00", y),
            ("ข้อ i1", y),
            ("ข้อ i1 ให้บริการ", y),
        ] {
            assert_eq!(split_id_score(cell, year), None, "{cell}");
        }
        let (t, d) = row("IIT\tข้อ i2100.00\tรักษาระดับ");
        assert_eq!(t.questions[0].id.as_deref(), Some("i2"));
        assert_eq!(t.questions[0].score, Some(100.0));
        assert_eq!(t.remarks[0].text, "รักษาระดับ");
        assert!(d.iter().any(|d| d.code == "question-id-score-split"));
    }

    fn lines(texts: &[&str]) -> Vec<Line> {
        texts
            .iter()
            .enumerate()
            .map(|(i, t)| Line {
                at: At {
                    page: Some(1),
                    line: u32::try_from(i + 1).expect("few lines"),
                    bbox: None,
                },
                raw: (*t).into(),
                text: (*t).into(),
                cells: Vec::new(),
            })
            .collect()
    }

    /// Rows as (id, score).
    type Rows = Vec<(Option<String>, Option<f64>)>;

    /// Topic 1 read from `texts` (one line each): its rows, the topic, and the diagnostics.
    fn read(texts: &[&str]) -> (Rows, Topic, Vec<crate::model::Diagnostic>) {
        let body = lines(texts);
        let mut diags = Diagnostics::default();
        let t = topic(
            1,
            "",
            body[0].at,
            &body,
            Some(2566),
            &mut diags,
            &mut Vec::new(),
        );
        let got = t
            .questions
            .iter()
            .map(|q| (q.id.clone(), q.score))
            .collect();
        (got, t, diags.into_vec())
    }

    /// `(id, score)` pairs as [`read`] gives them.
    fn rows(want: &[(&str, f64)]) -> Rows {
        want.iter()
            .map(|(id, s)| (Some((*id).to_owned()), Some(*s)))
            .collect()
    }

    #[test]
    fn an_id_cell_whose_number_went_on_the_next_line_is_read_whole() {
        let (got, t, d) = read(&[
            "EIT\tข้อ e1\t98.12\tปรับปรุง",
            "OIT\tข้อ\t100.00\tรักษาระดับคะแนน",
            "",
            "01\tอัปเดตข้อมูล",
            "ข้อ 02\t100.00",
            "ข้อ\t0.00",
            "o28",
            "ข้อ\t100.00",
            "ข้อ o29\t100.00",
        ]);
        // The last `ข้อ` is followed by a whole id cell: not its number; the row is read
        // without an id (warned), and gives no question.
        assert_eq!(
            got,
            rows(&[
                ("e1", 98.12),
                ("o1", 100.0),
                ("o2", 100.0),
                ("o28", 0.0),
                ("o29", 100.0)
            ])
        );
        assert_eq!(t.remarks.len(), 2);
        assert_eq!(t.remarks[1].text, "รักษาระดับคะแนน อัปเดตข้อมูล");
        assert_eq!(
            d.iter()
                .filter(|d| d.code == "question-id-rejoined")
                .count(),
            2
        );
        assert!(d
            .iter()
            .any(|d| d.code == "question-id-unreadable" && d.at.is_some_and(|a| a.line == 8)));
    }

    /// OCR's layout may run the wrapped id cell's `ข้อ` and the score into one cell
    /// (`ข้อ 100.00`, `ข้อ 0`), the id's number on the next line as before.
    #[test]
    fn a_wrapped_id_cell_run_into_its_score_is_read_whole() {
        let (got, _, d) = read(&["OIT\tข้อ o36\t100.00", "ข้อ 100.00", "o38", "ข้อ 0", "o42"]);
        assert_eq!(got, rows(&[("o36", 100.0), ("o38", 100.0), ("o42", 0.0)]));
        assert_eq!(
            d.iter()
                .filter(|d| d.code == "question-id-rejoined")
                .count(),
            2
        );
        // A cell of a word and a number is no id cell run into its score: `o38` stays a row
        // of its own, without a score.
        let (got, _, _) = read(&["OIT\tข้อ o36\t100.00", "คะแนน 100.00", "o38"]);
        assert_eq!(got[1], (Some("o38".to_owned()), None));
    }

    /// `ข้อ 38` is an id whose letter OCR lost, not `ข้อ` run into a score of 38: the id-only
    /// line below is not joined to it, and no row is scored 38.
    #[test]
    fn an_id_without_its_letter_is_no_id_cell_run_into_a_score() {
        let (got, _, _) = read(&["OIT\tข้อ o36\t100.00", "ข้อ 38\t100.00", "o39"]);
        assert!(got.iter().all(|(_, v)| *v != Some(38.0)), "{got:?}");
        assert!(!got
            .iter()
            .any(|(id, v)| id.as_deref() == Some("o39") && v.is_some()));
    }

    /// A row without a tool letter whose inferred id the table already has: the inherited
    /// tool is not the row's (a garbled tool cell), so its id is unknown, not a second one.
    #[test]
    fn an_inferred_id_the_table_already_has_is_unknown() {
        let (got, _, d) = read(&["EIT\tข้อ e7\t98.12", "ข้อ o6\t100.00", "ข้อ 7\t100.00"]);
        let e7 = got
            .iter()
            .filter(|(id, _)| id.as_deref() == Some("e7"))
            .count();
        assert_eq!(e7, 1, "{got:?}");
        assert!(d
            .iter()
            .any(|d| d.code == "question-id-unreadable" && d.message.contains("already a row")));
    }

    #[test]
    fn a_topic_heading_run_onto_the_part_heading_is_found() {
        assert_eq!(
            heading("ส่วนที่ 1 ข้อมูลรายละเอียดการวิเคราะห์ผลการประเมิน ITA ประจำปีงบประมาณ พ.ศ. 2566 ประเด็นที่ 1 กระบวนการปฏิบัติงาน"),
            Some((1, "กระบวนการปฏิบัติงาน"))
        );
        assert_eq!(heading("ประเด็นที่ 3 ช่องทาง"), Some((3, "ช่องทาง")));
        // As OCR reads it in TH Sarabun.
        assert_eq!(
            heading("ป ระเด็นทิ1 กระบวนกำ รปฏิบัติงาน"),
            Some((1, "กระบวนกำ รปฏิบัติงาน"))
        );
        assert_eq!(heading("ประเด็นทา 1 กระบวนการ"), None);
        // Part 2's heading and a mention inside a sentence are not topic headings.
        assert_eq!(heading("ส่วนที่ 2 ประเด็นที่ 1 แผน"), None);
        assert_eq!(heading("เทศบาล ประเด็นที่ 1 กระบวนการ"), None);
    }

    #[test]
    fn rows_run_together_are_read_one_by_one_when_ids_and_scores_pair() {
        let (got, t, d) = read(&[
            "EIT\tข้อ e2\t98.12\tปรับปรุง",
            "ข้อ e3 ข้อ e4\t98.12 96.10",
            "OIT\tข้อ o13 ข้อ o14\t100.00 0.00\tรักษาระดับ",
            "ข้อ o15 ข้อ o16\t100.00",
            "วิเคราะห์บรรยายเชิงพรรณนา",
        ]);
        assert_eq!(
            got,
            rows(&[
                ("e2", 98.12),
                ("e3", 98.12),
                ("e4", 96.1),
                ("o13", 100.0),
                ("o14", 0.0)
            ])
        );
        assert_eq!(t.remarks.len(), 2);
        assert_eq!(
            d.iter().filter(|d| d.code == "question-rows-split").count(),
            2
        );
        assert!(d.iter().any(|d| d.code == "table-line-unrecognized"));
    }

    #[test]
    fn an_unreadable_row_with_a_tool_cell_heads_the_rows_below() {
        let (_, t, _) = read(&["EIT\tข้อ e1\t98.12", "OIT\tข้อ ?\t100.00", "ข้อ 02\t100.00"]);
        let last = t.questions.last().expect("a row");
        assert_eq!(
            (last.tool, last.id.as_deref()),
            (Some(Tool::Oit), Some("o2"))
        );
    }

    #[test]
    fn a_row_cut_before_its_id_is_read_may_hide_a_question_and_a_cut_remark_does_not() {
        let hides = |t: &str| left_of_a_row(&lines(&[t])[0]).is_some();
        // What the text layer left of rows cut at their frame (PyMuPDF's Story).
        for t in [
            "ข\u{FFFD}",
            "EIT\tข\u{FFFD}",
            "1.\tกระบวนการปฏิบัติงานที่โปร่งใส\tIIT\tข\u{FFFD}",
            "ข้อ e\u{FFFD}",
            "ข้อ e1\u{FFFD}",
            "IIT\t\u{FFFD}",
            "ข้อ\t98.1",
        ] {
            assert!(hides(t), "{t}");
        }
        // Header and remark cells cut the same way, text with nothing unread, and a total's
        // or an average's row.
        for t in [
            "ข้อบกพ\u{FFFD}",
            "รักษาระ\u{FFFD}",
            "ปรับปรุง\u{FFFD}",
            "ข้อคำถ\u{FFFD}",
            "ข้อบกพร่อง",
            "รวม\t95.50",
            "คะแนนเฉลี่ย\t\t95.50",
        ] {
            assert!(!hides(t), "{t}");
        }
    }

    /// The rows topic 3's table lost, read from `texts`.
    fn unread(texts: &[&str]) -> Vec<UnreadRow> {
        let body = lines(texts);
        let mut unread = Vec::new();
        let mut diags = Diagnostics::default();
        topic(
            3,
            "",
            body[0].at,
            &body,
            Some(2566),
            &mut diags,
            &mut unread,
        );
        unread
    }

    #[test]
    fn an_unread_row_is_kept_with_its_topic_and_tool() {
        let got = unread(&[
            "EIT\tข้อ e1\t98.12",
            "ข\u{FFFD}",
            "OIT\tข\u{FFFD}",
            "ปรับปรุง\u{FFFD}",
            "วิเคราะห์บรรยายเชิงพรรณนา",
        ]);
        // (Not the tool of the rows above: a cut row may open the next tool's block.)
        let got: Vec<(u8, Option<Tool>)> = got.iter().map(|u| (u.topic, u.tool)).collect();
        assert_eq!(got, [(3, None), (3, Some(Tool::Oit))]);
        // A row whose id lost its number is read (its tool heads the rows below) and unread.
        let got = unread(&["EIT\tข้อ\t98.10", "ข้อ e2\t98.12", "วิเคราะห์บรรยายเชิงพรรณนา"]);
        assert_eq!(got.len(), 1);
        assert_eq!((got[0].tool, got[0].id.as_str()), (Some(Tool::Eit), ""));
        // A zero for the o: the row may be o1 or o10–o19, not e1.
        let got = unread(&[
            "EIT\tข้อ e1\t98.12",
            "ข้อ 01\u{FFFD}",
            "วิเคราะห์บรรยายเชิงพรรณนา",
        ]);
        assert_eq!((got[0].tool, got[0].id.as_str()), (Some(Tool::Oit), "o1"));
        assert!(got[0].may_be(Tool::Oit, "o1") && got[0].may_be(Tool::Oit, "o12"));
        assert!(!got[0].may_be(Tool::Eit, "e1"));
        // A table whose rows were cut away whole past their clip, leaving the first row's
        // number and title and the tool cells: each tool cell is a row of its tool, and the
        // table, none of whose rows was read, may hold any question.
        let got = unread(&[
            "ลำดับ\tหัวข้อ\tเครื่องมือการปร\u{FFFD}",
            "1.\tกระบวนการปฏิบัติงานที่โปร่งใส",
            "EIT",
            "OIT",
            "วิเคราะห์บรรยายเชิงพรรณนา",
        ]);
        let tools: Vec<Option<Tool>> = got.iter().map(|u| u.tool).collect();
        assert_eq!(tools, [Some(Tool::Eit), Some(Tool::Oit)]);
        let got = unread(&["ลำดับ\tหัวข้อ", "1.\tกระบวนการ", "วิเคราะห์บรรยายเชิงพรรณนา"]);
        assert_eq!((got.len(), got[0].tool, got[0].id.as_str()), (1, None, ""));
        // An id read whole but its letter: only that number.
        let whole = UnreadRow::new(3, None, "18", true, got[0].at);
        assert!(whole.may_be(Tool::Iit, "i18") && whole.may_be(Tool::Oit, "o18"));
        assert!(!whole.may_be(Tool::Iit, "i1") && !whole.may_be(Tool::Oit, "o180"));
        // A cut cell alone under the header is the header's (`ข้อบกพร่อง` cut to `ข้�`); an
        // id's start narrows which questions the row may be.
        let got = unread(&[
            "ข้\u{FFFD}",
            "EIT\tข้อ e1\t98.12",
            "ข้อ e1\u{FFFD}",
            "วิเคราะห์บรรยายเชิงพรรณนา",
        ]);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].id, "e1");
        for (id, may) in [("e1", true), ("e12", true), ("e4", false), ("o1", false)] {
            let tool = Tool::from_id_letter(id.chars().next().unwrap()).unwrap();
            assert_eq!(got[0].may_be(tool, id), may, "{id}");
        }
    }

    #[test]
    fn an_id_with_no_letter_and_no_tool_above_is_read_only_where_one_tool_can_have_it() {
        // A font with no Latin glyphs loses the tool cells and the ids' letters.
        let (got, _, d) = read(&["ข้อ 010\t100.00", "ข้อ 42\t0", "ข้อ 18\t0", "ข้อ 5\t96.10"]);
        assert_eq!(
            got,
            [
                (Some("o10".to_owned()), Some(100.0)),
                (Some("o42".to_owned()), Some(0.0)),
                (None, Some(0.0)),
                (None, Some(96.1)),
            ]
        );
        let codes: Vec<&str> = d
            .iter()
            .map(|d| d.code.as_ref())
            .filter(|c: &&str| c.starts_with("question-"))
            .collect();
        assert_eq!(
            codes,
            [
                "question-id-repaired",
                "question-id-letter-inferred",
                "question-tool-missing",
                "question-tool-missing"
            ]
        );
        assert_eq!(only_tool_for("42", None), None);
        assert_eq!(only_tool_for("31", Some(2566)), Some(Tool::Oit));
        assert_eq!(only_tool_for("30", Some(2566)), None);
    }
}
