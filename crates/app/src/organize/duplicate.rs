//! Duplicating an event for its next edition: the event (a draft, named "… (copy)"), its
//! sessions, speakers, sponsors and team, moved to the new start on the wall clock of its
//! venue's zone. Not its orders, tickets, check-ins or feedback.

use std::collections::HashMap;

use eventos_store::zones::{shift_wall_clock, utc_to_local};
use eventos_store::{Row, Store};
use serde_json::Value;

use super::zone_of_venue;
use crate::events::EventDetail;
use crate::records::Action;
use crate::{App, Result, no_event, text};

/// What a copy takes, parents before children, and its timestamps that move with the event.
const COPIED: [(&str, &[&str]); 4] = [
    ("speakers", &[]),
    ("sponsors", &[]),
    ("event_teams", &[]),
    ("sessions", &["start_time", "end_time", "registration_deadline"]),
];

/// Columns a copy never takes over: it is a new row, made now.
const FRESH: [&str; 5] = ["id", "created_at", "updated_at", "slug", "ticket_public_key"];

impl App {
    /// Copies the event to start at `starts` (wall-clock, in its venue's zone); returns the copy.
    pub fn duplicate_event(&mut self, event_id: &str, starts: &str) -> Result<EventDetail> {
        self.permitted("events", Action::Create)?;
        let store = self.store_mut()?;
        let event = store.get("events", event_id)?.ok_or_else(|| no_event(event_id))?;
        let venue = match event.get("venue_id").and_then(Value::as_str) {
            Some(id) => store.get("venues", id)?,
            None => None,
        };
        let zone = zone_of_venue(venue.as_ref());
        let old_start = text(&event, "start_at");
        let from = utc_to_local(&old_start, &zone).unwrap_or_default();
        eventos_store::zones::local_to_utc(starts, &zone, "start_at").map_err(eventos_store::StoreError::from)?;
        let shift = |utc: &str| shift_wall_clock(utc, &zone, &from, starts);
        let children = COPIED
            .iter()
            .map(|(table, _)| Ok((*table, rows_of(store, table, event_id)?)))
            .collect::<Result<Vec<_>>>()?;
        let id = store.write(|w| {
            let mut copy = fresh(&event);
            copy.insert("name".into(), Value::from(format!("{} (copy)", text(&event, "name"))));
            copy.insert("status".into(), Value::from("draft"));
            for field in ["start_at", "end_at"] {
                copy.insert(field.into(), shift(&text(&event, field)).map_or(Value::Null, Value::from));
            }
            let new_event = w.insert("events", copy)?;
            // Old id → new id, so a session's speaker is the copied speaker.
            let mut copied: HashMap<String, String> = HashMap::new();
            for ((table, moving), (_, rows)) in COPIED.iter().zip(&children) {
                for old in rows {
                    let mut row = fresh(old);
                    row.insert("event_id".into(), Value::from(new_event.clone()));
                    for field in *moving {
                        if let Some(at) = old.get(*field).and_then(Value::as_str) {
                            row.insert((*field).into(), shift(at).map_or(Value::Null, Value::from));
                        }
                    }
                    if let Some(speaker) = old.get("speaker_id").and_then(Value::as_str) {
                        row.insert("speaker_id".into(), copied.get(speaker).cloned().map_or(Value::Null, Value::from));
                    }
                    if *table == "sessions" {
                        row.insert("current_registrations".into(), Value::from(0));
                        row.remove("duration_minutes");
                    }
                    let new_id = w.insert(table, row)?;
                    copied.insert(text(old, "id"), new_id);
                }
            }
            Ok(new_event)
        })?;
        self.edited();
        self.event(&id)
    }
}

fn rows_of(store: &Store, table: &str, event_id: &str) -> Result<Vec<Row>> {
    let ids: Vec<String> = store
        .connection()
        .prepare(&format!("SELECT id FROM {table} WHERE event_id = ?1 ORDER BY created_at, id"))?
        .query_map([event_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    ids.iter().filter_map(|id| store.get(table, id).transpose()).map(|r| r.map_err(Into::into)).collect()
}

fn fresh(row: &Row) -> Row {
    row.iter().filter(|(k, _)| !FRESH.contains(&k.as_str())).map(|(k, v)| (k.clone(), v.clone())).collect()
}
