//! Cancelling and refunding what was sold, a whole order or one ticket, and changing a
//! ticket's holder. A voided ticket is refused by every door once it has synced.

use serde::{Deserialize, Serialize};
use serde_json::json;
use ts_rs::TS;

use super::Holder;
use super::sell::checked;
use crate::door::TicketCode;
use crate::records::Action;
use crate::{App, AppError, ErrorCode, Result, row};

/// Cancel (the money is kept, or there was none) or refund (the money goes back).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum VoidKind {
    Cancel,
    Refund,
}

impl VoidKind {
    /// The status a voided ticket gets.
    fn status(self) -> &'static str {
        match self {
            VoidKind::Cancel => "cancelled",
            VoidKind::Refund => "refunded",
        }
    }
}

/// What a cancellation or refund did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Voided {
    pub order_number: String,
    /// The tickets it cancelled or refunded.
    pub voided: Vec<String>,
    /// The order's tickets it left as they were: already checked in, cancelled or refunded.
    pub kept: Vec<String>,
    /// Whether the whole order is now refunded (every ticket void, at least one refunded).
    pub order_refunded: bool,
}

impl App {
    /// Cancels or refunds every ticket of the order that has not been used; refuses when none
    /// is left to void. `reason` is kept on each ticket.
    pub fn void_order(&mut self, order_number: &str, kind: VoidKind, reason: Option<&str>) -> Result<Voided> {
        self.permitted("tickets", Action::Update)?;
        let order_id = self.order_id(order_number)?;
        self.void(&order_id, None, kind, reason)
    }

    /// Cancels or refunds one ticket (`TKT-…`); refuses one that was checked in or is void.
    pub fn void_ticket(&mut self, ticket_number: &str, kind: VoidKind, reason: Option<&str>) -> Result<Voided> {
        self.permitted("tickets", Action::Update)?;
        let ticket = self.store()?.ticket_by_number(ticket_number)?.ok_or_else(|| no_ticket(ticket_number))?;
        let order_number = ticket.order_number.clone().ok_or_else(|| no_ticket(ticket_number))?;
        let order_id = self.order_id(&order_number)?;
        self.void(&order_id, Some(&ticket.ticket_number), kind, reason)
    }

    /// Gives a ticket another holder (a name or email typed wrong, a ticket passed on).
    pub fn change_holder(&mut self, ticket_number: &str, holder: &Holder) -> Result<TicketCode> {
        self.permitted("attendees", Action::Update)?;
        let holder = checked(holder, "holder")?;
        let ticket = self.store()?.ticket_by_number(ticket_number)?.ok_or_else(|| no_ticket(ticket_number))?;
        let ticket_row = self.store()?.get("tickets", &ticket.ticket_id)?.ok_or_else(|| no_ticket(ticket_number))?;
        let store = self.store_mut()?;
        store.write(|w| match &ticket.attendee_id {
            Some(attendee) => {
                w.update("attendees", attendee, row(json!({"full_name": holder.name, "email": holder.email})))
            }
            None => {
                let attendee = w.insert(
                    "attendees",
                    row(json!({"order_id": ticket_row["order_id"], "event_id": ticket.event_id,
                        "full_name": holder.name, "email": holder.email})),
                )?;
                w.update("tickets", &ticket.ticket_id, row(json!({"attendee_id": attendee})))
            }
        })?;
        self.edited();
        let fresh = self.store()?.ticket_by_id(&ticket.ticket_id)?.ok_or_else(|| no_ticket(ticket_number))?;
        let mut codes = self.codes_of(&ticket.event_id, vec![fresh])?;
        codes.pop().ok_or_else(|| no_ticket(ticket_number))
    }

    /// Voids the order's active tickets (or only `only`), in one transaction with the order's
    /// payment status.
    fn void(&mut self, order_id: &str, only: Option<&str>, kind: VoidKind, reason: Option<&str>) -> Result<Voided> {
        let reason = reason.map(str::trim).filter(|r| !r.is_empty());
        let store = self.store_mut()?;
        let outcome = store.write(|w| {
            let order = w.get("orders", order_id)?.unwrap_or_default();
            let order_number = order["order_number"].as_str().unwrap_or_default().to_owned();
            let tickets = w.order_tickets(order_id)?;
            let (mut voided, mut kept) = (Vec::new(), Vec::new());
            for ticket in tickets.iter().filter(|t| only.is_none_or(|n| n == t.ticket_number)) {
                if ticket.status == "active" {
                    let patch = json!({"status": kind.status(), "status_reason": reason});
                    w.update("tickets", &ticket.ticket_id, row(patch))?;
                    voided.push(ticket.ticket_number.clone());
                } else {
                    kept.push(ticket.ticket_number.clone());
                }
            }
            if voided.is_empty() {
                return Ok(Err((order_number, tickets)));
            }
            // The whole order is refunded once none of its tickets is valid: a door refuses
            // every ticket of a refunded order, so a partly refunded one stays paid.
            let after = w.order_tickets(order_id)?;
            let all_void = after.iter().all(|t| t.status == "cancelled" || t.status == "refunded");
            let order_refunded = all_void && after.iter().any(|t| t.status == "refunded");
            if order_refunded && order["payment_status"] != "refunded" {
                w.update("orders", order_id, row(json!({"payment_status": "refunded"})))?;
            }
            let event_id = order["event_id"].as_str().unwrap_or_default().to_owned();
            Ok(Ok((event_id, Voided { order_number, voided, kept, order_refunded })))
        })?;
        let (event_id, voided) = outcome.map_err(|(order_number, tickets)| {
            let why: Vec<String> = tickets
                .iter()
                .filter(|t| only.is_none_or(|n| n == t.ticket_number))
                .map(|t| match &t.checked_in_at {
                    Some(at) if t.status == "used" => format!("{} was checked in at {at}", t.ticket_number),
                    _ => format!("{} is {}", t.ticket_number, t.status),
                })
                .collect();
            let verb = match kind {
                VoidKind::Cancel => "cancel",
                VoidKind::Refund => "refund",
            };
            let detail = if why.is_empty() { "it has no tickets".to_owned() } else { why.join("; ") };
            AppError::new(ErrorCode::Invalid, format!("nothing to {verb} in {order_number}: {detail}"))
        })?;
        self.edited();
        // The places freed go to the waitlist.
        self.move_waitlist(&event_id)?;
        Ok(voided)
    }

    fn order_id(&self, order_number: &str) -> Result<String> {
        self.store()?.order_id_by_number(order_number)?.ok_or_else(|| {
            AppError::new(ErrorCode::NotFound, format!("no order {} on this computer", order_number.trim()))
        })
    }
}

fn no_ticket(number: &str) -> AppError {
    AppError::new(ErrorCode::NotFound, format!("no ticket {} on this computer", number.trim()))
}
