//! Meeting bookings and their CRM activities (issue 17, docs/SCHEMA.md §N6): a booking is a
//! meeting on its host's CRM timeline, My day and the reminders through one `crm_activities`
//! row, written in the booking's own transaction whoever books, moves or cancels it (the record
//! layer and the demo call these).

use serde_json::{Map, Value, json};

use crate::{Result, Row, Writer};

const BOOKINGS: &str = "meeting_bookings";
const ACTIVITIES: &str = "crm_activities";

/// Which booking fields each activity field follows.
const FOLLOWS: &[(&str, &[&str])] = &[
    ("subject", &["meeting_type_id", "guest_name", "status"]),
    ("description", &["location", "meeting_url", "notes", "cancel_reason"]),
    ("activity_date", &["starts_at"]),
    ("duration_minutes", &["starts_at", "ends_at"]),
    ("user_id", &["host_id"]),
    ("organizer_id", &["organizer_id"]),
    ("contact_id", &["contact_id"]),
    ("opportunity_id", &["opportunity_id"]),
    ("event_id", &["event_id"]),
    ("task_status", &["status"]),
    ("metadata", &["status"]),
];

impl Writer<'_> {
    /// Makes the booking's activity, or, after the booking's `changed` fields were changed,
    /// brings the activity's fields that follow them up to date — and only those, so what the
    /// host did to the activity itself (marked it done, snoozed it) stays theirs.
    pub fn keep_meeting_activity(&mut self, booking_id: &str, changed: Option<&[String]>) -> Result<()> {
        let Some(booking) = self.get(BOOKINGS, booking_id)? else { return Ok(()) };
        let kind = match booking.get("meeting_type_id").and_then(Value::as_str) {
            Some(id) => self.get("meeting_types", id)?.map(|t| text(&t, "name")).unwrap_or_default(),
            None => String::new(),
        };
        let mut wanted = activity_for(booking_id, &booking, &kind);
        match self.activity_of(booking_id, &booking)? {
            Some((id, current)) => {
                let follows = |field: &str| {
                    let sources = FOLLOWS.iter().find(|(f, _)| *f == field).map_or(&[][..], |(_, s)| s);
                    changed.is_none_or(|changed| sources.iter().any(|s| changed.iter().any(|c| c == s)))
                };
                wanted.retain(|field, value| follows(field) && current.get(field) != Some(value));
                if !wanted.is_empty() {
                    self.update(ACTIVITIES, &id, wanted)?;
                }
            }
            None => {
                // Derived from the booking as it is now: a computer keeping this version of the
                // booking makes the same row, and an activity made again later (its old one
                // deleted with its company) never takes a deleted row's id, which sync refuses.
                let booking_uuid = uuid::Uuid::parse_str(booking_id).unwrap_or_default();
                let version = format!("crm_activities:{}", text(&booking, "updated_at"));
                let id = uuid::Uuid::new_v5(&booking_uuid, version.as_bytes()).to_string();
                wanted.insert("id".into(), id.clone().into());
                for stamp in ["created_at", "updated_at"] {
                    wanted.insert(stamp.into(), booking.get(stamp).cloned().unwrap_or(Value::Null));
                }
                self.insert(ACTIVITIES, wanted)?;
                let mut link = Map::new();
                link.insert("activity_id".into(), id.into());
                link.insert("updated_at".into(), booking.get("updated_at").cloned().unwrap_or(Value::Null));
                self.update(BOOKINGS, booking_id, link)?;
            }
        }
        Ok(())
    }

    /// Deletes the booking's activity, before the booking itself goes.
    pub fn forget_meeting_activity(&mut self, booking_id: &str) -> Result<()> {
        let Some(booking) = self.get(BOOKINGS, booking_id)? else { return Ok(()) };
        match self.activity_of(booking_id, &booking)? {
            Some((id, _)) => self.delete(ACTIVITIES, &id),
            None => Ok(()),
        }
    }

    /// The activity the booking made: the one its `activity_id` names, if that one says it is
    /// this booking's (`activity_id` is a field like any other, and may have been pointed at
    /// someone else's activity).
    fn activity_of(&self, booking_id: &str, booking: &Row) -> Result<Option<(String, Row)>> {
        let Some(id) = booking.get("activity_id").and_then(Value::as_str) else { return Ok(None) };
        Ok(self
            .get(ACTIVITIES, id)?
            .filter(|a| {
                a.get("metadata").and_then(|m| m.get("meeting_booking_id")).and_then(Value::as_str) == Some(booking_id)
            })
            .map(|a| (id.to_owned(), a)))
    }
}

/// What the booking's activity says: a meeting of the host's, at the booking's time, on its
/// company, contact, deal and event; "Cancelled: …" once cancelled.
fn activity_for(booking_id: &str, booking: &Row, kind: &str) -> Row {
    let guest = text(booking, "guest_name");
    let status = text(booking, "status");
    let what = if kind.is_empty() { "Meeting".to_owned() } else { kind.to_owned() };
    let subject = match status.as_str() {
        "cancelled" => format!("Cancelled: {what} with {guest}"),
        _ => format!("{what} with {guest}"),
    };
    let minutes = match (
        eventos_model::timestamp::parse(&text(booking, "starts_at")),
        eventos_model::timestamp::parse(&text(booking, "ends_at")),
    ) {
        (Some(start), Some(end)) => Value::from((end - start).whole_minutes()),
        _ => Value::Null,
    };
    let details: Vec<String> = ["location", "meeting_url", "notes", "cancel_reason"]
        .iter()
        .map(|f| text(booking, f))
        .filter(|t| !t.trim().is_empty())
        .collect();
    // A cancelled meeting leaves My day and the reminders; one held (or missed) is done.
    let task_status = match status.as_str() {
        "cancelled" => Value::from("cancelled"),
        "completed" | "no_show" => Value::from("completed"),
        _ => Value::Null,
    };
    let field = |name: &str| booking.get(name).cloned().unwrap_or(Value::Null);
    let row = json!({
        "account_id": field("account_id"), "type": "meeting", "subject": subject,
        "description": if details.is_empty() { Value::Null } else { details.join("\n").into() },
        "activity_date": field("starts_at"), "duration_minutes": minutes, "user_id": field("host_id"),
        "organizer_id": field("organizer_id"), "contact_id": field("contact_id"),
        "opportunity_id": field("opportunity_id"), "event_id": field("event_id"), "task_status": task_status,
        "metadata": {"meeting_booking_id": booking_id, "status": status},
    });
    match row {
        Value::Object(map) => map,
        _ => Map::new(),
    }
}

fn text(row: &Row, field: &str) -> String {
    row.get(field).and_then(Value::as_str).unwrap_or_default().to_owned()
}
