//! Ticket-signing keys: one Ed25519 pair per event. The public half is the event row's
//! `ticket_public_key` (synced, so every door can verify); the private half stays in the
//! keychain of the organizer machine that made it (see `crate::sync::Secrets`).

use eventos_model::signed_ticket::{TicketClaim, TicketKey};
use eventos_store::TicketLookup;
use serde::Serialize;
use serde_json::json;
use ts_rs::TS;
use uuid::Uuid;

use crate::sync::Secrets;
use crate::{App, AppError, ErrorCode, Result};

/// A ticket's QR payload, for printing or for a demo folder of ticket images.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct TicketCode {
    pub ticket_number: String,
    pub name: Option<String>,
    /// What the QR code holds.
    pub payload: String,
    /// Signed with the event's key (else the seed's random code, found by lookup only).
    pub signed: bool,
}

impl App {
    /// Makes sure the event signs its tickets: creates its key pair if it has none (the
    /// private half into the keychain, the public half onto the event row) and returns the
    /// public key. An event whose key was made on another computer cannot sign here.
    pub fn ensure_ticket_key(&mut self, event_id: &str) -> Result<String> {
        let event = self.store()?.get("events", event_id)?.ok_or_else(|| not_found(event_id))?;
        if let Some(public) = event["ticket_public_key"].as_str() {
            return match self.ticket_key(event_id)? {
                Some(key) if key.public_text() == public => Ok(public.to_owned()),
                _ => Err(AppError::new(
                    ErrorCode::Invalid,
                    "this event's tickets are signed on another computer; sign them there",
                )),
            };
        }
        let key = TicketKey::generate();
        self.key_slot(event_id).save_text(&key.secret_text(), "the event's ticket key")?;
        let public = key.public_text();
        let patch = json!({"ticket_public_key": public}).as_object().cloned().unwrap_or_default();
        self.store_mut()?.write(|w| w.update("events", event_id, patch))?;
        Ok(public)
    }

    /// [`App::ensure_ticket_key`] for every event without a key.
    pub fn ensure_ticket_keys(&mut self) -> Result<()> {
        let ids: Vec<String> = self
            .store()?
            .connection()
            .prepare("SELECT id FROM events WHERE ticket_public_key IS NULL ORDER BY id")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for id in ids {
            self.ensure_ticket_key(&id)?;
        }
        Ok(())
    }

    /// The QR payloads of the event's valid tickets (active or used), in ticket-number order,
    /// at most `limit`: signed when this computer holds the event's key, else the stored code.
    pub fn ticket_codes(&self, event_id: &str, limit: usize) -> Result<Vec<TicketCode>> {
        let tickets = self.store()?.tickets_of_event(event_id, limit)?;
        self.codes_of(event_id, tickets)
    }

    /// The QR payloads of these tickets of the event: signed when this computer holds the
    /// event's key, else each ticket's stored code.
    pub(crate) fn codes_of(&self, event_id: &str, tickets: Vec<TicketLookup>) -> Result<Vec<TicketCode>> {
        let event = self.store()?.get("events", event_id)?.ok_or_else(|| not_found(event_id))?;
        let key = self.ticket_key(event_id)?.filter(|k| event["ticket_public_key"] == k.public_text().as_str());
        let event_uuid = parse_uuid(event_id)?;
        tickets
            .into_iter()
            .map(|t| {
                let payload = match &key {
                    Some(key) => key.sign(&TicketClaim {
                        ticket_id: parse_uuid(&t.ticket_id)?,
                        event_id: event_uuid,
                        ticket_number: t.ticket_number.clone(),
                        holder: t.attendee_name.clone().unwrap_or_default(),
                    }),
                    None => t.qr_code.clone(),
                };
                Ok(TicketCode { ticket_number: t.ticket_number, name: t.attendee_name, payload, signed: key.is_some() })
            })
            .collect()
    }

    fn ticket_key(&self, event_id: &str) -> Result<Option<TicketKey>> {
        let Some(text) = self.key_slot(event_id).load_text() else { return Ok(None) };
        TicketKey::from_secret_text(&text)
            .map(Some)
            .map_err(|e| AppError::new(ErrorCode::Internal, format!("the stored ticket key of this event: {e}")))
    }

    fn key_slot(&self, event_id: &str) -> Secrets {
        Secrets::ticket_key(&self.data_dir, self.session_store, event_id)
    }
}

fn parse_uuid(id: &str) -> Result<Uuid> {
    Uuid::parse_str(id).map_err(|_| AppError::new(ErrorCode::Invalid, format!("{id} is not an id")))
}

fn not_found(event_id: &str) -> AppError {
    AppError::new(ErrorCode::NotFound, format!("no event {event_id} on this computer"))
}

/// A ticket's QR code as a vector path, for a screen to draw. Apart from the sale, and off the
/// App's lock: drawing one takes a few milliseconds (the encoder tries every mask), which a
/// sale or a scan need not wait for.
pub fn ticket_qr(payload: &str) -> Result<eventos_scan::QrPath> {
    eventos_scan::qr_path(payload)
        .map_err(|e| AppError::new(ErrorCode::Invalid, format!("this cannot be drawn as a QR code: {e}")))
}
