//! The door: a scanned or typed code becomes a verdict, and an admitted ticket an
//! `event_checkins` row, all from the local replica (nothing here needs the network).
//!
//! - [`App::check_in`]: the verdict, and the row it writes (the ticket's status follows by a
//!   trigger in the same transaction);
//! - [`lookup`]: the door's live counts, manual search, duplicate entries across devices;
//! - [`keys`]: events' ticket-signing keys and the codes they sign;
//! - [`exchange`]: check-ins crossing to the event's other doors on the local network;
//! - [`scanning`]: the camera (or a folder of images) scanning on its own thread.

mod exchange;
mod keys;
mod ledger;
mod lookup;
mod scanning;

use eventos_model::signed_ticket::{self, Scanned, SignedCode, TicketClaim};
use eventos_store::{Presence, Store, TicketLookup};
use serde::{Deserialize, Serialize};
use serde_json::json;
use ts_rs::TS;

pub use eventos_scan::QrPath;
pub(crate) use exchange::Exchange;
pub use exchange::{DoorExchange, OtherDoor, PairingShown, is_pairing_code};
pub use keys::{TicketCode, ticket_qr};
pub use lookup::{DoorCounts, DoorHit, DuplicateEntry, PastScan};
pub(crate) use scanning::DoorCamera;
pub use scanning::{CameraChoice, CameraResolution, ScannedVerdict, ScannerPoll};

use crate::{App, AppError, ErrorCode, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DoorMode {
    Entry,
    Exit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ScanMethod {
    /// A camera or a USB scanner read the code.
    QrCode,
    /// Typed, or chosen from the search.
    Manual,
}

/// A door as staff set it up: which event (or session), which gate, entry or exit.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, TS)]
pub struct DoorSetup {
    pub event_id: String,
    /// The gate's name, as staff typed it ("Gate B"); recorded as the check-in's `location`.
    pub gate: String,
    pub mode: DoorMode,
    /// Checking people into one session instead of the event.
    pub session_id: Option<String>,
}

/// One scan at one door.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, TS)]
pub struct DoorScan {
    #[serde(flatten)]
    pub door: DoorSetup,
    pub method: ScanMethod,
    /// What the scanner read or the person typed.
    pub payload: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum VerdictKind {
    /// Let them in (green).
    Admitted,
    /// Exit mode: recorded as leaving (green).
    Exited,
    /// Inside already: `previous` says since when and where (amber).
    AlreadyCheckedIn,
    /// Exit mode, but the ticket is not inside (amber).
    NotInside,
    /// A ticket of another event: `other_event` names it (red).
    WrongEvent,
    Cancelled,
    Refunded,
    /// Shaped like a ticket, but not one this computer knows (red).
    Unknown,
    /// A signed code whose signature is not the event's (red).
    InvalidSignature,
    /// Not a ticket code at all (red).
    NotATicket,
}

/// What the door shows for one scan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Verdict {
    pub kind: VerdictKind,
    pub name: Option<String>,
    pub ticket_number: Option<String>,
    pub order_number: Option<String>,
    /// Already checked in: the entry that let them in. Not inside: their last exit.
    pub previous: Option<PastScan>,
    pub other_event: Option<String>,
    /// One sentence more, for the cases a person needs told why.
    pub detail: Option<String>,
    /// Admitted on its signature alone: the ticket's row has not reached this computer yet.
    pub not_yet_synced: bool,
    pub scanned_at: String,
}

impl Verdict {
    fn new(kind: VerdictKind) -> Verdict {
        Verdict {
            kind,
            name: None,
            ticket_number: None,
            order_number: None,
            previous: None,
            other_event: None,
            detail: None,
            not_yet_synced: false,
            scanned_at: eventos_model::timestamp::now(),
        }
    }

    fn about(kind: VerdictKind, ticket: &DoorTicket) -> Verdict {
        Verdict {
            name: ticket.name.clone(),
            ticket_number: Some(ticket.number.clone()),
            order_number: ticket.order_number.clone(),
            not_yet_synced: ticket.lookup.is_none(),
            ..Verdict::new(kind)
        }
    }

    fn with_detail(mut self, detail: impl Into<String>) -> Verdict {
        self.detail = Some(detail.into());
        self
    }
}

/// The ticket a code stands for: from the replica, or (a signed code sold elsewhere since the
/// last sync) from the code's own claim.
struct DoorTicket {
    id: String,
    number: String,
    name: Option<String>,
    order_number: Option<String>,
    lookup: Option<TicketLookup>,
}

impl DoorTicket {
    fn known(lookup: TicketLookup) -> DoorTicket {
        DoorTicket {
            id: lookup.ticket_id.clone(),
            number: lookup.ticket_number.clone(),
            name: lookup.attendee_name.clone(),
            order_number: lookup.order_number.clone(),
            lookup: Some(lookup),
        }
    }

    fn claimed(claim: TicketClaim) -> DoorTicket {
        DoorTicket {
            id: claim.ticket_id.to_string(),
            number: claim.ticket_number,
            name: (!claim.holder.is_empty()).then_some(claim.holder),
            order_number: None,
            lookup: None,
        }
    }
}

impl App {
    /// Decides a scan and, when it admits (or lets out), records it: one `event_checkins` row
    /// (and the ticket's derived status) in one transaction. A rejected scan writes nothing.
    pub fn check_in(&mut self, scan: &DoorScan) -> Result<Verdict> {
        let verdict = check_in(self.store_mut()?, scan)?;
        if verdict.recorded() {
            self.edited();
            // The other doors hear of it now, not at the exchange's next tick.
            if let Some(exchange) = &self.exchange {
                exchange.kick();
            }
        }
        Ok(verdict)
    }
}

impl Verdict {
    /// Whether the scan wrote a check-in (an entry or an exit).
    pub fn recorded(&self) -> bool {
        matches!(self.kind, VerdictKind::Admitted | VerdictKind::Exited)
    }
}

/// [`App::check_in`] on any connection to the replica (the scanner thread has its own).
pub(crate) fn check_in(store: &mut Store, scan: &DoorScan) -> Result<Verdict> {
    let door = &scan.door;
    let event_name = event_name(store, &door.event_id)?
        .ok_or_else(|| AppError::new(ErrorCode::NotFound, "this event is not on this computer"))?;
    if let Some(session) = &door.session_id {
        let in_event = store.get("sessions", session)?.is_some_and(|s| s["event_id"] == door.event_id.as_str());
        if !in_event {
            return Err(AppError::new(ErrorCode::NotFound, format!("this session is not part of {event_name}")));
        }
    }
    let ticket = match identify(store, &door.event_id, &scan.payload)? {
        Ok(ticket) => ticket,
        Err(verdict) => return Ok(verdict),
    };
    if let Some(refusal) = refusal(&ticket) {
        return Ok(refusal);
    }
    let presence = presence(store, &ticket, door.session_id.as_deref())?;
    let inside = presence.as_ref().is_some_and(|p| p.inside);
    let verdict = match (door.mode, inside) {
        (DoorMode::Entry, true) => {
            let mut verdict = Verdict::about(VerdictKind::AlreadyCheckedIn, &ticket);
            verdict.previous = presence.map(|p| PastScan::from_presence(p, store));
            return Ok(verdict);
        }
        (DoorMode::Exit, false) => {
            let mut verdict = Verdict::about(VerdictKind::NotInside, &ticket);
            verdict.previous = presence.map(|p| PastScan::from_presence(p, store));
            return Ok(verdict.with_detail("This ticket has not been checked in, or has already left."));
        }
        (DoorMode::Entry, false) => Verdict::about(VerdictKind::Admitted, &ticket),
        (DoorMode::Exit, true) => Verdict::about(VerdictKind::Exited, &ticket),
    };
    let row = checkin_row(scan, &ticket, &verdict, store.device_node()?);
    // A door laptop's replica holds its event, not the account row the check-in names: foreign
    // keys are not enforced for this one insert. What it refers to was found just above (the
    // event, the session within it, the ticket's attendee).
    store.write_partial(|w| w.insert("event_checkins", row))?;
    Ok(verdict)
}

/// The ticket a payload stands for, or the verdict that ends the scan there.
fn identify(store: &Store, event_id: &str, payload: &str) -> Result<Result<DoorTicket, Verdict>> {
    let lookup = match signed_ticket::classify(payload) {
        Scanned::NotATicket => {
            return Ok(Err(
                Verdict::new(VerdictKind::NotATicket).with_detail("What was read is not an EventOS ticket code.")
            ));
        }
        Scanned::Signed(code) => return signed(store, event_id, code),
        Scanned::QrCode(code) => store.ticket_by_qr_code(&code)?,
        Scanned::TicketNumber(number) => store.ticket_by_number(&number)?,
    };
    let Some(lookup) = lookup else {
        return Ok(
            Err(Verdict::new(VerdictKind::Unknown).with_detail("No ticket with this code is on this computer.")),
        );
    };
    if lookup.event_id != event_id {
        let mut verdict = Verdict::about(VerdictKind::WrongEvent, &DoorTicket::known(lookup.clone()));
        verdict.other_event = event_name(store, &lookup.event_id)?;
        return Ok(Err(verdict));
    }
    Ok(Ok(DoorTicket::known(lookup)))
}

/// A signed code: verified with its event's key, then found in the replica if it is there.
fn signed(store: &Store, event_id: &str, code: SignedCode) -> Result<Result<DoorTicket, Verdict>> {
    let claimed_event = code.event_id().to_string();
    let key = store.get("events", &claimed_event)?.and_then(|e| e["ticket_public_key"].as_str().map(str::to_owned));
    let Some(key) = key else {
        let verdict = if claimed_event == event_id {
            Verdict::new(VerdictKind::InvalidSignature)
                .with_detail("This event has no ticket key on this computer, so signed tickets cannot be checked.")
        } else {
            let mut verdict = Verdict::new(VerdictKind::WrongEvent);
            verdict.other_event = event_name(store, &claimed_event)?;
            verdict
        };
        return Ok(Err(verdict));
    };
    let claim = match code.verify(&key) {
        Ok(claim) => claim,
        Err(e) => {
            return Ok(Err(Verdict::new(VerdictKind::InvalidSignature).with_detail(format!("{e}: it may be forged."))));
        }
    };
    if claimed_event != event_id {
        let mut verdict = Verdict::about(VerdictKind::WrongEvent, &DoorTicket::claimed(claim));
        verdict.other_event = event_name(store, &claimed_event)?;
        return Ok(Err(verdict));
    }
    Ok(Ok(match store.ticket_by_id(&claim.ticket_id.to_string())? {
        // The replica's row knows more (a cancellation, a refund) than the code does.
        Some(lookup) if lookup.event_id == event_id => DoorTicket::known(lookup),
        Some(_) => return Ok(Err(Verdict::new(VerdictKind::InvalidSignature))),
        None => DoorTicket::claimed(claim),
    }))
}

/// Cancelled and refunded tickets known here fail, whatever their code says.
fn refusal(ticket: &DoorTicket) -> Option<Verdict> {
    let lookup = ticket.lookup.as_ref()?;
    if lookup.status == "refunded" || lookup.order_refunded {
        return Some(Verdict::about(VerdictKind::Refunded, ticket).with_detail("This ticket was refunded."));
    }
    (lookup.status == "cancelled")
        .then(|| Verdict::about(VerdictKind::Cancelled, ticket).with_detail("This ticket was cancelled."))
}

/// Where the ticket is: its latest check-in here, or — for the event's door — a ticket used
/// with no check-in row on this computer (checked in by the web app) counts as inside.
fn presence(store: &Store, ticket: &DoorTicket, session: Option<&str>) -> Result<Option<Presence>> {
    if let Some(presence) = store.presence(&ticket.id, session)? {
        return Ok(Some(presence));
    }
    let used_elsewhere =
        session.is_none() && ticket.lookup.as_ref().is_some_and(|t| t.status == "used" && t.checked_in_at.is_some());
    Ok(used_elsewhere.then(|| {
        let at = ticket.lookup.as_ref().and_then(|t| t.checked_in_at.clone()).unwrap_or_default();
        Presence { inside: true, at: at.clone(), entered_at: Some(at), gate: None, device_id: None }
    }))
}

fn checkin_row(scan: &DoorScan, ticket: &DoorTicket, verdict: &Verdict, device: String) -> eventos_store::Row {
    let now = &verdict.scanned_at;
    let entry = verdict.kind == VerdictKind::Admitted;
    let door = &scan.door;
    let gate = door.gate.trim();
    json!({
        "event_id": door.event_id,
        "attendee_id": ticket.lookup.as_ref().and_then(|t| t.attendee_id.clone()),
        "session_id": door.session_id,
        "ticket_id": ticket.id,
        "device_id": device,
        "check_in_time": if entry { Some(now) } else { None },
        "check_out_time": if entry { None } else { Some(now) },
        "is_present": entry,
        "location": (!gate.is_empty()).then_some(gate),
        "qr_code_scanned": (scan.method == ScanMethod::QrCode).then(|| scan.payload.trim()),
        "check_in_method": match scan.method {
            ScanMethod::QrCode => "qr_code",
            ScanMethod::Manual => "manual",
        },
    })
    .as_object()
    .cloned()
    .unwrap_or_default()
}

fn event_name(store: &Store, event_id: &str) -> Result<Option<String>> {
    Ok(store.get("events", event_id)?.and_then(|e| e["name"].as_str().map(str::to_owned)))
}
