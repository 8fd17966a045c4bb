//! Reading a PDF back with poppler's tools, independent of the code that made it: for the tests
//! and benchmarks of every crate that prints (`pdftotext`, `pdffonts`, `pdfinfo`, `pdftoppm`
//! from poppler-utils; `scripts/install-deps.sh test` installs them).

use std::path::{Path, PathBuf};
use std::process::Command;

fn run(tool: &str, args: &[&str]) -> Result<String, String> {
    let out = Command::new(tool).args(args).output().map_err(|e| format!("{tool}: {e} (install poppler-utils)"))?;
    if !out.status.success() {
        return Err(format!("{tool} {args:?}: {}", String::from_utf8_lossy(&out.stderr)));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

fn text_of(path: &Path) -> &str {
    path.to_str().unwrap_or_default()
}

/// The PDF's text, page by page (`pdftotext -layout`; pages split at form feeds).
pub fn pages_text(pdf: &Path) -> Result<Vec<String>, String> {
    let text = run("pdftotext", &["-layout", "-enc", "UTF-8", text_of(pdf), "-"])?;
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_owned).collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    Ok(pages)
}

/// The PDF's text in the order it was drawn (`pdftotext -raw`): a label sheet's badges one
/// after the other, rather than side by side as on the page.
pub fn drawn_text(pdf: &Path) -> Result<String, String> {
    run("pdftotext", &["-raw", "-enc", "UTF-8", text_of(pdf), "-"])
}

/// [`drawn_text`] page by page, each with its runs of white space made one space (so a line
/// wrapped on paper reads as it was written).
pub fn drawn_pages(pdf: &Path) -> Result<Vec<String>, String> {
    let text = drawn_text(pdf)?;
    let mut pages: Vec<String> =
        text.split('\u{c}').map(|p| p.split_whitespace().collect::<Vec<_>>().join(" ")).collect();
    if pages.last().is_some_and(String::is_empty) {
        pages.pop();
    }
    Ok(pages)
}

/// One font as `pdffonts` lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FontUse {
    /// With its subset tag ("ABCDEF+DejaVuSans").
    pub name: String,
    pub embedded: bool,
    pub subset: bool,
}

/// The fonts the PDF uses (`pdffonts`).
pub fn fonts(pdf: &Path) -> Result<Vec<FontUse>, String> {
    let listing = run("pdffonts", &[text_of(pdf)])?;
    // name type encoding emb sub uni object ID: the yes/no columns counted from the right.
    Ok(listing
        .lines()
        .skip(2)
        .filter_map(|line| {
            let words: Vec<&str> = line.split_whitespace().collect();
            let n = words.len();
            (n >= 7).then(|| FontUse {
                name: words[0].to_owned(),
                embedded: words[n - 5] == "yes",
                subset: words[n - 4] == "yes",
            })
        })
        .collect())
}

/// Page sizes in points (`pdfinfo -f 1 -l N`), in page order.
pub fn page_sizes(pdf: &Path) -> Result<Vec<(f32, f32)>, String> {
    let info = run("pdfinfo", &["-f", "1", "-l", "100000", text_of(pdf)])?;
    Ok(info
        .lines()
        .filter(|l| l.starts_with("Page") && l.contains("size:"))
        .filter_map(|l| {
            let size = l.split("size:").nth(1)?;
            let mut words = size.split_whitespace();
            let w = words.next()?.parse().ok()?;
            words.next(); // "x"
            let h = words.next()?.parse().ok()?;
            Some((w, h))
        })
        .collect())
}

/// Each page rendered in gray at `dpi` into `dir` (`pdftoppm -gray -png`), in page order.
pub fn render(pdf: &Path, dpi: u32, dir: &Path) -> Result<Vec<PathBuf>, String> {
    let prefix = dir.join("page");
    run("pdftoppm", &["-r", &dpi.to_string(), "-gray", "-png", text_of(pdf), text_of(&prefix)])?;
    let mut pages: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| e.to_string())?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with("page") && n.ends_with(".png"))
        })
        .collect();
    // page-01.png … page-10.png: zero-padded, so the names sort in page order.
    pages.sort();
    Ok(pages)
}
