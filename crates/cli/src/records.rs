//! `eventos-cli records …`: any table through the app's record layer (the same rules, the same
//! one write path as the desktop app), and `eventos-cli check-in`: the door's verdict.

use std::fmt::Write as _;
use std::path::Path;

use eventos_app::door::{DoorMode, DoorScan, DoorSetup, ScanMethod};
use eventos_model::{presentation, schema};
use eventos_store::{Filter, FilterOp, RecordQuery, Row, Sort};
use serde_json::Value;

use crate::CliError;

#[derive(clap::Subcommand)]
pub enum RecordsCommand {
    /// Rows of a table, a page at a time.
    List {
        table: String,
        /// A filter: FIELD=VALUE, FIELD!=VALUE, FIELD~TEXT (contains), FIELD>=VALUE,
        /// FIELD<=VALUE, FIELD= (empty). Repeat for several (all must hold).
        #[arg(long = "where", value_name = "FILTER")]
        filters: Vec<String>,
        /// Words to find (full-text where the table is indexed).
        #[arg(long)]
        search: Option<String>,
        /// FIELD or FIELD:desc.
        #[arg(long)]
        sort: Option<String>,
        #[arg(long, default_value_t = 50)]
        limit: u32,
        /// Start after this cursor (the `next` a JSON page gave).
        #[arg(long)]
        after: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// One row with what hangs on it, as JSON.
    Get { table: String, id: String },
    /// Add a row; prints it as stored (ids, codes and defaults filled), as JSON.
    Create {
        table: String,
        #[arg(long, value_name = "OBJECT")]
        json: String,
    },
    /// Change the given fields of a row; prints it as stored, as JSON.
    Update {
        table: String,
        id: String,
        #[arg(long, value_name = "OBJECT")]
        json: String,
    },
    /// Delete a row: without --yes, says what would go with it and deletes nothing.
    Delete {
        table: String,
        id: String,
        #[arg(long)]
        yes: bool,
    },
}

#[derive(clap::Args)]
pub struct CheckInArgs {
    /// The event's id or slug.
    event: String,
    /// What the scanner read (a signed code, a stored QR code or a ticket number).
    payload: String,
    #[arg(long, default_value = "CLI")]
    gate: String,
    /// Let the person out instead of in.
    #[arg(long)]
    exit: bool,
    #[arg(long)]
    json: bool,
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum Exportable {
    Attendees,
    Orders,
    Companies,
    Contacts,
    Opportunities,
}

#[derive(clap::Args)]
pub struct ExportArgs {
    what: Exportable,
    /// The event's id or slug (attendees and orders are an event's).
    event: Option<String>,
    /// The CSV file to write (written beside it first, then renamed: never half a file).
    #[arg(long, value_name = "FILE")]
    out: std::path::PathBuf,
}

/// An event's attendees or orders, or the CRM's companies, contacts or deals, as CSV: every
/// column, in the list's default order.
pub fn export(db: &Path, args: ExportArgs, out: &mut String) -> Result<(), CliError> {
    let (table, of_event) = match args.what {
        Exportable::Attendees => ("attendees", true),
        Exportable::Orders => ("orders", true),
        Exportable::Companies => ("crm_organizers", false),
        Exportable::Contacts => ("crm_contacts", false),
        Exportable::Opportunities => ("crm_opportunities", false),
    };
    let filters = match (&args.event, of_event) {
        (Some(event), true) => {
            let event_id = eventos_store::Store::open(db)?.event_stats(event)?.event_id;
            vec![Filter { field: "event_id".into(), op: FilterOp::Is, value: Some(Value::from(event_id)) }]
        }
        (None, true) => return Err(CliError::Usage(format!("say which event's {table} to export (its id or slug)"))),
        (_, false) => Vec::new(),
    };
    let app = crate::facade(db)?;
    let query = RecordQuery { filters, ..RecordQuery::default() };
    let show = std::io::IsTerminal::is_terminal(&std::io::stderr());
    let rows = app.reads().export_csv(table, &query, &[], &args.out, &mut |done, total| {
        if show {
            eprint!("\r  {done}/{total} {table}   ");
        }
    })?;
    if show {
        eprintln!();
    }
    let _ = writeln!(out, "{rows} {table} written to {}", args.out.display());
    Ok(())
}

pub fn run(db: &Path, command: RecordsCommand, out: &mut String) -> Result<(), CliError> {
    let mut app = crate::facade(db)?;
    match command {
        RecordsCommand::List { table, filters, search, sort, limit, after, json } => {
            let query = RecordQuery {
                filters: filters.iter().map(|f| parse_filter(f)).collect::<Result<_, _>>()?,
                search,
                sort: sort.map(|s| match s.split_once(':') {
                    Some((field, dir)) => Sort { field: field.into(), descending: dir.eq_ignore_ascii_case("desc") },
                    None => Sort { field: s, descending: false },
                }),
                after,
                limit: Some(limit),
            };
            let page = app.list_records(&table, &query)?;
            if json {
                let _ =
                    writeln!(out, "{}", serde_json::json!({"rows": page.rows, "total": page.total, "next": page.next}));
            } else {
                print_table(&table, &page.rows, out);
                let _ = writeln!(out, "{} of {} rows", page.rows.len(), page.total);
            }
        }
        RecordsCommand::Get { table, id } => {
            let detail = app.record(&table, &id)?;
            let _ = writeln!(out, "{}", to_json(&detail));
        }
        RecordsCommand::Create { table, json } => {
            let row = app.create_record(&table, object(&json)?)?;
            let _ = writeln!(out, "{}", Value::Object(row));
        }
        RecordsCommand::Update { table, id, json } => {
            let row = app.update_record(&table, &id, object(&json)?)?;
            let _ = writeln!(out, "{}", Value::Object(row));
        }
        RecordsCommand::Delete { table, id, yes } => {
            let plan = app.delete_plan(&table, &id)?;
            if let Some(why) = plan.refused {
                return Err(CliError::Usage(format!("this cannot be deleted: {why}")));
            }
            let goes: Vec<String> = plan.removes.iter().map(|c| format!("{} {}", c.count, c.table)).collect();
            let unlinked: Vec<String> = plan.unlinks.iter().map(|c| format!("{} {}", c.count, c.table)).collect();
            if !yes {
                let _ = writeln!(out, "Deleting removes: {}", goes.join(", "));
                if !unlinked.is_empty() {
                    let _ = writeln!(out, "and unlinks: {}", unlinked.join(", "));
                }
                return Err(CliError::Usage("nothing was deleted: run again with --yes to delete".into()));
            }
            app.delete_record(&table, &id)?;
            let _ = writeln!(out, "Deleted: {}", goes.join(", "));
        }
    }
    Ok(())
}

pub fn check_in(db: &Path, args: CheckInArgs, out: &mut String) -> Result<(), CliError> {
    let event_id = eventos_store::Store::open(db)?.event_stats(&args.event)?.event_id;
    let mut app = crate::facade(db)?;
    let mode = if args.exit { DoorMode::Exit } else { DoorMode::Entry };
    let door = DoorSetup { event_id, gate: args.gate, mode, session_id: None };
    let verdict = app.check_in(&DoorScan { door, method: ScanMethod::QrCode, payload: args.payload })?;
    let _ = writeln!(out, "{}", crate::door::verdict_line(&verdict, args.json));
    Ok(())
}

fn to_json<T: ?Sized + serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

fn object(text: &str) -> Result<Row, CliError> {
    match serde_json::from_str(text) {
        Ok(Value::Object(row)) => Ok(row),
        Ok(_) => Err(CliError::Usage("--json must be an object, like '{\"name\": \"Main hall\"}'".into())),
        Err(e) => Err(CliError::Usage(format!("--json is not valid JSON: {e}"))),
    }
}

/// `FIELD>=VALUE` and friends; the value is JSON when it parses as such (numbers, true),
/// else text.
fn parse_filter(text: &str) -> Result<Filter, CliError> {
    const OPS: [(&str, FilterOp); 5] = [
        ("!=", FilterOp::IsNot),
        (">=", FilterOp::AtLeast),
        ("<=", FilterOp::AtMost),
        ("~", FilterOp::Contains),
        ("=", FilterOp::Is),
    ];
    let (at, symbol, op) = OPS
        .iter()
        .filter_map(|(symbol, op)| text.find(symbol).map(|at| (at, *symbol, *op)))
        .min_by_key(|(at, symbol, _)| (*at, std::cmp::Reverse(symbol.len())))
        .ok_or_else(|| CliError::Usage(format!("--where {text}: expected FIELD=VALUE (or !=, ~, >=, <=)")))?;
    let field = text[..at].trim().to_owned();
    let raw = &text[at + symbol.len()..];
    if op == FilterOp::Is && raw.is_empty() {
        return Ok(Filter { field, op: FilterOp::Empty, value: None });
    }
    let value = match serde_json::from_str::<Value>(raw) {
        Ok(v @ (Value::Number(_) | Value::Bool(_))) if op != FilterOp::Contains => v,
        _ => Value::from(raw),
    };
    Ok(Filter { field, op, value: Some(value) })
}

/// The table's default list columns, aligned.
fn print_table(table: &str, rows: &[Row], out: &mut String) {
    let columns: Vec<&str> = match schema::table(table) {
        Some(t) => std::iter::once("id").chain(presentation::table(t).list).collect(),
        None => vec!["id"],
    };
    let cell = |row: &Row, c: &str| match row.get(c) {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.chars().take(40).collect(),
        Some(other) => other.to_string(),
    };
    let widths: Vec<usize> = columns
        .iter()
        .map(|c| rows.iter().map(|r| cell(r, c).chars().count()).chain([c.len()]).max().unwrap_or(0))
        .collect();
    let line = |cells: Vec<String>| {
        cells.iter().zip(&widths).map(|(c, w)| format!("{c:w$}")).collect::<Vec<_>>().join("  ").trim_end().to_owned()
    };
    let _ = writeln!(out, "{}", line(columns.iter().map(|c| (*c).to_owned()).collect()));
    for row in rows {
        let _ = writeln!(out, "{}", line(columns.iter().map(|c| cell(row, c)).collect()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_are_read_by_their_operator() {
        let f = parse_filter("capacity>=100").unwrap();
        assert_eq!((f.field.as_str(), f.op, f.value), ("capacity", FilterOp::AtLeast, Some(Value::from(100))));
        let f = parse_filter("status!=draft").unwrap();
        assert_eq!((f.op, f.value), (FilterOp::IsNot, Some(Value::from("draft"))));
        let f = parse_filter("name~Summit = 2026").unwrap();
        assert_eq!((f.field.as_str(), f.op, f.value), ("name", FilterOp::Contains, Some(Value::from("Summit = 2026"))));
        assert_eq!(parse_filter("description=").unwrap().op, FilterOp::Empty);
        assert!(parse_filter("nothing").is_err());
    }
}
