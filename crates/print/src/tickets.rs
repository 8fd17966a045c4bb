//! Tickets: one page each, on A4, US Letter or a narrow wallet size. The event, its date and
//! time (as the caller formatted them, in the venue's zone), the venue and its address, the
//! holder, the ticket's type and price, its number and its order's, and the QR of its code.
//! A ticket that is not valid (cancelled, refunded) is printed as such, with no code.

use crate::canvas::{Align, Area, Doc, Fit, Page};
use crate::fonts::Weight;
use crate::{Paper, PrintError, Printed, Progress};

/// One ticket, as it is printed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TicketPage {
    pub event_name: String,
    /// Its date and time, formatted in the venue's zone.
    pub when: String,
    pub venue: Option<String>,
    pub address: Option<String>,
    pub holder: Option<String>,
    /// "General admission".
    pub ticket_type: String,
    /// "CA$45.00".
    pub price: String,
    pub ticket_number: String,
    pub order_number: Option<String>,
    /// What its QR code holds; none for a ticket that is not valid.
    pub code: Option<String>,
    /// Why it is not valid ("Refunded"); printed in place of the code.
    pub not_valid: Option<String>,
}

/// A PDF of these tickets, one per page (a page saying there are none if there are none).
pub fn tickets(title: &str, tickets: &[TicketPage], paper: Paper, progress: &Progress) -> Result<Printed, PrintError> {
    let mut doc = Doc::new(title, tickets.len().max(1), progress)?;
    let (width, height) = paper.size();
    if tickets.is_empty() {
        let mut page = doc.page(width, height);
        page.fit(Area::new(15.0, 20.0, width - 30.0, 20.0), "No tickets to print", Fit::line(16.0, Weight::Bold));
        page.done();
    }
    for ticket in tickets {
        let mut page = doc.page(width, height);
        match paper {
            Paper::Wallet => narrow(&mut page, ticket)?,
            Paper::A4 | Paper::Letter => full_page(&mut page, ticket)?,
        }
        page.done();
    }
    Ok(doc.finish())
}

/// Gray levels.
const INK: f32 = 0.0;
const SOFT: f32 = 0.35;
const RULE: f32 = 0.75;

/// A4 or Letter: the ticket as a card across the top of the page, its code on the right.
fn full_page(page: &mut Page<'_>, t: &TicketPage) -> Result<(), PrintError> {
    let margin = 15.0;
    let card = Area::new(margin, margin, page.width() - 2.0 * margin, 112.0);
    page.frame(card, 1.0, INK);
    let qr = 58.0;
    let text_w = card.w - qr - 18.0;
    let (x, mut y) = (card.x + 7.0, card.y + 7.0);
    page.fit(Area::new(x, y, text_w, 4.0), "TICKET", Fit::line(8.0, Weight::Bold).gray(SOFT));
    y += 5.5;
    y += page.fit(Area::new(x, y, text_w, 17.0), &t.event_name, Fit::line(20.0, Weight::Bold).min(12.0).lines(2));
    y += 1.5;
    y += page.fit(Area::new(x, y, text_w, 10.0), &t.when, Fit::line(11.0, Weight::Regular).min(9.0).lines(2));
    if let Some(venue) = &t.venue {
        y += 1.0;
        y += page.fit(Area::new(x, y, text_w, 5.0), venue, Fit::line(11.0, Weight::Bold));
    }
    if let Some(address) = &t.address {
        page.fit(Area::new(x, y, text_w, 9.0), address, Fit::line(10.0, Weight::Regular).lines(2).gray(SOFT));
    }
    let rows_top = card.y + card.h - 44.0;
    page.line((x, rows_top - 3.0), (x + text_w, rows_top - 3.0), 0.5, RULE);
    let holder = t.holder.as_deref().unwrap_or("—");
    let kind = format!("{} · {}", t.ticket_type, t.price);
    let rows = [
        ("Holder", holder, 14.0, Weight::Bold),
        ("Ticket", kind.as_str(), 11.0, Weight::Regular),
        ("Ticket no.", t.ticket_number.as_str(), 11.0, Weight::Bold),
        ("Order", t.order_number.as_deref().unwrap_or("—"), 11.0, Weight::Regular),
    ];
    let mut row_y = rows_top;
    for (label, value, size, weight) in rows {
        page.fit(Area::new(x, row_y + 0.8, 24.0, 5.0), label, Fit::line(8.5, Weight::Regular).gray(SOFT));
        page.fit(Area::new(x + 25.0, row_y, text_w - 25.0, 6.0), value, Fit::line(size, weight).min(8.0));
        row_y += if size > 12.0 { 10.0 } else { 8.0 };
    }
    let (qx, qy) = (card.x + card.w - qr - 7.0, card.y + 9.0);
    code_or_void(page, t, Area::new(qx, qy, qr, qr))?;
    page.fit(
        Area::new(qx, qy + qr + 2.0, qr, 5.0),
        &t.ticket_number,
        Fit::line(9.0, Weight::Regular).align(Align::Center),
    );
    let notes = "Show this page at the door, printed or on a screen. The code lets one person in once: \
                 keep it to yourself.";
    page.fit(
        Area::new(margin, card.y + card.h + 6.0, card.w, 12.0),
        notes,
        Fit::line(9.0, Weight::Regular).min(9.0).lines(2).gray(SOFT),
    );
    Ok(())
}

/// The wallet size: everything stacked and centred, the code in the middle.
fn narrow(page: &mut Page<'_>, t: &TicketPage) -> Result<(), PrintError> {
    let margin = 5.0;
    let w = page.width() - 2.0 * margin;
    let centred = |size: f32, weight: Weight| Fit::line(size, weight).align(Align::Center);
    let mut y = 7.0;
    y += page.fit(Area::new(margin, y, w, 13.0), &t.event_name, centred(15.0, Weight::Bold).min(9.0).lines(2));
    y += 1.0;
    y += page.fit(Area::new(margin, y, w, 8.0), &t.when, centred(8.5, Weight::Regular).min(7.0).lines(2));
    if let Some(venue) = &t.venue {
        y += page.fit(Area::new(margin, y, w, 4.0), venue, centred(8.5, Weight::Bold).min(7.0));
    }
    let qr = 58.0;
    let qy = y.max(34.0) + 2.0;
    code_or_void(page, t, Area::new((page.width() - qr) / 2.0, qy, qr, qr))?;
    let mut y = qy + qr + 1.0;
    y += page.fit(Area::new(margin, y, w, 4.0), &t.ticket_number, centred(8.0, Weight::Regular));
    y += 2.0;
    let holder = t.holder.as_deref().unwrap_or("—");
    y += page.fit(Area::new(margin, y, w, 11.0), holder, centred(13.0, Weight::Bold).min(8.0).lines(2));
    let kind = format!("{} · {}", t.ticket_type, t.price);
    y += page.fit(Area::new(margin, y, w, 5.0), &kind, centred(9.0, Weight::Regular).min(7.0));
    if let Some(order) = &t.order_number {
        page.fit(
            Area::new(margin, y + 1.0, w, 4.0),
            &format!("Order {order}"),
            centred(8.0, Weight::Regular).gray(SOFT),
        );
    }
    if let Some(address) = &t.address {
        let bottom = page.height() - 14.0;
        page.fit(
            Area::new(margin, bottom, w, 8.0),
            address,
            centred(7.5, Weight::Regular).min(6.5).lines(2).gray(SOFT),
        );
    }
    Ok(())
}

/// The ticket's QR code in `area`, or, for a ticket that is not valid, a box saying so.
fn code_or_void(page: &mut Page<'_>, t: &TicketPage, area: Area) -> Result<(), PrintError> {
    match (&t.code, &t.not_valid) {
        (Some(code), None) => page.qr(area.x, area.y, area.w, code),
        (_, reason) => {
            page.fill(area, 0.92);
            page.frame(area, 1.5, INK);
            let centred = |size: f32| Fit::line(size, Weight::Bold).align(Align::Center);
            let mid = area.y + area.h / 2.0 - 8.0;
            page.fit(Area::new(area.x + 2.0, mid, area.w - 4.0, 9.0), "NOT VALID", centred(20.0));
            let why = reason.as_deref().unwrap_or("no code");
            page.fit(Area::new(area.x + 3.0, mid + 10.0, area.w - 6.0, 10.0), why, centred(10.0).lines(2));
            Ok(())
        }
    }
}
