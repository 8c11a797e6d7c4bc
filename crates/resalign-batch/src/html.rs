//! The HTML view of a batch (`html/` with `--html`): `resalign-export`'s report page for every
//! aligned pair, rendered on the worker that aligned it and written as the pair is done, and the
//! index page over all pairs, written at the end from `documents.jsonl` and `findings.jsonl`
//! so that it also lists the pairs an interrupted run did before it was resumed, with the
//! unpaired files.

use std::collections::{BTreeMap, HashMap};
use std::fs::File;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};

use resalign_align::FindingCode;
use resalign_export::html::{
    FindingCounts, IndexPage, IndexRow, PairReport, PairStatus, UnpairedRow,
};
use resalign_export::report::SeverityCounts;
use serde::Deserialize;

use crate::error::{Error, ErrorKind};
use crate::files;
use crate::pairs::Unpaired;
use crate::process::AlignedPair;

/// The folder of the HTML view in the output directory.
pub(crate) const HTML_DIR: &str = "html";
/// The index page, in the output directory.
pub(crate) const HTML_INDEX: &str = "html/index.html";

/// Whether the output has the HTML view.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Html {
    #[default]
    Skip,
    Write,
}

/// Folders a page path may have below `pairs/`; deeper ids have the rest of their path in the
/// page name.
const MAX_FOLDERS: usize = 15;
/// Bytes of one folder or page name taken from the id, well under the 255 a file system allows
/// once the hash and `.html` are added.
const MAX_SEGMENT_BYTES: usize = 100;

/// The report page of a pair, relative to [`HTML_DIR`]: `pairs/GA/75session/75_100.html`.
/// Pair ids come from file names or manifests, so the path is made safe by construction: a
/// segment that could climb out of the folder or that a file system refuses is replaced, long
/// segments are cut, a folder never ends in `.html` (so no folder takes a page's name), and
/// deep ids are flattened. When anything was changed, the id's hash keeps such pages apart.
pub(crate) fn page_path(id: &str) -> String {
    let segments: Vec<&str> = id.split('/').collect();
    let (folders, page) = match segments.split_at_checked(MAX_FOLDERS) {
        Some((folders, rest)) if rest.len() > 1 => (folders, rest.join("_")),
        _ => match segments.split_last() {
            Some((last, folders)) => (folders, (*last).to_string()),
            None => (&[][..], String::new()),
        },
    };
    let mut safe: Vec<String> = folders
        .iter()
        .map(|folder| safe_segment(folder, Segment::Folder))
        .collect();
    safe.push(safe_segment(&page, Segment::Page));
    let safe = safe.join("/");
    if safe == id {
        format!("pairs/{safe}.html")
    } else {
        format!("pairs/{safe}-{:016x}.html", crate::pairs::id_hash(id))
    }
}

/// Where a segment of a page path goes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Segment {
    Folder,
    Page,
}

fn safe_segment(segment: &str, place: Segment) -> String {
    let mut safe: String = match segment {
        "" | "." | ".." => "_".to_string(),
        segment => segment
            .chars()
            .map(|character| {
                if character.is_control() || matches!(character, '\\' | ':') {
                    '_'
                } else {
                    character
                }
            })
            .collect(),
    };
    if safe.len() > MAX_SEGMENT_BYTES {
        let mut end = MAX_SEGMENT_BYTES;
        while !safe.is_char_boundary(end) {
            end -= 1;
        }
        safe.truncate(end);
    }
    let looks_like_a_page = safe
        .get(safe.len().saturating_sub(5)..)
        .is_some_and(|end| end.eq_ignore_ascii_case(".html"));
    if place == Segment::Folder && looks_like_a_page {
        safe.push('_');
    }
    safe
}

/// The report page of an aligned pair.
pub(crate) fn render_page(pair: &AlignedPair) -> Result<Vec<u8>, String> {
    let mut page = Vec::new();
    PairReport::new(&pair.en, &pair.es, &pair.alignment)
        .findings(&pair.findings)
        .write(&mut page)
        .map_err(|error| error.to_string())?;
    Ok(page)
}

/// Writes a page whole: to a temporary name first, so that no page is ever half written. Every
/// folder on the way must be a real folder, and a link in the page's place is replaced, not
/// followed.
pub(crate) fn write_page(html_dir: &Path, id: &str, page: &[u8]) -> Result<(), Error> {
    let relative = PathBuf::from(page_path(id));
    let path = html_dir.join(&relative);
    files::real_folder(html_dir)?;
    if let Some(folders) = relative.parent() {
        files::real_folders(html_dir, folders)?;
    }
    let temporary = PathBuf::from(format!("{}.partial", path.display()));
    files::create(&temporary)?
        .write_all(page)
        .map_err(|error| Error::io(error, &temporary))?;
    std::fs::rename(&temporary, &path).map_err(|error| Error::io(error, &path))
}

/// What the index needs of a line of `documents.jsonl`.
#[derive(Deserialize)]
struct DocumentLine {
    pair: String,
    en: SideLine,
    es: SideLine,
    #[serde(default)]
    finding_severities: Option<SeverityCounts>,
    #[serde(default)]
    error: Option<ErrorLine>,
}

#[derive(Deserialize)]
struct SideLine {
    #[serde(default)]
    symbol: Option<String>,
    #[serde(default)]
    title: Option<String>,
}

/// What the index needs of a line of `findings.jsonl`.
#[derive(Deserialize)]
struct FindingLine {
    pair: String,
    code: FindingCode,
}

#[derive(Deserialize)]
struct ErrorLine {
    reason: String,
}

/// The files a run's index page is made from.
pub(crate) struct IndexSources<'a> {
    pub documents: &'a Path,
    pub findings: &'a Path,
    pub unpaired: &'a [Unpaired],
}

/// Writes the index page over the pairs of `documents`, their findings by code and the unpaired
/// files to `index`.
pub(crate) fn write_index(sources: &IndexSources<'_>, index: &Path) -> Result<(), Error> {
    if let Some(folder) = index.parent() {
        files::real_folder(folder)?;
    }
    files::refuse_link(sources.documents)?;
    files::refuse_link(sources.findings)?;
    let mut codes = codes_by_pair(sources.findings)?;
    let mut rows = Vec::new();
    for line in read_lines(sources.documents)? {
        let document: DocumentLine = serde_json::from_str(&line?)?;
        let pair_codes = codes.remove(&document.pair).unwrap_or_default();
        rows.push(index_row(document, pair_codes));
    }
    let unpaired: Vec<UnpairedRow> = sources
        .unpaired
        .iter()
        .map(|file| UnpairedRow {
            path: crate::pairs::path_text(&file.path).into_owned(),
            reason: file.reason.to_string(),
        })
        .collect();
    let mut out = files::create(index)?;
    IndexPage::new(&rows)
        .unpaired(&unpaired)
        .write(&mut out)
        .map_err(|error| Error::new(ErrorKind::Serialize(error.to_string())).with_path(index))?;
    out.sync_all().map_err(|error| Error::io(error, index))
}

/// The lines of a file, each read error naming the file.
fn read_lines(path: &Path) -> Result<impl Iterator<Item = Result<String, Error>>, Error> {
    let reader = BufReader::new(File::open(path).map_err(|error| Error::io(error, path))?);
    let path = path.to_path_buf();
    Ok(reader
        .lines()
        .map(move |line| line.map_err(|error| Error::io(error, &path))))
}

/// Every pair's findings by code.
fn codes_by_pair(findings: &Path) -> Result<HashMap<String, BTreeMap<FindingCode, usize>>, Error> {
    let mut codes: HashMap<String, BTreeMap<FindingCode, usize>> = HashMap::new();
    for line in read_lines(findings)? {
        let finding: FindingLine = serde_json::from_str(&line?)?;
        *codes
            .entry(finding.pair)
            .or_default()
            .entry(finding.code)
            .or_default() += 1;
    }
    Ok(codes)
}

fn index_row(document: DocumentLine, codes: BTreeMap<FindingCode, usize>) -> IndexRow {
    let (status, report) = match (document.error, document.finding_severities) {
        (Some(error), _) => (
            PairStatus::Failed {
                reason: error.reason,
            },
            None,
        ),
        (None, counts) => {
            let counts = counts.unwrap_or_default();
            let checked = FindingCounts {
                errors: counts.error,
                warnings: counts.warning,
                info: counts.info,
            };
            (
                PairStatus::Checked(checked),
                Some(page_path(&document.pair)),
            )
        }
    };
    IndexRow {
        title: document.en.title.or(document.es.title),
        en_symbol: document.en.symbol,
        es_symbol: document.es.symbol,
        pair_id: document.pair,
        status,
        codes,
        report,
    }
}
