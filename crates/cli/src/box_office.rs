//! `eventos-cli sell`, `refund` and `cancel`: the box office of the desktop app, over the same
//! facade (the same rules: published events only, capacity as this computer knows it).

use std::fmt::Write as _;
use std::path::Path;

use eventos_app::box_office::{Holder, Payment, SaleRequest, VoidKind};
use serde_json::json;

use crate::CliError;

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum PaymentArg {
    Cash,
    Card,
    /// Complimentary: free tickets.
    Comp,
}

#[derive(clap::Args)]
pub struct SellArgs {
    /// The event's id or slug.
    event: String,
    /// How many tickets (1 to 20), all for the buyer.
    #[arg(long, default_value_t = 1)]
    quantity: u32,
    /// The buyer's (and each ticket holder's) name.
    #[arg(long)]
    name: String,
    #[arg(long)]
    email: String,
    #[arg(long, value_enum, default_value = "cash")]
    payment: PaymentArg,
    #[arg(long)]
    json: bool,
}

#[derive(clap::Args)]
pub struct VoidArgs {
    /// The order's number (ORD-…): every ticket of it not yet checked in.
    order_number: String,
    /// Only this ticket of the order (TKT-…).
    #[arg(long, value_name = "TICKET_NUMBER")]
    ticket: Option<String>,
    /// Why (kept on each ticket).
    #[arg(long)]
    reason: Option<String>,
    #[arg(long)]
    json: bool,
}

pub fn sell(db: &Path, args: SellArgs, out: &mut String) -> Result<(), CliError> {
    let mut app = crate::facade(db)?;
    let payment = match args.payment {
        PaymentArg::Cash => Payment::Cash,
        PaymentArg::Card => Payment::Card,
        PaymentArg::Comp => Payment::Complimentary,
    };
    let request = SaleRequest {
        event: args.event,
        quantity: args.quantity,
        buyer: Holder { name: args.name, email: args.email },
        holders: Vec::new(),
        payment,
    };
    let sale = app.sell(&request)?;
    if args.json {
        let tickets: Vec<_> = sale
            .tickets
            .iter()
            .map(|t| json!({"ticket_number": t.ticket_number, "code": t.payload, "name": t.name, "signed": t.signed}))
            .collect();
        let sold = json!({"order_number": sale.order_number, "total_cents": sale.total_cents,
            "payment": payment.as_str(), "tickets": tickets});
        let _ = writeln!(out, "{sold}");
    } else {
        let _ = writeln!(
            out,
            "{}  {} ticket(s), {} cents, {}",
            sale.order_number,
            sale.tickets.len(),
            sale.total_cents,
            payment.as_str()
        );
        for t in &sale.tickets {
            let _ = writeln!(out, "  {}  {}", t.ticket_number, t.payload);
        }
        let office = &sale.box_office;
        let _ =
            writeln!(out, "{} places left; {} sold here not yet synced", office.places_left, office.sold_here_unsynced);
    }
    Ok(())
}

pub fn void(db: &Path, kind: VoidKind, args: VoidArgs, out: &mut String) -> Result<(), CliError> {
    if let Some(ticket) = &args.ticket {
        // Checked first: a ticket of another order is refused before anything changes.
        let found = eventos_store::Store::open(db)?.ticket_by_number(ticket)?;
        let order = found.and_then(|t| t.order_number).unwrap_or_default();
        if !order.eq_ignore_ascii_case(args.order_number.trim()) {
            return Err(CliError::Usage(format!("{} is not a ticket of {}", ticket.trim(), args.order_number.trim())));
        }
    }
    let mut app = crate::facade(db)?;
    let reason = args.reason.as_deref();
    let voided = match &args.ticket {
        Some(ticket) => app.void_ticket(ticket, kind, reason)?,
        None => app.void_order(&args.order_number, kind, reason)?,
    };
    if args.json {
        let _ = writeln!(out, "{}", serde_json::to_string(&voided).unwrap_or_default());
    } else {
        let verb = match kind {
            VoidKind::Cancel => "cancelled",
            VoidKind::Refund => "refunded",
        };
        let _ = writeln!(out, "{}: {verb} {}", voided.order_number, voided.voided.join(", "));
        if !voided.kept.is_empty() {
            let _ = writeln!(out, "  left as they were: {}", voided.kept.join(", "));
        }
        if voided.order_refunded {
            let _ = writeln!(out, "  the whole order is refunded");
        }
    }
    Ok(())
}
