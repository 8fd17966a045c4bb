//! `eventos-cli import companies|contacts|opportunities FILE.csv`: the desktop app's CSV import
//! (the same reading, mapping suggestions, duplicate checks and one transaction), with the
//! mapping overridden column by column and what to do with duplicates chosen once.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use eventos_app::crm::import::{ImportKind, ImportRequest, OnDuplicate};

use crate::CliError;

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum Importable {
    Companies,
    Contacts,
    Opportunities,
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum DuplicateChoice {
    Merge,
    Skip,
    Create,
}

#[derive(clap::Args)]
pub struct ImportArgs {
    what: Importable,
    file: PathBuf,
    /// A column (by its header) and the field it fills, e.g. `--map "E-mail=email"`; `COLUMN=`
    /// leaves the column out. Unmapped columns take the suggested field.
    #[arg(long = "map", value_name = "COLUMN=FIELD")]
    map: Vec<String>,
    /// A row that is the same as a record here, or as an earlier row: fill the record's empty
    /// fields (merge), leave it (skip), or make a new record anyway (create).
    #[arg(long, value_enum, default_value = "skip")]
    on_duplicate: DuplicateChoice,
    /// Check and count everything, write nothing.
    #[arg(long)]
    dry_run: bool,
    #[arg(long)]
    json: bool,
}

pub fn run(db: &Path, args: ImportArgs, out: &mut String) -> Result<(), CliError> {
    let kind = match args.what {
        Importable::Companies => ImportKind::Companies,
        Importable::Contacts => ImportKind::Contacts,
        Importable::Opportunities => ImportKind::Opportunities,
    };
    let mut app = crate::facade(db)?;
    let path = args.file.display().to_string();
    let on_duplicate = match args.on_duplicate {
        DuplicateChoice::Merge => OnDuplicate::Merge,
        DuplicateChoice::Skip => OnDuplicate::Skip,
        DuplicateChoice::Create => OnDuplicate::Create,
    };
    let mut request = ImportRequest {
        kind,
        path,
        content_base64: None,
        mapping: Vec::new(),
        on_duplicate,
        decisions: Default::default(),
        dry_run: args.dry_run,
    };
    let preview = app.import_preview(&request)?;
    let mut mapping = preview.mapping.clone();
    for pair in &args.map {
        let (column, field) = pair
            .split_once('=')
            .ok_or_else(|| CliError::Usage(format!("--map {pair}: write COLUMN=FIELD (COLUMN= to leave it out)")))?;
        let at =
            preview.headers.iter().position(|h| h.trim().eq_ignore_ascii_case(column.trim())).ok_or_else(|| {
                CliError::Usage(format!(
                    "--map {pair}: the file has no column '{column}' ({})",
                    preview.headers.join(", ")
                ))
            })?;
        mapping[at] = Some(field.trim().to_owned()).filter(|f| !f.is_empty());
    }
    request.mapping = mapping;
    let summary = app.import_csv(&request)?;
    if args.json {
        let _ = writeln!(out, "{}", serde_json::to_string(&summary).unwrap_or_default());
        return Ok(());
    }
    let verb = if summary.dry_run { "Would import" } else { "Imported" };
    let _ = writeln!(
        out,
        "{verb}: {} created, {} merged, {} skipped, {} rejected{}.",
        summary.created,
        summary.merged,
        summary.skipped,
        summary.rejected.len(),
        if summary.companies_created > 0 {
            format!(" ({} new companies)", summary.companies_created)
        } else {
            String::new()
        }
    );
    for rejected in &summary.rejected {
        let _ = writeln!(out, "  line {}: {}", rejected.line, rejected.reason);
    }
    if let Some(id) = &summary.import_id {
        let _ = writeln!(out, "Import {id} (the desktop app can undo it).");
    }
    Ok(())
}
