//! Selling at the door: one transaction makes the order, its attendees and tickets.

use eventos_store::{StoreError, Writer};
use serde_json::{Value, json};

use super::{BoxOffice, Holder, Sale, SaleRequest};
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
            let now = eventos_model::timestamp::now();
            let taken = w.places_taken(&event_id)?;
            let left = office.capacity - taken - w.places_held(&event_id, &now)?;
            if quantity > left {
                return Ok(Err(left));
            }
            let order_id = write_sale(w, &event_id, &holders, unit_price, request.payment)?;
            Ok::<_, StoreError>(Ok((order_id, taken + quantity)))
        })?;
        let (order_id, taken) = sold.map_err(|left| {
            let message = format!(
                "only {} of {} places are left for {} as this computer knows it{}; other laptops may be selling too",
                left.max(0),
                office.capacity,
                office.event_name,
                held_words(office.places_held)
            );
            AppError::new(ErrorCode::SoldOut, message).on_field("quantity")
        })?;
        self.edited();
        self.sale_made(&order_id, request.payment, office, taken)
    }

    /// The sale as shown after it was made: the order, its tickets' codes, and the office
    /// from the count the sale made (not counted again).
    pub(crate) fn sale_made(
        &self,
        order_id: &str,
        payment: super::Payment,
        office: BoxOffice,
        taken: i64,
    ) -> Result<Sale> {
        let store = self.store()?;
        let order = store.get("orders", order_id)?.ok_or_else(|| no_event(&office.event_id))?;
        let order_number = text(&order, "order_number");
        let tickets = store.tickets_of_order(&order_number)?;
        let left = office.capacity - taken - office.places_held;
        let after = BoxOffice {
            places_taken: taken,
            places_left: left,
            sold_here_unsynced: store.tickets_sold_unsynced(&office.event_id)?,
            closed_because: (left <= 0).then(|| super::SOLD_OUT.to_owned()),
            ..office
        };
        Ok(Sale {
            order_id: order_id.to_owned(),
            order_number,
            total_cents: order.get("total_cents").and_then(Value::as_i64).unwrap_or(0),
            payment,
            tickets: self.codes_of(&after.event_id, tickets)?,
            box_office: after,
        })
    }
}

/// Writes a paid order with an attendee and a ticket per holder; returns the order's id.
pub(super) fn write_sale(
    w: &mut Writer<'_>,
    event_id: &str,
    holders: &[Holder],
    unit_price: i64,
    payment: super::Payment,
) -> Result<String, StoreError> {
    let order_id = w.insert(
        "orders",
        row(json!({"event_id": event_id, "quantity": holders.len(), "unit_price_cents": unit_price,
            "payment_status": "paid", "payment_method": payment.as_str(), "paid_at": eventos_model::timestamp::now()})),
    )?;
    for holder in holders {
        let attendee = w.insert(
            "attendees",
            row(json!({"order_id": order_id, "event_id": event_id, "full_name": holder.name, "email": holder.email})),
        )?;
        w.insert("tickets", row(json!({"event_id": event_id, "order_id": order_id, "attendee_id": attendee})))?;
    }
    Ok(order_id)
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

/// ", 2 held for waitlist offers" when places are held.
fn held_words(held: i64) -> String {
    if held > 0 { format!(" ({held} held for waitlist offers)") } else { String::new() }
}

fn invalid(field: &str, message: impl Into<String>) -> AppError {
    AppError::new(ErrorCode::Invalid, message.into()).on_field(field)
}
