//! An event's programme as the organizer plans it: sessions per day in the venue's time zone
//! with rooms as lanes, speakers with their sessions, sponsors by tier with their amounts, and
//! materials; plus the warnings a plan needs before the day — a speaker in two sessions at
//! once, a room double-booked, a session outside the event's dates, a session over its room's
//! capacity. Cancelled sessions take no place and raise no warning.

use std::collections::BTreeMap;

use eventos_store::zones::utc_to_local;
use serde::Serialize;
use ts_rs::TS;

use eventos_model::decimal::cents;

use super::event_zone;
use crate::records::{Action, View};
use crate::{Result, no_event, text};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Programme {
    pub event_id: String,
    pub event_name: String,
    /// The venue's zone: every `*_local` time is its wall clock.
    pub zone: String,
    pub starts_local: String,
    pub ends_local: String,
    /// The lanes: each room (a venue) sessions use, by name; "No room" last when some have none.
    pub rooms: Vec<Room>,
    pub days: Vec<ProgrammeDay>,
    pub speakers: Vec<SpeakerLine>,
    pub sponsor_tiers: Vec<SponsorTier>,
    pub materials: Vec<MaterialLine>,
    pub warnings: Vec<Warning>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Room {
    /// None: sessions with no room.
    pub id: Option<String>,
    pub name: String,
    pub capacity: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ProgrammeDay {
    /// The local date, `2026-03-08`.
    pub date: String,
    pub sessions: Vec<ProgrammeSession>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ProgrammeSession {
    pub id: String,
    pub title: String,
    pub session_type: Option<String>,
    pub status: String,
    pub start_local: String,
    pub end_local: String,
    pub room_id: Option<String>,
    pub speaker_id: Option<String>,
    pub speaker_name: Option<String>,
    pub max_attendees: Option<i64>,
    /// The kinds of warning that name this session.
    pub warnings: Vec<WarningKind>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SpeakerLine {
    pub id: String,
    pub name: String,
    pub status: String,
    /// Titles of the speaker's sessions, in time order.
    pub sessions: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SponsorTier {
    /// platinum, gold, silver, bronze, partner, or "none".
    pub tier: String,
    /// Confirmed sponsors' amounts, in cents.
    pub confirmed_cents: i64,
    pub sponsors: Vec<SponsorLine>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SponsorLine {
    pub id: String,
    pub company_name: String,
    pub amount_cents: Option<i64>,
    pub status: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct MaterialLine {
    pub id: String,
    pub title: String,
    pub material_type: Option<String>,
    pub session_title: Option<String>,
    pub file_url: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum WarningKind {
    SpeakerDoubleBooked,
    RoomDoubleBooked,
    OutsideEventDates,
    OverRoomCapacity,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Warning {
    pub kind: WarningKind,
    /// The sessions it is about.
    pub sessions: Vec<String>,
    pub message: String,
}

/// A session as the checks read it.
struct Planned {
    id: String,
    title: String,
    start: String,
    end: String,
    room: Option<String>,
    room_name: Option<String>,
    room_capacity: Option<i64>,
    speaker: Option<String>,
    speaker_name: Option<String>,
    max_attendees: Option<i64>,
    session_type: Option<String>,
    status: String,
}

const SESSIONS: &str = "\
    SELECT s.id, s.title, s.start_time, s.end_time, s.venue_id, v.name, v.capacity, s.speaker_id, \
           COALESCE(p.full_name, sp.presentation_title), s.max_attendees, s.session_type, COALESCE(s.status, 'scheduled') \
    FROM sessions s LEFT JOIN venues v ON v.id = s.venue_id LEFT JOIN speakers sp ON sp.id = s.speaker_id \
    LEFT JOIN profiles p ON p.id = sp.profile_id WHERE s.event_id = ?1 ORDER BY s.start_time, s.title, s.id";

/// The event's programme, for a role that may read sessions.
pub(crate) fn programme(view: &View<'_>, event: &str) -> Result<Programme> {
    view.permitted("sessions", Action::Read)?;
    let store = view.store();
    let event_id = store.event_id_of(event)?.ok_or_else(|| no_event(event))?;
    let row = store.get("events", &event_id)?.ok_or_else(|| no_event(event))?;
    let zone = event_zone(store, &row)?;
    let local = |utc: &str| utc_to_local(utc, &zone).unwrap_or_else(|| utc.to_owned());
    let db = store.connection();
    let planned: Vec<Planned> = db
        .prepare(SESSIONS)?
        .query_map([&event_id], |r| {
            Ok(Planned {
                id: r.get(0)?,
                title: r.get(1)?,
                start: r.get(2)?,
                end: r.get(3)?,
                room: r.get(4)?,
                room_name: r.get(5)?,
                room_capacity: r.get(6)?,
                speaker: r.get(7)?,
                speaker_name: r.get(8)?,
                max_attendees: r.get(9)?,
                session_type: r.get(10)?,
                status: r.get(11)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let (event_start, event_end) = (text(&row, "start_at"), text(&row, "end_at"));
    let warnings = warnings(&planned, &event_start, &event_end);
    let mut rooms: Vec<Room> = Vec::new();
    let mut days: BTreeMap<String, Vec<ProgrammeSession>> = BTreeMap::new();
    for s in &planned {
        if !rooms.iter().any(|r| r.id == s.room) {
            let name = s.room_name.clone().unwrap_or_else(|| "No room".into());
            rooms.push(Room { id: s.room.clone(), name, capacity: s.room_capacity });
        }
        let start_local = local(&s.start);
        let mut kinds: Vec<WarningKind> =
            warnings.iter().filter(|w| w.sessions.contains(&s.id)).map(|w| w.kind).collect();
        kinds.sort();
        kinds.dedup();
        days.entry(start_local[..10.min(start_local.len())].to_owned()).or_default().push(ProgrammeSession {
            id: s.id.clone(),
            title: s.title.clone(),
            session_type: s.session_type.clone(),
            status: s.status.clone(),
            end_local: local(&s.end),
            start_local,
            room_id: s.room.clone(),
            speaker_id: s.speaker.clone(),
            speaker_name: s.speaker_name.clone(),
            max_attendees: s.max_attendees,
            warnings: kinds,
        });
    }
    rooms.sort_by(|a, b| (a.id.is_none(), &a.name).cmp(&(b.id.is_none(), &b.name)));
    Ok(Programme {
        starts_local: local(&event_start),
        ends_local: local(&event_end),
        rooms,
        days: days.into_iter().map(|(date, sessions)| ProgrammeDay { date, sessions }).collect(),
        speakers: speakers(view, &event_id, &planned)?,
        sponsor_tiers: sponsor_tiers(view, &event_id)?,
        materials: materials(view, &event_id)?,
        warnings,
        zone,
        event_id,
        event_name: text(&row, "name"),
    })
}

/// The plan's problems, each naming its sessions (times compared in UTC: the stored form
/// sorts as time).
fn warnings(planned: &[Planned], event_start: &str, event_end: &str) -> Vec<Warning> {
    let live: Vec<&Planned> = planned.iter().filter(|s| s.status != "cancelled").collect();
    let mut out = Vec::new();
    for (i, a) in live.iter().enumerate() {
        for b in &live[i + 1..] {
            let overlap = a.start < b.end && b.start < a.end;
            if !overlap {
                continue;
            }
            if a.speaker.is_some() && a.speaker == b.speaker {
                let who = a.speaker_name.clone().unwrap_or_else(|| "A speaker".into());
                out.push(Warning {
                    kind: WarningKind::SpeakerDoubleBooked,
                    sessions: vec![a.id.clone(), b.id.clone()],
                    message: format!("{who} is in two sessions at once: {} and {}", a.title, b.title),
                });
            }
            if a.room.is_some() && a.room == b.room {
                let room = a.room_name.clone().unwrap_or_else(|| "A room".into());
                out.push(Warning {
                    kind: WarningKind::RoomDoubleBooked,
                    sessions: vec![a.id.clone(), b.id.clone()],
                    message: format!("{room} is booked twice: {} and {} overlap", a.title, b.title),
                });
            }
        }
        if !event_start.is_empty() && a.start.as_str() < event_start
            || !event_end.is_empty() && a.end.as_str() > event_end
        {
            out.push(Warning {
                kind: WarningKind::OutsideEventDates,
                sessions: vec![a.id.clone()],
                message: format!("{} is outside the event's dates", a.title),
            });
        }
        if let (Some(wanted), Some(room)) = (a.max_attendees, a.room_capacity)
            && wanted > room
        {
            let name = a.room_name.clone().unwrap_or_default();
            out.push(Warning {
                kind: WarningKind::OverRoomCapacity,
                sessions: vec![a.id.clone()],
                message: format!("{} expects {wanted} people but {name} holds {room}", a.title),
            });
        }
    }
    out
}

fn speakers(view: &View<'_>, event_id: &str, planned: &[Planned]) -> Result<Vec<SpeakerLine>> {
    if view.permitted("speakers", Action::Read).is_err() {
        return Ok(Vec::new());
    }
    let sql = "SELECT sp.id, COALESCE(p.full_name, sp.presentation_title, 'Speaker'), COALESCE(sp.status, 'pending') \
               FROM speakers sp LEFT JOIN profiles p ON p.id = sp.profile_id WHERE sp.event_id = ?1 ORDER BY 2, 1";
    let rows: Vec<(String, String, String)> = view
        .store()
        .connection()
        .prepare(sql)?
        .query_map([event_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows
        .into_iter()
        .map(|(id, name, status)| {
            let sessions =
                planned.iter().filter(|s| s.speaker.as_ref() == Some(&id)).map(|s| s.title.clone()).collect();
            SpeakerLine { id, name, status, sessions }
        })
        .collect())
}

/// Tiers from platinum down; amounts exact (numeric text to cents).
fn sponsor_tiers(view: &View<'_>, event_id: &str) -> Result<Vec<SponsorTier>> {
    if view.permitted("sponsors", Action::Read).is_err() {
        return Ok(Vec::new());
    }
    let sql = "SELECT id, company_name, sponsorship_amount, COALESCE(status, 'pending'), COALESCE(sponsorship_tier, 'none') \
               FROM sponsors WHERE event_id = ?1 ORDER BY company_name, id";
    let mut tiers: Vec<SponsorTier> = ["platinum", "gold", "silver", "bronze", "partner", "none"]
        .iter()
        .map(|t| SponsorTier { tier: (*t).into(), confirmed_cents: 0, sponsors: Vec::new() })
        .collect();
    let db = view.store().connection();
    let mut stmt = db.prepare(sql)?;
    let rows = stmt.query_map([event_id], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, Option<String>>(2)?,
            r.get(3)?,
            r.get::<_, String>(4)?,
        ))
    })?;
    for found in rows {
        let (id, company_name, amount, status, tier) = found?;
        let amount_cents = amount.as_deref().and_then(cents);
        let Some(slot) = tiers.iter_mut().find(|t| t.tier == tier) else { continue };
        if status == "confirmed" {
            slot.confirmed_cents += amount_cents.unwrap_or(0);
        }
        slot.sponsors.push(SponsorLine { id, company_name, amount_cents, status });
    }
    tiers.retain(|t| !t.sponsors.is_empty());
    Ok(tiers)
}

fn materials(view: &View<'_>, event_id: &str) -> Result<Vec<MaterialLine>> {
    if view.permitted("event_materials", Action::Read).is_err() {
        return Ok(Vec::new());
    }
    let sql = "SELECT m.id, m.title, m.material_type, s.title, m.file_url FROM event_materials m \
               LEFT JOIN sessions s ON s.id = m.session_id WHERE m.event_id = ?1 ORDER BY s.start_time, m.title, m.id";
    let rows = view
        .store()
        .connection()
        .prepare(sql)?
        .query_map([event_id], |r| {
            Ok(MaterialLine {
                id: r.get(0)?,
                title: r.get(1)?,
                material_type: r.get(2)?,
                session_title: r.get(3)?,
                file_url: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}
