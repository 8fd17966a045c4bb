//! A file's rows as records to write: each row's values by field, checked and typed as its
//! column wants them (the row's first problem named), and the keys duplicates are found by —
//! a contact's email (trimmed, case-folded), a company's normalised name or website domain, a
//! deal's company and name.

use std::collections::{BTreeMap, HashMap};

use eventos_model::schema::{self, ColumnType};
use eventos_store::{Row, Store};
use serde_json::Value;

use super::csv::CsvFile;
use super::fields::{self, ImportKind, company_key, domain_key, squash};
use super::{Duplicate, FieldChange};
use crate::Result;
pub(super) use crate::crm::blank;

/// Fields a file fills that are not columns: they are resolved while importing.
pub(super) const VIRTUAL: [&str; 4] = ["company", "stage", "first_name", "last_name"];

#[derive(Debug, Clone)]
pub(super) struct Prepared {
    pub line: usize,
    /// Field → the text as typed (trimmed), only fields with a value.
    pub values: BTreeMap<String, String>,
    /// The row to write (its columns typed), when it has no problem.
    pub row: Row,
    pub problem: Option<String>,
}

impl Prepared {
    pub fn shown(&self) -> BTreeMap<String, String> {
        self.values.clone()
    }

    pub fn get(&self, field: &str) -> &str {
        self.values.get(field).map_or("", String::as_str)
    }
}

/// Every data row of the file, prepared.
pub(super) fn prepare(kind: ImportKind, file: &CsvFile, mapping: &[Option<String>]) -> Vec<Prepared> {
    let targets = fields::targets(kind);
    file.rows
        .iter()
        .map(|csv_row| {
            let mut values = BTreeMap::new();
            for (field, text) in mapping.iter().zip(&csv_row.fields) {
                if let Some(field) = field
                    && !text.trim().is_empty()
                {
                    values.insert(field.clone(), text.trim().to_owned());
                }
            }
            let mut problem = None;
            let extra = csv_row.fields.iter().skip(file.headers.len()).any(|f| !f.trim().is_empty());
            if extra {
                let (n, m) = (csv_row.fields.len(), file.headers.len());
                problem =
                    Some(format!("it has {n} fields but the header has {m} (a delimiter inside an unquoted value?)"));
            }
            if kind == ImportKind::Contacts && !values.contains_key("full_name") {
                let name: Vec<&str> =
                    ["first_name", "last_name"].iter().filter_map(|f| values.get(*f).map(String::as_str)).collect();
                if !name.is_empty() {
                    values.insert("full_name".into(), name.join(" "));
                }
            }
            if problem.is_none()
                && let Some(missing) = targets.iter().find(|t| t.required && !values.contains_key(&t.field))
            {
                problem = Some(format!("{} is missing", missing.label));
            }
            let row = match typed(kind, &values) {
                Ok(row) => row,
                Err(why) => {
                    problem.get_or_insert(why);
                    Row::new()
                }
            };
            Prepared { line: csv_row.line, values, row, problem }
        })
        .collect()
}

/// The row's columns as the schema types them.
fn typed(kind: ImportKind, values: &BTreeMap<String, String>) -> std::result::Result<Row, String> {
    let table = schema::table(kind.table()).ok_or("no such table")?;
    let mut row = Row::new();
    for (field, text) in values.iter().filter(|(f, _)| !VIRTUAL.contains(&f.as_str())) {
        let Some(column) = table.column(field) else { continue };
        let label = eventos_model::presentation::field_label(column);
        let bad = |what: &str| format!("{label}: '{text}' is not {what}");
        let value = match column.ty {
            ColumnType::Integer => {
                Value::from(text.replace([' ', ','], "").parse::<i64>().map_err(|_| bad("a whole number"))?)
            }
            ColumnType::Boolean => match text.to_lowercase().as_str() {
                "yes" | "y" | "true" | "1" | "x" | "oui" => Value::from(true),
                "no" | "n" | "false" | "0" | "non" => Value::from(false),
                _ => return Err(bad("yes or no")),
            },
            ColumnType::Decimal { .. } => {
                Value::from(text.replace(['$', '€', '£', ' ', '\u{a0}'], "").replace(',', ""))
            }
            ColumnType::Array => {
                let separator = if text.contains(';') { ';' } else { ',' };
                Value::from(text.split(separator).map(str::trim).filter(|t| !t.is_empty()).collect::<Vec<_>>())
            }
            ColumnType::Json => serde_json::from_str(text).map_err(|_| bad("JSON"))?,
            ColumnType::Timestamp => {
                let whole = if text.len() == 10 { format!("{text}T00:00:00Z") } else { text.clone() };
                Value::from(eventos_model::timestamp::normalize(&whole).ok_or_else(|| bad("a date and time"))?)
            }
            ColumnType::Date => {
                eventos_model::timestamp::parse_date(text).ok_or_else(|| bad("a date (YYYY-MM-DD)"))?;
                Value::from(text.clone())
            }
            _ => Value::from(text.clone()),
        };
        row.insert(field.clone(), value);
    }
    Ok(row)
}

/// The keys a row is a duplicate by: (what matched, key).
pub(super) fn keys(kind: ImportKind, values: &BTreeMap<String, String>) -> Vec<(&'static str, String)> {
    let get = |f: &str| values.get(f).map_or("", String::as_str);
    let mut out = Vec::new();
    match kind {
        ImportKind::Companies => {
            let name = company_key(get("company_name"));
            if !name.is_empty() {
                out.push(("name", name));
            }
            if let Some(domain) = domain_key(get("website")) {
                out.push(("website", domain));
            }
        }
        ImportKind::Contacts => {
            let email = get("email").trim().to_lowercase();
            if !email.is_empty() {
                out.push(("email", email));
            }
        }
        ImportKind::Opportunities => {
            let (company, name) = (company_key(get("company")), squash(get("name")));
            if !company.is_empty() && !name.is_empty() {
                out.push(("name", format!("{company}|{name}")));
            }
        }
    }
    out
}

/// What the replica already has, by the keys rows are matched on.
pub(super) struct Known {
    /// key → (id, name) of records of the imported kind.
    pub records: HashMap<String, (String, String)>,
    /// A company's normalised name → its id (for contacts' and deals' companies).
    pub companies: HashMap<String, String>,
    /// A stage's squashed name → (id, probability), and the first open stage.
    pub stages: HashMap<String, (String, i64)>,
    pub first_stage: Option<(String, i64)>,
}

impl Known {
    pub fn load(store: &Store, kind: ImportKind) -> Result<Known> {
        let db = store.connection();
        let mut records = HashMap::new();
        let mut companies = HashMap::new();
        let mut stmt = db.prepare("SELECT id, company_name, website FROM crm_organizers")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let (id, name, website): (String, String, Option<String>) = (r.get(0)?, r.get(1)?, r.get(2)?);
            companies.entry(company_key(&name)).or_insert_with(|| id.clone());
            if kind == ImportKind::Companies {
                records.entry(company_key(&name)).or_insert_with(|| (id.clone(), name.clone()));
                if let Some(domain) = website.as_deref().and_then(domain_key) {
                    records.entry(domain).or_insert((id, name));
                }
            }
        }
        let sql = match kind {
            ImportKind::Companies => None,
            ImportKind::Contacts => Some("SELECT id, full_name, lower(trim(email)) FROM crm_contacts"),
            ImportKind::Opportunities => Some(
                "SELECT p.id, p.name, o.company_name || '\u{1f}' || p.name FROM crm_opportunities p \
                 JOIN crm_organizers o ON o.id = p.organizer_id",
            ),
        };
        if let Some(sql) = sql {
            let mut stmt = db.prepare(sql)?;
            let mut rows = stmt.query([])?;
            while let Some(r) = rows.next()? {
                let (id, name, key): (String, String, Option<String>) = (r.get(0)?, r.get(1)?, r.get(2)?);
                let Some(key) = key else { continue };
                let key = match key.split_once('\u{1f}') {
                    Some((company, deal)) => format!("{}|{}", company_key(company), squash(deal)),
                    None => key,
                };
                records.entry(key).or_insert((id, name));
            }
        }
        let mut stages = HashMap::new();
        let mut first_stage = None;
        let sql = "SELECT id, name, COALESCE(default_probability, 0), COALESCE(is_closed, 0) FROM crm_pipeline_stages \
                   ORDER BY order_index";
        let mut stmt = db.prepare(sql)?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let (id, name, probability, closed): (String, String, i64, bool) =
                (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?);
            if !closed && first_stage.is_none() {
                first_stage = Some((id.clone(), probability));
            }
            stages.entry(squash(&name)).or_insert((id, probability));
        }
        Ok(Known { records, companies, stages, first_stage })
    }
}

/// Every row that duplicates a record here or an earlier row, with what a merge would change.
pub(super) fn duplicates(
    store: &Store,
    known: &Known,
    kind: ImportKind,
    prepared: &[Prepared],
) -> Result<Vec<Duplicate>> {
    let mut seen: HashMap<String, (usize, String)> = HashMap::new();
    let mut out = Vec::new();
    for row in prepared.iter().filter(|p| p.problem.is_none()) {
        let name = row.get(name_field(kind)).to_owned();
        let mut found = None;
        for (by, key) in keys(kind, &row.values) {
            if found.is_none() {
                if let Some((id, existing)) = known.records.get(&key) {
                    let stored = store.get(kind.table(), id)?.unwrap_or_default();
                    found = Some(Duplicate {
                        line: row.line,
                        existing_id: Some(id.clone()),
                        earlier_line: None,
                        name: existing.clone(),
                        by: by.into(),
                        changes: changes(&stored, &row.row),
                    });
                } else if let Some((line, earlier)) = seen.get(&key) {
                    found = Some(Duplicate {
                        line: row.line,
                        existing_id: None,
                        earlier_line: Some(*line),
                        name: earlier.clone(),
                        by: by.into(),
                        changes: Vec::new(),
                    });
                }
            }
            seen.entry(key).or_insert((row.line, name.clone()));
        }
        out.extend(found);
    }
    Ok(out)
}

/// The field that names a record of the kind.
pub(super) fn name_field(kind: ImportKind) -> &'static str {
    match kind {
        ImportKind::Companies => "company_name",
        ImportKind::Contacts => "full_name",
        ImportKind::Opportunities => "name",
    }
}

/// What merging `incoming` into `stored` changes: its empty fields the row fills; where both
/// have a value the stored one stays (listed, so the preview says so).
pub(super) fn changes(stored: &Row, incoming: &Row) -> Vec<FieldChange> {
    let shown = |v: Option<&Value>| match v {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    };
    incoming
        .iter()
        .filter(|(field, value)| stored.get(*field) != Some(*value))
        .map(|(field, value)| {
            let existing = shown(stored.get(field));
            let incoming = shown(Some(value));
            let result = if blank(stored.get(field)) { incoming.clone() } else { existing.clone() };
            FieldChange { field: field.clone(), existing, incoming, result }
        })
        .collect()
}
