//! The demo workspace: one Toronto events business with people in every role, venues, events in
//! every phase (past, live today, upcoming, draft) with their box office, and a CRM. The same
//! seed and day always give the same database, row for row; `--attendees 100000` is the
//! benchmark fixture.

mod crm;
mod events;
mod names;
mod production;
mod rng;
mod system;

use std::collections::HashSet;

use eventos_model::ValidationError;
use eventos_store::{Result, Store, StoreError, Writer};
use serde::Serialize;
use serde_json::Value;
use time::{Date, Duration, OffsetDateTime, Time};

use rng::Rng;

/// The largest demo the generator makes (about 100 events of 10,000 seats).
pub const MAX_ATTENDEES: u64 = 1_000_000;

/// Emails of the demo's people, one per role (password-less locally; the Supabase seed gives
/// them the password `eventos-demo`).
pub const DEMO_USERS: &[(&str, &str, &str)] = &[
    ("owner@demo.eventos.test", "Olivia Owens", "owner"),
    ("organizer@demo.eventos.test", "Sarah Johnson", "admin"),
    ("sales@demo.eventos.test", "Marcus Reid", "manager"),
    ("door@demo.eventos.test", "Dev Door", "member"),
    ("viewer@demo.eventos.test", "Victor Viewer", "viewer"),
];

#[derive(Debug, Clone)]
pub struct DemoOptions {
    /// How many attendees (one ticket each) across all events.
    pub attendees: u64,
    pub seed: u64,
    /// The day the demo is "today": events are placed around it.
    pub today: Date,
}

impl Default for DemoOptions {
    fn default() -> Self {
        DemoOptions { attendees: 400, seed: 1, today: OffsetDateTime::now_utc().date() }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct DemoEvent {
    pub id: String,
    pub name: String,
    pub slug: String,
    pub status: String,
    pub start_at: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct DemoReport {
    pub account_id: String,
    pub events: Vec<DemoEvent>,
    /// The event running today: where the door's check-ins happen.
    pub live_event_slug: String,
    pub attendees: u64,
}

/// Writes the demo workspace into `store` in one transaction. Refuses a replica that already
/// holds an account, so a demo never mixes with real data.
pub fn generate(store: &mut Store, options: &DemoOptions) -> Result<DemoReport> {
    generate_with_progress(store, options, &mut |_, _| {})
}

/// [`generate`], calling `progress(attendees written, attendees in all)` as each event's box
/// office is written (the search index and the commit follow the last call).
pub fn generate_with_progress(
    store: &mut Store,
    options: &DemoOptions,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<DemoReport> {
    let invalid = |field: &str, message: String| Err(StoreError::Invalid(ValidationError::new("demo", field, message)));
    if options.attendees > MAX_ATTENDEES {
        return invalid("attendees", format!("must be at most {MAX_ATTENDEES} (got {})", options.attendees));
    }
    if !(2000..=2999).contains(&options.today.year()) {
        return invalid("today", format!("must be a day between the years 2000 and 2999 (got {})", options.today));
    }
    store.write(|w| {
        if w.count("accounts")? > 0 {
            return Err(StoreError::Invalid(ValidationError::new(
                "accounts",
                "id",
                "this database already holds a workspace; the demo needs an empty one (choose another --db)",
            )));
        }
        w.defer_search_index()?;
        Demo::new(w, options, progress).run()
    })
}

pub(crate) struct Users {
    pub owner: String,
    pub organizer: String,
    pub sales: String,
    pub door: String,
    pub speakers: Vec<String>,
}

pub(crate) struct Demo<'w, 'c> {
    pub w: &'w mut Writer<'c>,
    pub progress: &'w mut dyn FnMut(u64, u64),
    pub rng: Rng,
    pub today: Date,
    pub account: String,
    pub attendees: u64,
    /// Codes handed out so far: a drawn id whose code is taken is drawn again, as a device
    /// creating a row would.
    pub codes: HashSet<String>,
}

impl<'w, 'c> Demo<'w, 'c> {
    fn new(w: &'w mut Writer<'c>, options: &DemoOptions, progress: &'w mut dyn FnMut(u64, u64)) -> Self {
        Demo {
            w,
            progress,
            rng: Rng::new(options.seed),
            today: options.today,
            account: String::new(),
            attendees: options.attendees,
            codes: HashSet::new(),
        }
    }

    fn run(mut self) -> Result<DemoReport> {
        let users = self.people()?;
        let stages = self.pipeline_stages()?;
        let venues = self.venues()?;
        let (mut events, live_event_slug) = self.events(&users, &venues)?;
        self.crm(&users, &stages, &events)?;
        let live = events.iter().find(|e| e.slug == live_event_slug).map(|e| e.id.clone()).unwrap_or_default();
        let show = self.production(&users, &venues[3].0, &live)?;
        events.push(show);
        self.system(&users, &events)?;
        Ok(DemoReport { account_id: self.account, events, live_event_slug, attendees: self.attendees })
    }

    /// A canonical timestamp `days` after today's midnight UTC, plus `minutes`.
    pub fn at(&self, days: i64, minutes: i64) -> String {
        let midnight = self.today.with_time(Time::MIDNIGHT).assume_utc();
        eventos_model::timestamp::format(midnight + Duration::days(days) + Duration::minutes(minutes))
    }

    pub fn date(&self, days: i64) -> String {
        eventos_model::timestamp::format_date(self.today + Duration::days(days))
    }

    pub fn id(&mut self) -> String {
        self.rng.uuid().to_string()
    }

    /// The id every computer gives this row of the demo account (`prepare::shared_id`).
    pub fn shared_id(&self, key: &str) -> String {
        let account = uuid::Uuid::parse_str(&self.account).unwrap_or_default();
        eventos_model::prepare::shared_id(account, key).to_string()
    }

    /// Inserts a row given as a JSON object. A row without an id gets one from the seeded
    /// generator (never the store's random one), so the demo stays deterministic.
    pub fn insert(&mut self, table: &str, row: Value) -> Result<String> {
        let Value::Object(mut row) = row else { unreachable!("demo rows are JSON objects") };
        if !row.contains_key("id") {
            row.insert("id".into(), Value::String(self.id()));
        }
        self.w.insert(table, row)
    }

    /// Inserts a row that belongs to the demo account.
    pub fn insert_owned(&mut self, table: &str, row: Value) -> Result<String> {
        let Value::Object(mut row) = row else { unreachable!("demo rows are JSON objects") };
        row.insert("account_id".into(), Value::String(self.account.clone()));
        self.insert(table, Value::Object(row))
    }

    fn people(&mut self) -> Result<Users> {
        let created = self.at(-400, 600);
        self.account = self.id();
        let account = self.account.clone();
        self.insert(
            "accounts",
            serde_json::json!({
                "id": account, "name": "Northwind Events Toronto", "plan": "pro",
                "billing_email": "billing@demo.eventos.test", "settings": {"timezone": "America/Toronto", "currency": "CAD"},
                "created_at": created, "updated_at": created,
            }),
        )?;
        let mut ids = Vec::new();
        for (email, name, role) in DEMO_USERS {
            let id = self.id();
            self.insert(
                "profiles",
                serde_json::json!({"id": id, "email": email, "full_name": name, "phone": "+1-416-555-0100",
                    "company": "Northwind Events", "created_at": created, "updated_at": created}),
            )?;
            self.insert_owned(
                "account_users",
                serde_json::json!({"user_id": id, "role": role, "status": "active", "joined_at": created,
                    "created_at": created, "updated_at": created}),
            )?;
            ids.push(id);
        }
        let speaker_names =
            ["Dr. Maya Patel", "Jonah Whitfield", "Amara Okafor", "Hiroshi Sato", "Elena Rossi", "Tariq Haddad"];
        let mut speakers = Vec::new();
        for name in speaker_names {
            let id = self.id();
            let email = format!("{}@speakers.example.com", name.to_lowercase().replace(['.', ' '], ""));
            self.insert(
                "profiles",
                serde_json::json!({"id": id, "email": email, "full_name": name, "company": "Guest speaker",
                    "created_at": created, "updated_at": created}),
            )?;
            speakers.push(id);
        }
        Ok(Users {
            owner: ids[0].clone(),
            organizer: ids[1].clone(),
            sales: ids[2].clone(),
            door: ids[3].clone(),
            speakers,
        })
    }

    fn pipeline_stages(&mut self) -> Result<Vec<(String, String, i64)>> {
        let account = uuid::Uuid::parse_str(&self.account).expect("the account id is a uuid");
        let created = self.at(-400, 600);
        let mut stages = Vec::new();
        for mut stage in eventos_model::prepare::default_pipeline_stages(account) {
            stage.insert("created_at".into(), created.clone().into());
            stage.insert("updated_at".into(), created.clone().into());
            let name = stage["name"].as_str().unwrap_or_default().to_owned();
            let probability = stage["default_probability"].as_i64().unwrap_or_default();
            let id = self.w.insert("crm_pipeline_stages", stage)?;
            stages.push((id, name, probability));
        }
        Ok(stages)
    }

    fn venues(&mut self) -> Result<Vec<(String, i64)>> {
        let created = self.at(-380, 600);
        let mut venues = Vec::new();
        for (name, address, postal, capacity) in names::VENUES {
            let id = {
                let row = serde_json::json!({"id": self.rng.uuid().to_string(), "name": name, "address": address, "city": "Toronto",
                    "postal_code": postal, "capacity": capacity,
                    "amenities": {"wifi": true, "parking": capacity > &700, "catering": true, "accessible": true},
                    "contact_email": "events@venue.example.com", "contact_phone": "+1-416-555-0199",
                    "timezone": "America/Toronto", "created_at": created, "updated_at": created});
                self.insert_owned("venues", row)
            }?;
            venues.push((id, *capacity));
        }
        Ok(venues)
    }
}
