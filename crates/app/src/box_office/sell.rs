//! Selling at the door: one transaction makes the order, its attendees and tickets.

use eventos_store::StoreError;
use serde_json::{Value, json};

use super::{Holder, Sale, SaleRequest};
use crate::records::Action;
use crate::{App, AppError, ErrorCode, Result, no_event, row, text};

/// An order holds 1 to 20 tickets (the orders table's rule).
const MAX_TICKETS: u32 = 20;

impl App {
    /// Sells tickets: refuses an event that is not published, and a sale past the capacity as
    /// this computer knows it; otherwise writes the order (paid, with its payment method), an
    /// attendee and a ticket per place, and returns them with their QR payloads.
    pub fn sell(&mut self, request: &SaleRequest) -> Result<Sale> {
        self.permitted("orders", Action::Create)?;
        let holders = holders(request)?;
        let office = self.box_office(&request.event)?;
        if office.status != "published" {
            let why = office.closed_because.unwrap_or_default();
            return Err(AppError::new(
                ErrorCode::Invalid,
                format!("cannot sell tickets for {}: {why}", office.event_name),
            ));
        }
        let event_id = office.event_id.clone();
        let unit_price = match request.payment {
            super::Payment::Complimentary => 0,
            _ => office.price_cents,
        };
        let quantity = i64::from(request.quantity);
        let store = self.store_mut()?;
        let sold = store.write(|w| {
            // Counted inside the sale's own transaction: two sales on this computer never
            // both take the last place.
            let taken = w.places_taken(&event_id)?;
            let left = office.capacity - taken;
            if quantity > left {
                return Ok(Err(left));
            }
            let now = eventos_model::timestamp::now();
            let order_id = w.insert(
                "orders",
                row(json!({"event_id": event_id, "quantity": quantity, "unit_price_cents": unit_price,
                    "payment_status": "paid", "payment_method": request.payment.as_str(), "paid_at": now})),
            )?;
            for holder in &holders {
                let attendee = w.insert(
                    "attendees",
                    row(json!({"order_id": order_id, "event_id": event_id, "full_name": holder.name, "email": holder.email})),
                )?;
                w.insert("tickets", row(json!({"event_id": event_id, "order_id": order_id, "attendee_id": attendee})))?;
            }
            Ok::<_, StoreError>(Ok((order_id, taken + quantity)))
        })?;
        let (order_id, taken) = sold.map_err(|left| {
            let message = format!(
                "only {} of {} places are left for {} as this computer knows it; other laptops may be selling too",
                left.max(0),
                office.capacity,
                office.event_name
            );
            AppError::new(ErrorCode::SoldOut, message).on_field("quantity")
        })?;
        self.edited();
        let store = self.store()?;
        let order = store.get("orders", &order_id)?.ok_or_else(|| no_event(&request.event))?;
        let order_number = text(&order, "order_number");
        let tickets = store.tickets_of_order(&order_number)?;
        // The office after the sale, from the count the sale made (not counted again).
        let after = super::BoxOffice {
            places_taken: taken,
            places_left: office.capacity - taken,
            sold_here_unsynced: store.tickets_sold_unsynced(&office.event_id)?,
            closed_because: (taken >= office.capacity).then(|| super::SOLD_OUT.to_owned()),
            ..office.clone()
        };
        Ok(Sale {
            order_id,
            order_number,
            total_cents: order.get("total_cents").and_then(Value::as_i64).unwrap_or(0),
            payment: request.payment,
            tickets: self.codes_of(&office.event_id, tickets)?,
            box_office: after,
        })
    }
}

/// One holder per ticket, the buyer where none is given; names and emails checked.
fn holders(request: &SaleRequest) -> Result<Vec<Holder>> {
    if !(1..=MAX_TICKETS).contains(&request.quantity) {
        return Err(invalid("quantity", format!("must be between 1 and {MAX_TICKETS}")));
    }
    if request.holders.len() > request.quantity as usize {
        return Err(invalid(
            "holders",
            format!("{} holders given for {} tickets", request.holders.len(), request.quantity),
        ));
    }
    let buyer = checked(&request.buyer, "buyer")?;
    (0..request.quantity as usize)
        .map(|i| match request.holders.get(i).cloned().flatten() {
            Some(holder) => checked(&holder, &format!("holders.{i}")),
            None => Ok(buyer.clone()),
        })
        .collect()
}

/// The holder with spaces trimmed; a missing name or an email that cannot be one refused,
/// naming the field (`buyer.email`, `holders.2.name`).
pub(super) fn checked(holder: &Holder, at: &str) -> Result<Holder> {
    let name = holder.name.trim();
    let email = holder.email.trim();
    if name.is_empty() {
        return Err(invalid(&format!("{at}.name"), "a name is needed"));
    }
    let looks_like_email = email.split_once('@').is_some_and(|(user, domain)| {
        !user.is_empty() && domain.contains('.') && !domain.starts_with('.') && !domain.ends_with('.')
    }) && !email.contains(char::is_whitespace);
    if !looks_like_email {
        return Err(invalid(&format!("{at}.email"), format!("'{email}' is not an email address")));
    }
    Ok(Holder { name: name.to_owned(), email: email.to_owned() })
}

fn invalid(field: &str, message: impl Into<String>) -> AppError {
    AppError::new(ErrorCode::Invalid, message.into()).on_field(field)
}
