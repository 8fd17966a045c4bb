//! The pipeline board: one column per pipeline stage of the account, in order, with its open
//! opportunities (closed stages hold the deals won or lost), column totals and the weighted
//! forecast (`expected_revenue`, value × probability) per column and per month of expected
//! close. Moving a card to an open stage applies the stage's probability; closing a deal as won
//! or lost records the close date (and why it was lost). Every move is an ordinary update, so
//! two reps moving cards offline converge after sync like any edit.

use std::collections::BTreeMap;

use eventos_store::Row;
use serde::{Deserialize, Serialize};
use serde_json::json;
use ts_rs::TS;

use crate::records::{Action, View};
use crate::{App, AppError, ErrorCode, Result, row, text};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Board {
    pub columns: Vec<BoardColumn>,
    /// The owners of the deals the search finds (whatever owner is chosen), by name.
    pub owners: Vec<BoardOwner>,
    /// Some deals the search finds are assigned to nobody.
    pub unassigned: bool,
    /// Open deals by month of expected close (`2027-01`; `none` for deals without a date).
    pub months: Vec<MonthForecast>,
    /// Open deals only.
    pub open_cents: i64,
    pub weighted_cents: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct BoardColumn {
    pub stage_id: String,
    pub name: String,
    pub color: Option<String>,
    /// The probability a deal takes when moved here.
    pub probability: i64,
    pub is_closed: bool,
    pub is_won: bool,
    /// The first `per_column` of the column's deals (more where asked); `count` says how many
    /// there are, and the totals count them all.
    pub cards: Vec<Card>,
    pub count: i64,
    pub total_cents: i64,
    pub weighted_cents: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Card {
    pub id: String,
    pub name: String,
    pub company_id: String,
    pub company_name: String,
    pub value_cents: i64,
    pub probability: i64,
    pub expected_revenue_cents: i64,
    pub expected_close_date: Option<String>,
    pub owner_name: Option<String>,
    /// open, won, lost or abandoned.
    pub status: String,
    pub actual_close_date: Option<String>,
    pub loss_reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct BoardOwner {
    /// The profile's id, for [`BoardQuery::owner`].
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct MonthForecast {
    pub month: String,
    pub deals: i64,
    pub total_cents: i64,
    pub weighted_cents: i64,
}

/// Which deals the board shows.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BoardQuery {
    /// Only this owner's (`assigned_to`, a profile id).
    #[serde(default)]
    pub owner: Option<String>,
    /// Only the deals assigned to nobody.
    #[serde(default)]
    pub unassigned: bool,
    /// Only deals whose name or company contains this.
    #[serde(default)]
    pub search: Option<String>,
    /// How many cards each column sends (all when none): a big account has thousands, and a
    /// screen shows a page of them.
    #[serde(default)]
    pub per_column: Option<u32>,
    /// More cards for some columns, by stage id ("Show more").
    #[serde(default)]
    pub shown: BTreeMap<String, u32>,
    /// The column holding this deal sends cards up to it (a card just moved, to be focused).
    #[serde(default)]
    pub reveal: Option<String>,
}

/// How a deal is closed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Closing {
    pub won: bool,
    /// `YYYY-MM-DD`; today on this computer when none is given.
    #[serde(default)]
    pub close_date: Option<String>,
    /// Why it was lost (needed for a lost deal).
    #[serde(default)]
    pub reason: Option<String>,
}

const STAGES: &str = "SELECT id, name, color, COALESCE(default_probability, 0), COALESCE(is_closed, 0), \
                      COALESCE(is_won, 0) FROM crm_pipeline_stages WHERE account_id = ?1 AND COALESCE(is_active, 1) = 1 \
                      ORDER BY order_index, name";

const CARDS: &str = "SELECT p.id, p.name, p.organizer_id, o.company_name, p.value, COALESCE(p.probability, 0), \
                     p.expected_revenue, p.expected_close_date, u.full_name, COALESCE(p.status, 'open'), \
                     p.actual_close_date, p.loss_reason, p.stage_id, p.assigned_to \
                     FROM crm_opportunities p JOIN crm_organizers o ON o.id = p.organizer_id \
                     LEFT JOIN profiles u ON u.id = p.assigned_to \
                     WHERE p.account_id = ?1 \
                     AND (?2 IS NULL OR p.name LIKE ?2 ESCAPE '\\' OR o.company_name LIKE ?2 ESCAPE '\\') \
                     ORDER BY p.expected_close_date IS NULL, p.expected_close_date, p.name, p.id";

/// The board of the workspace's account.
pub(crate) fn board(view: &View<'_>, query: &BoardQuery) -> Result<Board> {
    view.permitted("crm_opportunities", Action::Read)?;
    let store = view.store();
    let (account, _) = crate::organize::account_and_organizer(store)?;
    let db = store.connection();
    let mut columns: Vec<BoardColumn> = db
        .prepare(STAGES)?
        .query_map([&account], |r| {
            Ok(BoardColumn {
                stage_id: r.get(0)?,
                name: r.get(1)?,
                color: r.get(2)?,
                probability: r.get(3)?,
                is_closed: r.get(4)?,
                is_won: r.get(5)?,
                cards: Vec::new(),
                count: 0,
                total_cents: 0,
                weighted_cents: 0,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let search = query
        .search
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| format!("%{}%", eventos_store::like_escape(s)));
    let mut months: BTreeMap<String, MonthForecast> = BTreeMap::new();
    let (mut open_cents, mut weighted_cents) = (0, 0);
    let mut stmt = db.prepare(CARDS)?;
    let mut rows = stmt.query(rusqlite::params![account, search])?;
    let mut owners: BTreeMap<String, String> = BTreeMap::new();
    let mut unassigned = false;
    while let Some(r) = rows.next()? {
        let value: String = r.get(4)?;
        let expected: Option<String> = r.get(6)?;
        let card = Card {
            id: r.get(0)?,
            name: r.get(1)?,
            company_id: r.get(2)?,
            company_name: r.get(3)?,
            value_cents: cents(&value),
            probability: r.get(5)?,
            expected_revenue_cents: expected.as_deref().map_or(0, cents),
            expected_close_date: r.get(7)?,
            owner_name: r.get(8)?,
            status: r.get(9)?,
            actual_close_date: r.get(10)?,
            loss_reason: r.get(11)?,
        };
        let stage: String = r.get(12)?;
        let Some(column) = columns.iter_mut().find(|c| c.stage_id == stage) else { continue };
        // An open stage shows open deals; a closed one the deals closed in it.
        if (card.status == "open") == column.is_closed {
            continue;
        }
        let owner: Option<String> = r.get(13)?;
        match &owner {
            Some(id) => {
                owners
                    .entry(id.clone())
                    .or_insert_with(|| card.owner_name.clone().unwrap_or_else(|| "(no name)".into()));
            }
            None => unassigned = true,
        }
        let wanted = if query.unassigned { owner.is_none() } else { query.owner.is_none() || owner == query.owner };
        if !wanted {
            continue;
        }
        column.count += 1;
        column.total_cents += card.value_cents;
        column.weighted_cents += card.expected_revenue_cents;
        if card.status == "open" {
            open_cents += card.value_cents;
            weighted_cents += card.expected_revenue_cents;
            let month = card.expected_close_date.as_deref().map_or("none", |d| &d[..7.min(d.len())]).to_owned();
            let slot = months.entry(month.clone()).or_insert(MonthForecast {
                month,
                deals: 0,
                total_cents: 0,
                weighted_cents: 0,
            });
            slot.deals += 1;
            slot.total_cents += card.value_cents;
            slot.weighted_cents += card.expected_revenue_cents;
        }
        column.cards.push(card);
    }
    for column in &mut columns {
        column.cards.truncate(cards_sent(column, query));
    }
    let mut owners: Vec<BoardOwner> = owners.into_iter().map(|(id, name)| BoardOwner { id, name }).collect();
    owners.sort_by_cached_key(|o| (o.name.to_lowercase(), o.id.clone()));
    let months = months.into_values().collect();
    Ok(Board { columns, owners, unassigned, months, open_cents, weighted_cents })
}

/// How many of a column's cards the query asks for: a page, more where shown, and up to the
/// revealed deal.
fn cards_sent(column: &BoardColumn, query: &BoardQuery) -> usize {
    let Some(page) = query.per_column else { return column.cards.len() };
    let shown = query.shown.get(&column.stage_id).copied().unwrap_or(page).max(page) as usize;
    let revealed =
        query.reveal.as_ref().and_then(|id| column.cards.iter().position(|c| &c.id == id)).map_or(0, |i| i + 1);
    shown.max(revealed)
}

fn cents(amount: &str) -> i64 {
    eventos_model::decimal::cents(amount).unwrap_or(0)
}

impl App {
    pub fn pipeline_board(&self, query: &BoardQuery) -> Result<Board> {
        board(&View::of(self.store()?)?, query)
    }

    /// Moves a deal to an open stage: it takes the stage's probability, and a won or lost deal
    /// moved back is open again. Closing is [`App::close_opportunity`].
    pub fn move_opportunity(&mut self, id: &str, stage_id: &str) -> Result<Row> {
        let (deal, stage) = self.deal_and_stage(id, stage_id)?;
        if stage.get("is_closed").and_then(serde_json::Value::as_bool).unwrap_or(false) {
            let name = text(&stage, "name");
            let message = format!("close the deal as won or lost to move it to {name} (a lost deal needs a reason)");
            return Err(AppError::new(ErrorCode::Invalid, message).on_field("stage_id"));
        }
        let mut patch = row(json!({"stage_id": stage_id, "probability": stage["default_probability"],
            "status": "open", "actual_close_date": null, "loss_reason": null}));
        if text(&deal, "stage_id") != stage_id {
            patch.insert("last_stage_change_at".into(), eventos_model::timestamp::now().into());
        }
        self.update_record("crm_opportunities", id, patch)
    }

    /// Closes a deal as won (probability 100, the won stage) or lost (0, the lost stage, with
    /// its reason), on the close date given or today.
    pub fn close_opportunity(&mut self, id: &str, closing: &Closing) -> Result<Row> {
        let deal = self.store()?.get("crm_opportunities", id)?.ok_or_else(|| no_deal(id))?;
        let reason = closing.reason.as_deref().map(str::trim).filter(|r| !r.is_empty());
        if !closing.won && reason.is_none() {
            return Err(AppError::new(ErrorCode::Invalid, "say why the deal was lost").on_field("loss_reason"));
        }
        let date = match closing.close_date.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
            Some(d) if eventos_model::timestamp::parse_date(d).is_some() => d.to_owned(),
            Some(d) => {
                let message = format!("'{d}' is not a date (YYYY-MM-DD)");
                return Err(AppError::new(ErrorCode::Invalid, message).on_field("actual_close_date"));
            }
            None => eventos_store::zones::local_today(),
        };
        let stage = self.closing_stage(&text(&deal, "account_id"), closing.won)?;
        let patch = row(json!({
            "stage_id": stage, "status": if closing.won { "won" } else { "lost" },
            "probability": if closing.won { 100 } else { 0 }, "actual_close_date": date,
            "loss_reason": if closing.won { None } else { reason },
            "last_stage_change_at": eventos_model::timestamp::now(),
        }));
        self.update_record("crm_opportunities", id, patch)
    }

    fn deal_and_stage(&self, id: &str, stage_id: &str) -> Result<(Row, Row)> {
        let store = self.store()?;
        let deal = store.get("crm_opportunities", id)?.ok_or_else(|| no_deal(id))?;
        let stage = store.get("crm_pipeline_stages", stage_id)?.filter(|s| s["account_id"] == deal["account_id"]);
        let stage = stage.ok_or_else(|| {
            AppError::new(ErrorCode::NotFound, "there is no such stage in this deal's pipeline").on_field("stage_id")
        })?;
        Ok((deal, stage))
    }

    /// The account's won (or lost) stage: the first closed stage that is (or is not) won.
    fn closing_stage(&self, account: &str, won: bool) -> Result<String> {
        let sql = "SELECT id FROM crm_pipeline_stages WHERE account_id = ?1 AND is_closed = 1 AND is_won = ?2 \
                   ORDER BY order_index LIMIT 1";
        let found: Option<String> = self
            .store()?
            .connection()
            .prepare(sql)?
            .query_map(rusqlite::params![account, won], |r| r.get(0))?
            .next()
            .transpose()?;
        found.ok_or_else(|| {
            let which = if won { "won" } else { "lost" };
            AppError::new(ErrorCode::Invalid, format!("the pipeline has no {which} stage")).on_field("stage_id")
        })
    }
}

fn no_deal(id: &str) -> AppError {
    AppError::new(ErrorCode::NotFound, format!("there is no opportunity {id} on this computer"))
}
