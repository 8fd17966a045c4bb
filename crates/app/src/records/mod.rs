//! The record layer as the screens and the CLI use it: one set of use cases for every table of
//! the registry — describe, list, open with its children, create, update what changed, delete
//! after saying what goes with it — through the store's one write path, checked against the
//! signed-in role ([`permissions`]). A new table needs nothing here.

mod own_rows;
pub mod permissions;

use eventos_model::presentation::{self, Area};
use eventos_model::schema::{self, Check, Column, ColumnType, Table};
use std::collections::BTreeMap;

use eventos_store::{Children, DeletePlan, RecordPage, RecordQuery, Row, Store};
use serde::Serialize;
use ts_rs::TS;

use crate::{App, AppError, ErrorCode, Result};
pub use permissions::{Action, Allowed, Role};

/// How a form edits a field and a table shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum FieldKind {
    Text,
    Integer,
    Boolean,
    Timestamp,
    Date,
    /// Exact decimal text (`scale` digits after the point).
    Decimal,
    /// Integer cents shown as money.
    Money,
    /// One of `choices`.
    Choice,
    /// Several of `choices` (a list column with a CHECK), or free chips.
    List,
    Json,
    /// The id of a row of `references`.
    Reference,
    Id,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FieldInfo {
    pub name: String,
    pub label: String,
    pub kind: FieldKind,
    /// An insert must give it (not a field the app fills when left empty).
    pub required: bool,
    /// Left empty on a new record, the app fills it (an id, a slug, an order or ticket number).
    pub filled: bool,
    /// Computed by the database: shown, never edited.
    pub generated: bool,
    pub choices: Vec<String>,
    pub references: Option<String>,
    pub scale: Option<u8>,
    /// The rule a value must follow beyond its kind, in words, when it has one (for hints).
    pub rule: Option<String>,
}

/// A table as the generic screens need it: the registry and its presentation, with what the
/// signed-in role may do and how many rows this computer has.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct TableInfo {
    pub name: String,
    pub label: String,
    pub singular: String,
    pub area: Area,
    pub naming: Vec<String>,
    pub list: Vec<String>,
    pub fields: Vec<FieldInfo>,
    /// Fields of child rows its list filters on (`tickets.checked_in_at` on attendees: those
    /// with a ticket checked in), labelled with the child ("Ticket: checked in at").
    pub related_filters: Vec<FieldInfo>,
    pub allowed: Allowed,
    pub count: i64,
}

/// One record with what hangs on it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct RecordDetail {
    pub table: String,
    /// What names it ("Sarah Johnson", "ORD-…").
    pub title: String,
    #[ts(type = "Record<string, unknown>")]
    pub row: Row,
    pub children: Vec<Children>,
    pub allowed: Allowed,
}

/// Rows of each child table a record page shows before "show all".
const CHILD_ROWS: u32 = 5;

/// Titles one call answers (a page of rows' references).
const MAX_TITLES: usize = 500;

/// The record layer's reads over one connection, as the signed-in role sees them: the App's
/// own, or the [`crate::Reads`] connection that keeps slow lists off the lock a check-in needs.
pub(crate) struct View<'s> {
    store: &'s Store,
    role: Role,
}

/// The signed-in person's role: a workspace never connected is its owner's; connected, the
/// best role among the accounts this computer keeps, or the door's when there is none.
fn role_of(store: &Store) -> Result<Role> {
    let Some(connection) = store.sync_connection()? else { return Ok(Role::Owner) };
    let roles: Vec<String> = store
        .connection()
        .prepare("SELECT role FROM account_users WHERE user_id = ?1 AND status = 'active'")?
        .query_map([&connection.user_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(roles.iter().filter_map(|r| Role::parse(r)).min().unwrap_or(Role::Door))
}

impl<'s> View<'s> {
    pub(crate) fn of(store: &'s Store) -> Result<View<'s>> {
        Ok(View { store, role: role_of(store)? })
    }

    /// Every table the role may read, described for the generic screens.
    pub(crate) fn record_tables(&self) -> Result<Vec<TableInfo>> {
        let counts = self.store.table_counts()?;
        Ok(schema::tables()
            .iter()
            .filter(|t| permissions::allows(self.role, t.name, Action::Read))
            .map(|t| {
                let count = counts.iter().find(|(name, _)| *name == t.name).map_or(0, |(_, n)| *n);
                describe(t, self.role, count)
            })
            .collect())
    }

    /// The table, if the view's role may do this to it; a typed refusal otherwise.
    pub(crate) fn permitted(&self, table: &str, action: Action) -> Result<&'static Table> {
        permitted_as(self.role, table, action)
    }

    pub(crate) fn store(&self) -> &'s Store {
        self.store
    }

    pub(crate) fn list_records(&self, table: &str, query: &RecordQuery) -> Result<RecordPage> {
        let table = permitted_as(self.role, table, Action::Read)?;
        Ok(self.store.list(table.name, query)?)
    }

    pub(crate) fn record(&self, table: &str, id: &str) -> Result<RecordDetail> {
        let table = permitted_as(self.role, table, Action::Read)?;
        let row = self.store.get(table.name, id)?.ok_or_else(|| not_found(table, id))?;
        let children = self
            .store
            .children(table.name, id, CHILD_ROWS)?
            .into_iter()
            .filter(|c| permissions::allows(self.role, &c.table, Action::Read))
            .collect();
        Ok(RecordDetail {
            table: table.name.into(),
            title: self.title_of(table, &row)?,
            row,
            children,
            allowed: Allowed::of(self.role, table.name),
        })
    }

    /// A row's title. One named by a reference (a model booking by its model, a team member
    /// by their profile) takes the title of the row it refers to, where this person may read it.
    fn title_of(&self, table: &Table, row: &Row) -> Result<String> {
        if let Some(column) = named_by(table, row)
            && let Some((parent, _)) = column.references
            && permissions::allows(self.role, parent, Action::Read)
            && let (Some(parent_table), Some(id)) = (schema::table(parent), row[column.name].as_str())
            && let Some(parent_row) = self.store.get(parent, id)?
        {
            return Ok(title(parent_table, &parent_row));
        }
        Ok(title(table, row))
    }

    /// What names each of these rows ("Sarah Johnson", "ORD-…"), for showing references; ids
    /// this computer does not have are left out.
    pub(crate) fn record_titles(&self, table: &str, ids: &[String]) -> Result<BTreeMap<String, String>> {
        let table = permitted_as(self.role, table, Action::Read)?;
        let mut titles = BTreeMap::new();
        for id in ids.iter().take(MAX_TITLES) {
            if let Some(row) = self.store.get(table.name, id)? {
                titles.insert(id.clone(), self.title_of(table, &row)?);
            }
        }
        Ok(titles)
    }

    /// The rows of `table` matching `query` (all pages, its order) as CSV into `path`, with
    /// `columns` (all when empty). Written beside it first and renamed into place, so a failure
    /// half-way leaves no half file. Returns how many rows.
    pub(crate) fn export_csv(
        &self,
        table: &str,
        query: &RecordQuery,
        columns: &[String],
        path: &std::path::Path,
        progress: &mut dyn FnMut(u64, i64),
    ) -> Result<u64> {
        let table = permitted_as(self.role, table, Action::Read)?;
        let io = |e: std::io::Error| {
            let code = if e.kind() == std::io::ErrorKind::StorageFull { ErrorCode::DiskFull } else { ErrorCode::Io };
            AppError::new(code, format!("cannot write {}: {e}", path.display()))
        };
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let partial = path.with_file_name(format!(".{name}.part"));
        let written = (|| {
            let mut file = std::io::BufWriter::new(std::fs::File::create(&partial).map_err(io)?);
            let rows = self.store.export_csv(table.name, query, columns, &mut file, progress)?;
            file.into_inner().map_err(|e| io(e.into_error()))?.sync_all().map_err(io)?;
            std::fs::rename(&partial, path).map_err(io)?;
            Ok(rows)
        })();
        if written.is_err() {
            let _ = std::fs::remove_file(&partial);
        }
        written
    }
}

impl App {
    /// The signed-in person's role (see [`View`]).
    pub fn role(&self) -> Result<Role> {
        role_of(self.store()?)
    }

    pub fn record_tables(&self) -> Result<Vec<TableInfo>> {
        View::of(self.store()?)?.record_tables()
    }

    pub fn list_records(&self, table: &str, query: &RecordQuery) -> Result<RecordPage> {
        View::of(self.store()?)?.list_records(table, query)
    }

    pub fn record(&self, table: &str, id: &str) -> Result<RecordDetail> {
        View::of(self.store()?)?.record(table, id)
    }

    pub fn record_titles(&self, table: &str, ids: &[String]) -> Result<BTreeMap<String, String>> {
        View::of(self.store()?)?.record_titles(table, ids)
    }

    /// Creates a row; the store fills ids, codes and the account, and checks every value.
    pub fn create_record(&mut self, table: &str, values: Row) -> Result<Row> {
        self.create_record_with(table, values, |_, _| Ok(()))
    }

    /// Creates a row as [`App::create_record`] does, and in the same transaction does `also`
    /// with the new row's id (a document's file is kept with its row).
    pub(crate) fn create_record_with(
        &mut self,
        table: &str,
        mut values: Row,
        also: impl FnOnce(&mut eventos_store::Writer<'_>, &str) -> eventos_store::Result<()>,
    ) -> Result<Row> {
        // The role once: the table's rights and the row's (a sales rep's own) both need it.
        let role = self.role()?;
        let table = permitted_as(role, table, Action::Create)?;
        if without_account(table, &values) {
            // No parent to take the account from (a venue, a company): the workspace's.
            let (account, _) = crate::organize::account_and_organizer(self.store()?)?;
            values.insert("account_id".into(), account.into());
        }
        // Who made a note, a template or a document is whoever makes it here.
        for maker in MAKERS {
            if table.has_column(maker) && values.get(maker).is_none_or(serde_json::Value::is_null) {
                let (_, me) = crate::organize::account_and_organizer(self.store()?)?;
                values.insert(maker.into(), me.into());
            }
        }
        fill_from_parent(self.store()?, table, &mut values)?;
        own_rows::check(self.store()?, role, table.name, Action::Create, None, Some(&mut values))?;
        let store = self.store_mut()?;
        let id = store.write(|w| {
            let id = w.insert(table.name, values)?;
            also(w, &id)?;
            keep_derived(w, table.name, &id, None)?;
            Ok(id)
        })?;
        let row = store.get(table.name, &id)?.ok_or_else(|| not_found(table, &id))?;
        self.edited();
        Ok(row)
    }

    /// Changes only the fields whose value differs from the stored one: an unchanged field
    /// sent with a new clock would undo someone else's edit of it (sync merges field by field).
    pub fn update_record(&mut self, table: &str, id: &str, mut patch: Row) -> Result<Row> {
        let role = self.role()?;
        let table = permitted_as(role, table, Action::Update)?;
        let store = self.store_mut()?;
        let current = store.get(table.name, id)?.ok_or_else(|| not_found(table, id))?;
        patch.retain(|field, value| current.get(field) != Some(value));
        if patch.is_empty() {
            return Ok(current);
        }
        let mut after = current.clone();
        after.extend(patch.clone());
        own_rows::check(store, role, table.name, Action::Update, Some(&current), Some(&mut after))?;
        // More places (or a published event) offer them to the waitlist.
        let frees_places = table.name == "events" && (patch.contains_key("capacity") || patch.contains_key("status"));
        let changed: Vec<String> = patch.keys().cloned().collect();
        store.write(|w| {
            w.update(table.name, id, patch)?;
            keep_derived(w, table.name, id, Some(&changed))
        })?;
        self.edited();
        if frees_places {
            self.move_waitlist(id)?;
        }
        self.store()?.get(table.name, id)?.ok_or_else(|| not_found(table, id))
    }

    /// What deleting the record would take with it (or why it would be refused), to show
    /// before asking.
    pub fn delete_plan(&mut self, table: &str, id: &str) -> Result<DeletePlan> {
        let table = self.own_row_deletable(table, id)?;
        Ok(self.store_mut()?.delete_plan(table.name, id)?)
    }

    pub fn delete_record(&mut self, table: &str, id: &str) -> Result<()> {
        let table = self.own_row_deletable(table, id)?;
        self.store_mut()?.write(|w| {
            forget_derived(w, table.name, id)?;
            w.delete(table.name, id)
        })?;
        self.edited();
        Ok(())
    }

    /// The table, if the role may delete this row of it: its table's rights, and for a sales
    /// rep, only a CRM row of theirs (see `own_rows`).
    pub(crate) fn own_row_deletable(&self, table: &str, id: &str) -> Result<&'static Table> {
        let role = self.role()?;
        let table = permitted_as(role, table, Action::Delete)?;
        let store = self.store()?;
        let current = store.get(table.name, id)?.ok_or_else(|| not_found(table, id))?;
        own_rows::check(store, role, table.name, Action::Delete, Some(&current), None)?;
        Ok(table)
    }

    /// The table, if the signed-in role may do this to it; a typed refusal otherwise.
    pub(crate) fn permitted(&self, table: &str, action: Action) -> Result<&'static Table> {
        permitted_as(self.role()?, table, action)
    }
}

/// The table, if `role` may do this to it; a typed refusal otherwise.
fn permitted_as(role: Role, table: &str, action: Action) -> Result<&'static Table> {
    let found = schema::table(table)
        .ok_or_else(|| AppError::new(ErrorCode::Invalid, format!("there is no table named '{table}'")))?;
    if permissions::allows(role, found.name, action) {
        Ok(found)
    } else {
        let verb = match action {
            Action::Read => "see",
            Action::Create => "add",
            Action::Update => "change",
            Action::Delete => "delete",
        };
        let label = presentation::table(found).label.to_lowercase();
        Err(AppError::new(ErrorCode::Forbidden, format!("your role ({role:?}) cannot {verb} {label}").to_lowercase()))
    }
}

/// A sales rep's update of a CRM row, checked as `update_record` checks it (for workflows that
/// write several rows in one transaction).
pub(crate) fn own_rows_check(app: &App, table: &str, before: &Row, after: &mut Row) -> Result<()> {
    own_rows::check(app.store()?, app.role()?, table, Action::Update, Some(before), Some(after))
}

/// Whether a new row of `table` gives neither its account nor a parent that has one.
fn without_account(table: &Table, values: &Row) -> bool {
    let given = |name: &str| values.get(name).is_some_and(|v| !v.is_null());
    table.has_column("account_id")
        && !given("account_id")
        && !table.columns.iter().any(|c| {
            c.references.is_some_and(|(parent, _)| {
                parent != "accounts" && schema::table(parent).is_some_and(|t| t.has_column("account_id"))
            }) && given(c.name)
        })
}

/// Fields a new row of `table` takes from the parent `link` names when they are left out:
/// (field, the parent's field).
struct FromParent {
    table: &'static str,
    link: &'static str,
    fields: &'static [(&'static str, &'static str)],
}

/// A meeting booked with a CRM contact is with that person (their name, email and phone), at
/// their company.
const FROM_PARENT: &[FromParent] = &[FromParent {
    table: "meeting_bookings",
    link: "contact_id",
    fields: &[
        ("guest_name", "full_name"),
        ("guest_email", "email"),
        ("guest_phone", "phone"),
        ("organizer_id", "organizer_id"),
    ],
}];

fn fill_from_parent(store: &Store, table: &Table, values: &mut Row) -> Result<()> {
    let blank = |v: Option<&serde_json::Value>| v.is_none_or(|v| v.is_null() || v.as_str() == Some(""));
    for FromParent { link, fields, .. } in FROM_PARENT.iter().filter(|p| p.table == table.name) {
        let Some(parent_id) = values.get(*link).and_then(serde_json::Value::as_str) else { continue };
        let Some((parent, _)) = table.column(link).and_then(|c| c.references) else { continue };
        if fields.iter().all(|(field, _)| !blank(values.get(*field))) {
            continue;
        }
        let Some(parent_row) = store.get(parent, parent_id)? else { continue };
        for (field, source) in *fields {
            if blank(values.get(*field)) && !blank(parent_row.get(*source)) {
                values.insert((*field).into(), parent_row[*source].clone());
            }
        }
    }
    Ok(())
}

/// Rows another row brings with it, kept in its transaction (`changed`: the fields an update
/// changed; `None` for a new row): a meeting booking's CRM activity.
fn keep_derived(
    w: &mut eventos_store::Writer<'_>,
    table: &str,
    id: &str,
    changed: Option<&[String]>,
) -> eventos_store::Result<()> {
    match table {
        "meeting_bookings" => w.keep_meeting_activity(id, changed),
        _ => Ok(()),
    }
}

/// The rows [`keep_derived`] made, gone with the row that brought them.
fn forget_derived(w: &mut eventos_store::Writer<'_>, table: &str, id: &str) -> eventos_store::Result<()> {
    match table {
        "meeting_bookings" => w.forget_meeting_activity(id),
        _ => Ok(()),
    }
}

fn not_found(table: &Table, id: &str) -> AppError {
    AppError::new(ErrorCode::NotFound, format!("there is no {} with id {id}", presentation::table(table).singular))
}

/// The naming field that names this row: the first that holds some text or a number.
fn named_by(table: &Table, row: &Row) -> Option<&'static Column> {
    let has_text = |v: &serde_json::Value| v.as_str().is_some_and(|s| !s.is_empty()) || v.is_number();
    presentation::table(table)
        .naming
        .iter()
        .filter_map(|f| table.column(f))
        .find(|c| row.get(c.name).is_some_and(has_text))
}

/// The first naming field with a value, else the id.
pub fn title(table: &Table, row: &Row) -> String {
    match named_by(table, row).and_then(|c| row.get(c.name)) {
        Some(serde_json::Value::String(text)) => text.clone(),
        Some(value) => value.to_string(),
        None => row.get("id").and_then(|v| v.as_str()).unwrap_or_default().to_owned(),
    }
}

fn describe(table: &'static Table, role: Role, count: i64) -> TableInfo {
    let p = presentation::table(table);
    TableInfo {
        name: table.name.into(),
        label: p.label,
        singular: p.singular,
        area: p.area,
        naming: p.naming.iter().map(|s| (*s).to_owned()).collect(),
        list: p.list.iter().map(|s| (*s).to_owned()).collect(),
        fields: table.columns.iter().map(|c| field(table, c)).collect(),
        related_filters: presentation::related_filters(table.name)
            .iter()
            .filter_map(|path| {
                let (child, name) = path.split_once('.')?;
                let child = schema::table(child)?;
                let mut info = field(child, child.column(name)?);
                let singular = presentation::table(child).singular;
                let mut letters = singular.chars();
                let capital: String =
                    letters.next().map(|c| c.to_uppercase().chain(letters).collect()).unwrap_or_default();
                info.label = format!("{capital}: {}", info.label.to_lowercase());
                info.name = (*path).to_owned();
                info.required = false;
                Some(info)
            })
            .collect(),
        allowed: Allowed::of(role, table.name),
        count,
    }
}

/// The columns naming who made a row (or hosts a meeting), filled with whoever makes it here
/// when left out.
const MAKERS: [&str; 4] = ["created_by", "uploaded_by", "raised_by", "host_id"];

fn field(table: &Table, column: &'static Column) -> FieldInfo {
    let filled = eventos_model::prepare::filled_columns(table.name).contains(&column.name)
        || MAKERS.contains(&column.name)
        || FROM_PARENT.iter().any(|p| p.table == table.name && p.fields.iter().any(|(f, _)| *f == column.name));
    let choices = match column.check {
        Some(Check::OneOf(values) | Check::SubsetOf(values)) => values.iter().map(|v| (*v).to_owned()).collect(),
        _ => Vec::new(),
    };
    let kind = match (column.ty, column.check, column.references) {
        (_, _, Some(_)) => FieldKind::Reference,
        (ColumnType::Uuid, _, None) => FieldKind::Id,
        (ColumnType::Integer, _, _) if column.name.ends_with("_cents") => FieldKind::Money,
        (_, Some(Check::OneOf(_)), _) => FieldKind::Choice,
        (ColumnType::Array, _, _) => FieldKind::List,
        (ColumnType::Text, _, _) => FieldKind::Text,
        (ColumnType::Integer, _, _) => FieldKind::Integer,
        (ColumnType::Boolean, _, _) => FieldKind::Boolean,
        (ColumnType::Timestamp, _, _) => FieldKind::Timestamp,
        (ColumnType::Date, _, _) => FieldKind::Date,
        (ColumnType::Decimal { .. }, _, _) => FieldKind::Decimal,
        (ColumnType::Json, _, _) => FieldKind::Json,
    };
    FieldInfo {
        name: column.name.into(),
        label: presentation::field_label(column),
        kind,
        required: column.required() && !filled,
        filled,
        generated: column.generated,
        choices,
        references: column.references.map(|(t, _)| t.to_owned()),
        scale: match column.ty {
            ColumnType::Decimal { scale, .. } => Some(scale),
            _ => None,
        },
        rule: column.check_rule(),
    }
}
