//! An event's budget: expenses by category and status (the approval workflow's steps are in
//! [`super::steps`]), and the event's result — paid ticket revenue (less refunded tickets) plus
//! confirmed sponsorship, minus approved and paid expenses — and its return (the replica's
//! `event_roi` view). Amounts in exact cents.

use serde::Serialize;
use ts_rs::TS;

use crate::records::{Action, View};
use crate::{Result, no_event, text};
use eventos_model::decimal::cents;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Budget {
    pub event_id: String,
    pub event_name: String,
    /// The expenses' currency (the seeds' default, CAD, when none is given).
    pub currency: String,
    /// Every category of the seed, in its order, with its totals by status.
    pub categories: Vec<CategoryTotals>,
    pub totals: StatusTotals,
    pub expenses: Vec<ExpenseLine>,
    /// Paid orders' totals less the price of their refunded tickets.
    pub ticket_revenue_cents: i64,
    /// Confirmed sponsors' amounts.
    pub sponsorship_cents: i64,
    /// Approved and paid expenses.
    pub committed_cents: i64,
    /// Ticket revenue plus sponsorship minus committed expenses.
    pub result_cents: i64,
    /// The return on it, from the replica's `event_roi` view.
    pub roi: Roi,
}

/// An event's return on investment (seed 001's `event_roi`, computed by the view of that name
/// in the replica and on the server alike; its columns are explained in the migration).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
pub struct Roi {
    /// The view's result: the same sum as [`Budget::result_cents`], with the expenses counted
    /// in SQL rather than from the expense lines.
    pub result_cents: i64,
    /// Result × 10,000 / committed expenses, rounded half away from zero; none without expenses.
    pub roi_basis_points: Option<i64>,
    /// Committed expenses in the marketing category.
    pub marketing_expenses_cents: i64,
    /// Campaigns' planned budgets: shown apart, never added.
    pub campaign_budget_cents: i64,
    /// Fees agreed with models, influencers and media partners: shown apart, never added (a cost
    /// counts once, from the expenses).
    pub committed_fees_cents: i64,
    pub tickets_sold: i64,
    pub checked_in: i64,
    /// Committed expenses per person checked in, rounded half up; none before anyone is.
    pub cost_per_attendee_cents: Option<i64>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
pub struct StatusTotals {
    pub pending_cents: i64,
    pub approved_cents: i64,
    pub rejected_cents: i64,
    pub paid_cents: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CategoryTotals {
    pub category: String,
    pub totals: StatusTotals,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ExpenseLine {
    pub id: String,
    pub name: String,
    pub category: String,
    pub amount_cents: i64,
    pub status: String,
    pub vendor_name: Option<String>,
    pub approved_by: Option<String>,
    pub approved_at: Option<String>,
    pub payment_date: Option<String>,
    pub receipt_url: Option<String>,
}

/// The seed's categories; an expense with none counts as miscellaneous.
const CATEGORIES: [&str; 7] = ["venue", "catering", "speakers", "marketing", "technology", "travel", "miscellaneous"];

impl StatusTotals {
    fn add(&mut self, status: &str, amount: i64) {
        match status {
            "approved" => self.approved_cents += amount,
            "rejected" => self.rejected_cents += amount,
            "paid" => self.paid_cents += amount,
            _ => self.pending_cents += amount,
        }
    }
}

const EXPENSES: &str = "\
    SELECT x.id, x.expense_name, COALESCE(x.expense_category, 'miscellaneous'), x.amount, COALESCE(x.status, 'pending'), \
           x.vendor_name, COALESCE(p.full_name, p.email), x.approved_at, x.payment_date, x.receipt_url, x.currency \
    FROM event_expenses x LEFT JOIN profiles p ON p.id = x.approved_by WHERE x.event_id = ?1 \
    ORDER BY x.created_at, x.id";

/// Ticket revenue (a paid order earns its total less the price of each refunded ticket),
/// confirmed sponsorship and the return: the replica's `event_roi` view, which sums them once
/// for this screen and for the server alike.
const ROI: &str = "\
    SELECT ticket_revenue_cents, sponsorship_cents, result_cents, roi_basis_points, marketing_expenses_cents, \
           campaign_budget_cents, committed_fees_cents, tickets_sold, checked_in, cost_per_attendee_cents \
    FROM event_roi WHERE event_id = ?1";

pub(crate) fn budget(view: &View<'_>, event: &str) -> Result<Budget> {
    view.permitted("event_expenses", Action::Read)?;
    let store = view.store();
    let event_id = store.event_id_of(event)?.ok_or_else(|| no_event(event))?;
    let row = store.get("events", &event_id)?.ok_or_else(|| no_event(event))?;
    let db = store.connection();
    let mut currency = None;
    let mut expenses = Vec::new();
    let mut stmt = db.prepare(EXPENSES)?;
    let mut rows = stmt.query([&event_id])?;
    while let Some(r) = rows.next()? {
        let amount: String = r.get(3)?;
        currency = currency.or(r.get::<_, Option<String>>(10)?);
        expenses.push(ExpenseLine {
            id: r.get(0)?,
            name: r.get(1)?,
            category: r.get(2)?,
            amount_cents: cents(&amount).unwrap_or(0),
            status: r.get(4)?,
            vendor_name: r.get(5)?,
            approved_by: r.get(6)?,
            approved_at: r.get(7)?,
            payment_date: r.get(8)?,
            receipt_url: r.get(9)?,
        });
    }
    let mut totals = StatusTotals::default();
    let mut categories: Vec<CategoryTotals> =
        CATEGORIES.iter().map(|c| CategoryTotals { category: (*c).into(), totals: StatusTotals::default() }).collect();
    for x in &expenses {
        totals.add(&x.status, x.amount_cents);
        if let Some(slot) = categories.iter_mut().find(|c| c.category == x.category) {
            slot.totals.add(&x.status, x.amount_cents);
        }
    }
    let committed_cents = totals.approved_cents + totals.paid_cents;
    let (ticket_revenue_cents, sponsorship_cents, roi): (i64, i64, Roi) = db.query_row(ROI, [&event_id], |r| {
        let roi = Roi {
            result_cents: r.get(2)?,
            roi_basis_points: r.get(3)?,
            marketing_expenses_cents: r.get(4)?,
            campaign_budget_cents: r.get(5)?,
            committed_fees_cents: r.get(6)?,
            tickets_sold: r.get(7)?,
            checked_in: r.get(8)?,
            cost_per_attendee_cents: r.get(9)?,
        };
        Ok((r.get(0)?, r.get(1)?, roi))
    })?;
    Ok(Budget {
        roi,
        event_name: text(&row, "name"),
        currency: currency.unwrap_or_else(|| "CAD".into()),
        categories,
        totals,
        expenses,
        ticket_revenue_cents,
        sponsorship_cents,
        committed_cents,
        result_cents: ticket_revenue_cents + sponsorship_cents - committed_cents,
        event_id,
    })
}
