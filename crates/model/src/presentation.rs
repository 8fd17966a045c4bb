//! How tables and fields are shown to people: what the schema registry does not know (labels,
//! which field names a row, which fields a list shows first, which area a table belongs to).
//! One place for it: the record layer, the generic screens and the CLI all read this, so a new
//! table needs no hand-written UI — the defaults below make it presentable, and an entry in
//! [`OVERRIDES`] makes it read well.

use crate::schema::{self, Column, ColumnType, Table};

/// Where a table lives in the app's navigation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Area {
    /// The organisation itself: accounts, members, people, integrations and scheduled jobs.
    Account,
    /// Running events: venues, events, the box office, the programme, the team, …
    Events,
    /// Fashion production: designers, models, a show's run-of-show and looks.
    Production,
    /// The sales reps' CRM.
    Crm,
    /// Outreach: campaigns, notifications, media partners, influencers and social platforms.
    Outreach,
}

/// A table as people see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TablePresentation {
    pub table: &'static str,
    /// Plural, for lists and navigation ("Event expenses").
    pub label: String,
    /// Singular, for forms and buttons ("New event expense").
    pub singular: String,
    pub area: Area,
    /// The fields that name a row, first that has a value wins ("Sarah Johnson").
    pub naming: Vec<&'static str>,
    /// The fields a list shows by default, in order.
    pub list: Vec<&'static str>,
}

/// Fields of child rows a list filters on, `child.field` (the rows with a child that matches):
/// whether an attendee's ticket was checked in, an order's tickets' status.
const RELATED_FILTERS: &[(&str, &[&str])] = &[
    ("attendees", &["tickets.checked_in_at", "tickets.status"]),
    ("orders", &["tickets.status", "tickets.checked_in_at"]),
    ("events", &["sessions.start_time"]),
    ("crm_organizers", &["crm_opportunities.status", "crm_contacts.is_primary"]),
];

/// The child fields a list of `table` filters on (see [`RELATED_FILTERS`]).
pub fn related_filters(table: &str) -> &'static [&'static str] {
    RELATED_FILTERS.iter().find(|(t, _)| *t == table).map_or(&[], |(_, fields)| fields)
}

/// Hand-written touches, table by table; everything else is derived from the registry.
struct Override {
    table: &'static str,
    singular: &'static str,
    naming: &'static [&'static str],
    list: &'static [&'static str],
}

const OVERRIDES: &[Override] = &[
    Override {
        table: "profiles",
        singular: "person",
        naming: &["full_name", "email"],
        list: &["full_name", "email", "phone", "company"],
    },
    Override {
        table: "account_users",
        singular: "member",
        naming: &["user_id"],
        list: &["user_id", "role", "status", "joined_at"],
    },
    Override {
        table: "events",
        singular: "event",
        naming: &["name"],
        list: &["name", "start_at", "venue_id", "status", "capacity", "price_cents"],
    },
    Override {
        table: "orders",
        singular: "order",
        naming: &["order_number"],
        list: &["order_number", "event_id", "quantity", "total_cents", "payment_status", "created_at"],
    },
    Override {
        table: "attendees",
        singular: "attendee",
        naming: &["full_name", "email"],
        list: &["full_name", "email", "phone", "event_id"],
    },
    Override {
        table: "tickets",
        singular: "ticket",
        naming: &["ticket_number"],
        list: &["ticket_number", "attendee_id", "event_id", "status", "checked_in_at"],
    },
    Override {
        table: "speakers",
        singular: "speaker",
        naming: &["presentation_title", "profile_id"],
        list: &["profile_id", "presentation_title", "event_id", "status"],
    },
    Override {
        table: "sessions",
        singular: "session",
        naming: &["title"],
        list: &["title", "start_time", "end_time", "session_type", "speaker_id", "status"],
    },
    Override {
        table: "sponsors",
        singular: "sponsor",
        naming: &["company_name"],
        list: &["company_name", "sponsorship_tier", "sponsorship_amount", "status"],
    },
    Override {
        table: "event_feedback",
        singular: "feedback",
        naming: &["comments"],
        list: &["overall_rating", "comments", "event_id", "created_at"],
    },
    Override {
        table: "event_checkins",
        singular: "check-in",
        naming: &["check_in_time"],
        list: &["check_in_time", "attendee_id", "location", "check_in_method"],
    },
    Override {
        table: "event_waitlists",
        singular: "waitlist entry",
        naming: &["waitlist_position"],
        list: &["waitlist_position", "attendee_id", "status", "expires_at"],
    },
    Override {
        table: "event_expenses",
        singular: "expense",
        naming: &["expense_name"],
        list: &["expense_name", "expense_category", "amount", "status", "payment_date"],
    },
    Override {
        table: "event_teams",
        singular: "team member",
        naming: &["member_id"],
        list: &["member_id", "role", "status", "event_id"],
    },
    Override {
        table: "crm_organizers",
        singular: "company",
        naming: &["company_name"],
        list: &["company_name", "status", "industry", "assigned_to", "health_score", "last_activity_at"],
    },
    Override {
        table: "crm_contacts",
        singular: "contact",
        naming: &["full_name", "email"],
        list: &["full_name", "title", "organizer_id", "email", "phone"],
    },
    Override {
        table: "crm_pipeline_stages",
        singular: "pipeline stage",
        naming: &["name"],
        list: &["order_index", "name", "default_probability", "is_closed", "is_won"],
    },
    Override {
        table: "crm_opportunities",
        singular: "opportunity",
        naming: &["name"],
        list: &["name", "organizer_id", "stage_id", "value", "expected_close_date", "status"],
    },
    Override {
        table: "crm_activities",
        singular: "activity",
        naming: &["subject"],
        list: &["activity_date", "type", "subject", "organizer_id", "task_status"],
    },
    Override {
        table: "crm_notes",
        singular: "note",
        naming: &["title", "content"],
        list: &["title", "organizer_id", "is_pinned", "created_at"],
    },
    Override {
        table: "crm_documents",
        singular: "document",
        naming: &["file_name"],
        list: &["file_name", "document_type", "organizer_id", "is_signed"],
    },
    Override {
        table: "crm_email_templates",
        singular: "email template",
        naming: &["name"],
        list: &["name", "category", "subject", "is_active"],
    },
    Override {
        table: "notifications",
        singular: "notification",
        naming: &["title"],
        list: &["title", "type", "user_id", "read_at"],
    },
    Override {
        table: "fashion_designers",
        singular: "designer",
        naming: &["name"],
        list: &["name", "brand_name", "status", "contact_email"],
    },
    Override {
        table: "models",
        singular: "model",
        naming: &["full_name"],
        list: &["full_name", "agency_name", "height_cm", "status", "day_rate_cents"],
    },
    Override {
        table: "production_runs",
        singular: "production run",
        naming: &["title"],
        list: &["run_order", "title", "designer_id", "session_id", "status", "planned_start_at"],
    },
    Override {
        table: "production_run_models",
        singular: "model booking",
        naming: &["model_id"],
        list: &["model_id", "production_run_id", "call_at", "status"],
    },
    Override {
        table: "production_looks",
        singular: "look",
        naming: &["title", "look_number"],
        list: &["look_number", "title", "model_id", "production_run_id", "change_type"],
    },
    Override {
        table: "social_media_platforms",
        singular: "social media platform",
        naming: &["name"],
        list: &["sort_order", "name", "account_handle", "is_active"],
    },
    Override {
        table: "media_partners",
        singular: "media partner",
        naming: &["outlet_name"],
        list: &["outlet_name", "event_id", "partnership_type", "status", "press_passes"],
    },
    Override {
        table: "influencers",
        singular: "influencer",
        naming: &["full_name", "handle"],
        list: &["full_name", "handle", "platform_id", "follower_count", "status"],
    },
    Override {
        table: "event_influencers",
        singular: "event influencer",
        naming: &["influencer_id"],
        list: &["influencer_id", "event_id", "role", "status", "posts_delivered"],
    },
    Override {
        table: "event_logistics",
        singular: "logistics item",
        naming: &["title"],
        list: &["scheduled_at", "title", "event_id", "category", "status"],
    },
    Override {
        table: "event_planning",
        singular: "planning task",
        naming: &["title"],
        list: &["due_date", "title", "event_id", "kind", "status", "assigned_to"],
    },
    Override {
        table: "event_risks",
        singular: "risk",
        naming: &["title"],
        list: &["title", "event_id", "risk_score", "likelihood", "impact", "status"],
    },
    Override {
        table: "event_xpls",
        singular: "custom field",
        naming: &["label", "field_key"],
        list: &["event_id", "label", "field_value", "visibility"],
    },
    Override {
        table: "meeting_types",
        singular: "meeting type",
        naming: &["name"],
        list: &["name", "duration_minutes", "location_kind", "is_active"],
    },
    Override {
        table: "meeting_bookings",
        singular: "meeting booking",
        naming: &["guest_name"],
        list: &["starts_at", "guest_name", "meeting_type_id", "host_id", "status", "contact_id"],
    },
    Override {
        table: "notification_templates",
        singular: "notification template",
        naming: &["name"],
        list: &["name", "template_key", "channel", "locale", "is_active"],
    },
    Override {
        table: "notification_queue",
        singular: "queued message",
        naming: &["subject", "to_address"],
        list: &["scheduled_for", "to_address", "channel", "status", "subject"],
    },
    Override {
        table: "integrations",
        singular: "integration",
        naming: &["name"],
        list: &["name", "provider", "status", "last_sync_at"],
    },
    Override {
        table: "scheduled_jobs",
        singular: "scheduled job",
        naming: &["name"],
        list: &["name", "kind", "cron", "is_active", "next_run_at", "last_status"],
    },
    Override {
        table: "analytics",
        singular: "analytics snapshot",
        naming: &["metric"],
        list: &["period_start", "metric", "period", "value", "unit", "event_id"],
    },
];

/// Column names that name a row when a table has no override, in order of preference.
const NAMING_GUESSES: &[&str] = &["name", "title", "full_name", "company_name", "subject", "email", "metric_name"];

/// Columns a default list leaves out: bookkeeping, long text and structured values.
fn listable(column: &Column) -> bool {
    !matches!(column.name, "id" | "account_id" | "created_at" | "updated_at" | "description" | "content")
        && !matches!(column.ty, ColumnType::Json | ColumnType::Array)
}

/// How a table is shown. Every registry table has one.
pub fn table(table: &Table) -> TablePresentation {
    let found = OVERRIDES.iter().find(|o| o.table == table.name);
    let singular = found.map_or_else(|| singular_of(&humanize(table.name)), |o| o.singular.to_owned());
    let naming = match found {
        Some(o) => o.naming.to_vec(),
        None => NAMING_GUESSES.iter().copied().filter(|n| table.has_column(n)).take(1).collect(),
    };
    let list = match found {
        Some(o) => o.list.to_vec(),
        None => {
            let mut list: Vec<&'static str> = naming.clone();
            list.extend(table.columns.iter().filter(|c| listable(c) && !naming.contains(&c.name)).map(|c| c.name));
            list.truncate(6);
            list
        }
    };
    TablePresentation {
        table: table.name,
        label: capitalize(&plural(&singular)),
        singular,
        area: area(table.name),
        naming,
        list,
    }
}

/// The presentation of every registry table, in the registry's order.
pub fn tables() -> Vec<TablePresentation> {
    schema::tables().iter().map(table).collect()
}

/// A field's label: `price_cents` → "Price", `organizer_id` → "Organizer", `is_vip` → "VIP"…
pub fn field_label(column: &Column) -> String {
    let name = column.name;
    let base = name
        .strip_suffix("_cents")
        .or_else(|| name.strip_suffix("_id").filter(|_| column.references.is_some()))
        .unwrap_or(name);
    let base = base.strip_prefix("is_").unwrap_or(base);
    capitalize(&humanize(base))
}

fn area(table: &str) -> Area {
    match table {
        "accounts" | "profiles" | "account_users" | "integrations" | "scheduled_jobs" => Area::Account,
        "campaigns"
        | "notifications"
        | "notification_templates"
        | "notification_queue"
        | "media_partners"
        | "influencers"
        | "event_influencers"
        | "social_media_platforms" => Area::Outreach,
        "fashion_designers" | "models" | "production_runs" | "production_run_models" | "production_looks" => {
            Area::Production
        }
        "meeting_types" | "meeting_bookings" => Area::Crm,
        t if t.starts_with("crm_") => Area::Crm,
        _ => Area::Events,
    }
}

/// `event_expenses` → "event expenses"; a few words are spelled as people write them.
fn humanize(name: &str) -> String {
    name.split('_')
        .map(|word| match word {
            "url" => "URL",
            "urls" => "URLs",
            "qr" => "QR",
            "vip" => "VIP",
            "ai" => "AI",
            "crm" => "CRM",
            "html" => "HTML",
            other => other,
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn plural(singular: &str) -> String {
    if let Some(stem) = singular.strip_suffix("person") {
        format!("{stem}people")
    } else if singular.ends_with("feedback") || singular.ends_with("analytics") || singular.ends_with('s') {
        singular.to_owned()
    } else if let Some(stem) = singular.strip_suffix('y').filter(|s| !s.ends_with(['a', 'e', 'o'])) {
        format!("{stem}ies")
    } else {
        format!("{singular}s")
    }
}

/// "event materials" → "event material" (the registry names tables in the plural).
fn singular_of(plural: &str) -> String {
    match plural.strip_suffix('s') {
        Some(stem) if !plural.ends_with("analytics") => stem.to_owned(),
        _ => plural.to_owned(),
    }
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_table_is_presentable_with_fields_it_has() {
        for t in schema::tables() {
            let p = table(t);
            assert!(!p.label.is_empty() && !p.singular.is_empty(), "{}", t.name);
            assert!(!p.list.is_empty(), "{} lists nothing", t.name);
            for field in p.naming.iter().chain(&p.list) {
                assert!(t.has_column(field), "{}.{field} is not a column", t.name);
            }
        }
    }

    #[test]
    fn labels_read_as_people_write_them() {
        let label = |t: &str| table(schema::table(t).unwrap()).label;
        assert_eq!(label("event_expenses"), "Expenses");
        assert_eq!(label("crm_organizers"), "Companies");
        assert_eq!(label("crm_activities"), "Activities");
        assert_eq!(label("event_waitlists"), "Waitlist entries");
        assert_eq!(label("event_feedback"), "Feedback");
        assert_eq!(label("event_analytics"), "Event analytics");
        assert_eq!(label("campaigns"), "Campaigns");
        assert_eq!(label("profiles"), "People");
        assert_eq!(table(schema::table("venues").unwrap()).singular, "venue");
        let field = |t: &str, c: &str| field_label(schema::table(t).unwrap().column(c).unwrap());
        assert_eq!(field("events", "price_cents"), "Price");
        assert_eq!(field("events", "venue_id"), "Venue");
        assert_eq!(field("crm_contacts", "is_decision_maker"), "Decision maker");
        assert_eq!(field("sessions", "recording_url"), "Recording URL");
        assert_eq!(field("sessions", "materials_urls"), "Materials URLs");
    }
}
