//! The registry of replicated tables: names, columns, semantic types, CHECK rules, foreign keys
//! and which account/event a row belongs to. The SQL migrations are the schema; this is its
//! description in code, and `crates/store/tests/migrations.rs` and
//! `crates/demo/tests/schema_rules.rs` fail if the two ever differ.

use ColumnType::*;
use OnDelete::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnType {
    /// uuid: lowercase hyphenated text.
    Uuid,
    Text,
    /// integer, bigint.
    Integer,
    /// boolean: integer 0/1.
    Boolean,
    /// timestamptz: canonical RFC 3339 text (see [`crate::timestamp`]).
    Timestamp,
    /// date: `YYYY-MM-DD`.
    Date,
    /// numeric(precision, scale): exact decimal text with `scale` fractional digits.
    Decimal {
        precision: u8,
        scale: u8,
    },
    /// jsonb: JSON text.
    Json,
    /// text[] / uuid[]: a JSON array.
    Array,
}

impl ColumnType {
    /// The SQLite storage type this column is declared with.
    pub fn sql_type(self) -> &'static str {
        match self {
            Integer | Boolean => "INTEGER",
            _ => "TEXT",
        }
    }
}

/// A CHECK rule from the seeds. The same rule is a named CHECK constraint (or trigger) in SQL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Check {
    /// `BETWEEN min AND max`.
    Range(i64, i64),
    /// `>= min`.
    AtLeast(i64),
    /// `IN (...)`.
    OneOf(&'static [&'static str]),
    /// Array column: every element `IN (...)` (Postgres `<@ ARRAY[...]`).
    SubsetOf(&'static [&'static str]),
    /// Timestamp strictly after the named column of the same row.
    After(&'static str),
    /// Equals the product of two columns of the same row.
    Product(&'static str, &'static str),
    /// A JSON object none of whose keys names a secret (secret, token, password, key): a secret
    /// is set on the server and never kept in a synced row.
    NoSecretKeys,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnDelete {
    NoAction,
    Cascade,
    SetNull,
}

impl OnDelete {
    /// As `PRAGMA foreign_key_list` spells it.
    pub fn sql(self) -> &'static str {
        match self {
            NoAction => "NO ACTION",
            Cascade => "CASCADE",
            SetNull => "SET NULL",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    pub name: &'static str,
    pub ty: ColumnType,
    pub not_null: bool,
    /// The SQL declares a DEFAULT, so an insert may leave it out.
    pub has_default: bool,
    pub check: Option<Check>,
    pub references: Option<(&'static str, OnDelete)>,
    /// A generated (computed, stored) column: never written.
    pub generated: bool,
}

impl Column {
    /// Whether an insert must give a value: NOT NULL, no default, not generated.
    pub fn required(&self) -> bool {
        self.not_null && !self.has_default && !self.generated
    }

    /// The column's CHECK rule in words, if it has one (a rule beyond its type).
    pub fn check_rule(&self) -> Option<String> {
        self.check.map(|_| self.rule())
    }

    /// What a value of this column must be, in words ("must be between 1 and 20"): one text
    /// for the validator's errors and for the database's refusals.
    pub fn rule(&self) -> String {
        match (self.check, self.ty) {
            (Some(Check::Range(min, max)), _) => format!("must be between {} and {}", group(min), group(max)),
            (Some(Check::AtLeast(min)), _) => format!("must be at least {}", group(min)),
            (Some(Check::OneOf(values)), _) => format!("must be one of {}", values.join(", ")),
            (Some(Check::SubsetOf(values)), _) => format!("may only contain {}", values.join(", ")),
            (Some(Check::After(other)), _) => format!("must be after {other}"),
            (Some(Check::Product(a, b)), _) => format!("must equal {a} × {b}"),
            (Some(Check::NoSecretKeys), _) => {
                "may not hold a secret (no key naming a secret, token, password or key): secrets are set on the \
                 server, never kept here"
                    .into()
            }
            (None, Timestamp) => "must be a timestamp like 2025-06-15T13:00:00.000000Z".into(),
            (None, Date) => "must be a date like 2025-06-15".into(),
            (None, Uuid) => "must be a uuid".into(),
            (None, Boolean) => "must be true or false".into(),
            (None, Json) => "must be valid JSON".into(),
            (None, Array) => "must be a list".into(),
            (None, Integer) => "must be a whole number".into(),
            (None, Decimal { .. }) => "must be a decimal number".into(),
            (None, Text) => "must be text".into(),
        }
    }
}

/// `50000` → `50,000`.
fn group(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    if n < 0 { format!("-{out}") } else { out }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Table {
    pub name: &'static str,
    pub columns: &'static [Column],
}

impl Table {
    pub fn column(&self, name: &str) -> Option<&'static Column> {
        self.columns.iter().find(|c| c.name == name)
    }

    /// The primary key; every replicated table has a single uuid `id`.
    pub fn primary_key(&self) -> &'static str {
        "id"
    }

    /// The column that names the account a row belongs to (`None` for profiles, which are
    /// people and may belong to several accounts).
    pub fn account_column(&self) -> Option<&'static str> {
        if self.name == "accounts" { Some("id") } else { self.column("account_id").map(|c| c.name) }
    }

    /// The column that names the event a row belongs to, if it belongs to one.
    pub fn event_column(&self) -> Option<&'static str> {
        if self.name == "events" { Some("id") } else { self.column("event_id").map(|c| c.name) }
    }

    pub fn has_column(&self, name: &str) -> bool {
        self.column(name).is_some()
    }
}

/// Every replicated table, parents before children (the order rows are created in).
pub fn tables() -> &'static [Table] {
    TABLES
}

pub fn table(name: &str) -> Option<&'static Table> {
    TABLES.iter().find(|t| t.name == name)
}

const fn col(name: &'static str, ty: ColumnType) -> Column {
    Column { name, ty, not_null: false, has_default: false, check: None, references: None, generated: false }
}

impl Column {
    const fn not_null(mut self) -> Self {
        self.not_null = true;
        self
    }
    const fn default(mut self) -> Self {
        self.has_default = true;
        self
    }
    const fn check(mut self, check: Check) -> Self {
        self.check = Some(check);
        self
    }
    const fn refs(mut self, table: &'static str, on_delete: OnDelete) -> Self {
        self.references = Some((table, on_delete));
        self
    }
    const fn generated(mut self) -> Self {
        self.generated = true;
        self
    }
}

const fn text(name: &'static str) -> Column {
    col(name, Text)
}
const fn int(name: &'static str) -> Column {
    col(name, Integer)
}
const fn ts(name: &'static str) -> Column {
    col(name, Timestamp)
}
const fn boolean(name: &'static str) -> Column {
    col(name, Boolean).default()
}
const fn json(name: &'static str) -> Column {
    col(name, Json)
}
const fn array(name: &'static str) -> Column {
    col(name, Array)
}
const fn money(name: &'static str, precision: u8) -> Column {
    col(name, Decimal { precision, scale: 2 })
}
const fn one_of(name: &'static str, values: &'static [&'static str]) -> Column {
    text(name).check(Check::OneOf(values))
}
const fn fk(name: &'static str, table: &'static str, on_delete: OnDelete) -> Column {
    col(name, Uuid).refs(table, on_delete)
}

const ID: Column = col("id", Uuid).not_null().default();
const ACCOUNT: Column = fk("account_id", "accounts", Cascade).not_null();
const CREATED_AT: Column = ts("created_at").not_null().default();
const UPDATED_AT: Column = ts("updated_at").not_null().default();
const EVENT: Column = fk("event_id", "events", Cascade);

const SPEAKER_STATUS: &[&str] = &["pending", "confirmed", "cancelled"];
const PRIORITY: &[&str] = &["low", "normal", "high", "urgent"];

static TABLES: &[Table] = &[
    Table {
        name: "accounts",
        columns: &[
            ID,
            text("name").not_null(),
            text("slug").not_null(),
            one_of("plan", &["free", "starter", "pro", "enterprise"]).not_null().default(),
            one_of("status", &["active", "suspended", "cancelled"]).not_null().default(),
            text("billing_email"),
            json("settings").default(),
            CREATED_AT,
            UPDATED_AT,
            // V16 (issue 17, docs/SCHEMA.md §A).
            text("legal_name"),
            json("address").default(),
            text("tax_number"),
            text("default_currency").not_null().default(),
            text("timezone"),
            text("locale").not_null().default(),
            text("invoice_series").not_null().default(),
            text("logo_storage_path"),
        ],
    },
    Table {
        name: "profiles",
        columns: &[
            ID,
            text("email"),
            text("full_name"),
            text("phone"),
            text("company"),
            CREATED_AT,
            UPDATED_AT,
            // V16 (issue 17, docs/SCHEMA.md §A).
            json("preferences").default(),
        ],
    },
    Table {
        name: "account_users",
        columns: &[
            ID,
            ACCOUNT,
            fk("user_id", "profiles", Cascade).not_null(),
            one_of("role", &["owner", "admin", "manager", "member", "viewer"]).not_null().default(),
            one_of("status", &["invited", "active", "suspended"]).not_null().default(),
            fk("invited_by", "profiles", SetNull),
            ts("joined_at"),
            CREATED_AT,
            UPDATED_AT,
        ],
    },
    Table {
        name: "venues",
        columns: &[
            ID,
            ACCOUNT,
            text("name").not_null(),
            text("address"),
            text("city").default(),
            text("postal_code"),
            int("capacity").check(Check::Range(10, 50_000)),
            json("amenities").default(),
            text("contact_email"),
            text("contact_phone"),
            CREATED_AT,
            UPDATED_AT,
            // V5: the venue's IANA time zone; its events' times are shown in it.
            text("timezone"),
            // V16 (issue 17, docs/SCHEMA.md §A).
            one_of("kind", &["physical", "virtual", "hybrid"]).not_null().default(),
            text("online_url"),
        ],
    },
    Table {
        name: "events",
        columns: &[
            ID,
            ACCOUNT,
            fk("organizer_id", "profiles", NoAction).not_null(),
            fk("venue_id", "venues", SetNull),
            text("name").not_null(),
            text("slug").not_null(),
            // V12: fashion shows (seed 001).
            one_of("type", &["conference", "seminar", "workshop", "networking", "fashion_show"]).not_null(),
            text("description"),
            ts("start_at").not_null(),
            ts("end_at").not_null().check(Check::After("start_at")),
            int("capacity").not_null().check(Check::Range(10, 10_000)),
            int("price_cents").not_null().default().check(Check::AtLeast(0)),
            one_of("status", &["draft", "published", "cancelled", "completed"]).not_null().default(),
            one_of("visibility", &["public", "private"]).not_null().default(),
            CREATED_AT,
            UPDATED_AT,
            // The Ed25519 key signed ticket codes verify with (migration V4).
            text("ticket_public_key"),
        ],
    },
    Table {
        name: "orders",
        columns: &[
            ID,
            ACCOUNT,
            fk("customer_id", "profiles", SetNull),
            EVENT.not_null(),
            text("order_number").not_null(),
            int("quantity").not_null().check(Check::Range(1, 20)),
            int("unit_price_cents").not_null().check(Check::AtLeast(0)),
            int("total_cents").not_null().check(Check::Product("quantity", "unit_price_cents")),
            one_of("payment_status", &["pending", "paid", "failed", "refunded"]).not_null().default(),
            text("stripe_payment_intent_id"),
            ts("paid_at"),
            CREATED_AT,
            UPDATED_AT,
            // V5: how a sale was paid.
            one_of("payment_method", &["cash", "card", "complimentary", "online"]),
        ],
    },
    Table {
        name: "attendees",
        columns: &[
            ID,
            ACCOUNT,
            fk("order_id", "orders", Cascade).not_null(),
            EVENT.not_null(),
            text("full_name").not_null(),
            text("email").not_null(),
            text("phone"),
            CREATED_AT,
            UPDATED_AT,
            // V16 (issue 17, docs/SCHEMA.md §A).
            fk("profile_id", "profiles", SetNull),
            json("answers").default(),
        ],
    },
    Table {
        name: "tickets",
        columns: &[
            ID,
            ACCOUNT,
            EVENT.not_null(),
            fk("order_id", "orders", Cascade).not_null(),
            fk("attendee_id", "attendees", SetNull),
            text("ticket_number").not_null(),
            text("qr_code").not_null(),
            one_of("status", &["active", "used", "cancelled", "refunded"]).not_null().default(),
            ts("checked_in_at"),
            CREATED_AT,
            UPDATED_AT,
            // V5: why it was cancelled or refunded.
            text("status_reason"),
        ],
    },
    Table {
        name: "speakers",
        columns: &[
            ID,
            ACCOUNT,
            EVENT,
            fk("profile_id", "profiles", Cascade),
            text("bio"),
            array("expertise_areas"),
            json("social_links"),
            text("headshot_url"),
            text("presentation_title"),
            text("presentation_description"),
            int("presentation_duration"),
            text("presentation_slides_url"),
            one_of("status", SPEAKER_STATUS).default(),
            money("speaker_fee", 10),
            text("travel_arrangements"),
            CREATED_AT,
            UPDATED_AT,
        ],
    },
    Table {
        name: "sessions",
        columns: &[
            ID,
            ACCOUNT,
            EVENT,
            fk("speaker_id", "speakers", SetNull),
            fk("venue_id", "venues", SetNull),
            text("title").not_null(),
            text("description"),
            // V12: a show's slots (seed 001's production_runs hang on them).
            one_of("session_type", &["keynote", "workshop", "panel", "networking", "break", "show", "rehearsal"]),
            one_of("difficulty_level", &["beginner", "intermediate", "advanced"]),
            ts("start_time").not_null(),
            ts("end_time").not_null(),
            int("duration_minutes").generated(),
            int("max_attendees"),
            int("current_registrations").default(),
            boolean("registration_required"),
            ts("registration_deadline"),
            array("materials_urls"),
            text("recording_url"),
            boolean("chat_enabled"),
            one_of("status", &["scheduled", "live", "completed", "cancelled"]).default(),
            CREATED_AT,
            UPDATED_AT,
        ],
    },
    Table {
        name: "sponsors",
        columns: &[
            ID,
            ACCOUNT,
            EVENT,
            text("company_name").not_null(),
            text("contact_name"),
            text("contact_email"),
            text("contact_phone"),
            one_of("sponsorship_tier", &["platinum", "gold", "silver", "bronze", "partner"]),
            money("sponsorship_amount", 10),
            array("benefits_included"),
            text("logo_url"),
            text("website_url"),
            json("marketing_materials"),
            json("social_media_links"),
            one_of("status", SPEAKER_STATUS).default(),
            CREATED_AT,
            UPDATED_AT,
        ],
    },
    Table {
        name: "event_feedback",
        columns: &[
            ID,
            ACCOUNT,
            EVENT,
            fk("attendee_id", "attendees", Cascade),
            fk("session_id", "sessions", Cascade),
            int("overall_rating").check(Check::Range(1, 5)),
            int("content_rating").check(Check::Range(1, 5)),
            int("speaker_rating").check(Check::Range(1, 5)),
            int("venue_rating").check(Check::Range(1, 5)),
            int("organization_rating").check(Check::Range(1, 5)),
            text("comments"),
            text("suggestions"),
            text("best_aspects"),
            text("improvement_areas"),
            boolean("is_anonymous"),
            CREATED_AT,
            UPDATED_AT,
            // V16 (issue 17, docs/SCHEMA.md §A).
            fk("profile_id", "profiles", SetNull),
            one_of("respondent_type", &["attendee", "staff", "sponsor", "designer", "model", "partner", "other"])
                .not_null()
                .default(),
        ],
    },
    Table {
        name: "networking_connections",
        columns: &[
            ID,
            ACCOUNT,
            EVENT,
            fk("requester_id", "attendees", Cascade),
            fk("target_id", "attendees", Cascade),
            one_of("connection_type", &["business", "collaboration", "mentorship", "friendship"]),
            one_of("status", &["pending", "accepted", "declined", "blocked"]).default(),
            text("message"),
            boolean("meeting_requested"),
            ts("meeting_scheduled"),
            text("meeting_location"),
            CREATED_AT,
            UPDATED_AT,
        ],
    },
    Table {
        name: "event_checkins",
        columns: &[
            ID,
            ACCOUNT,
            EVENT,
            fk("attendee_id", "attendees", Cascade),
            fk("session_id", "sessions", SetNull),
            ts("check_in_time").default(),
            ts("check_out_time"),
            text("location"),
            text("qr_code_scanned"),
            one_of("check_in_method", &["qr_code", "manual", "nfc", "app"]),
            int("attendance_duration"),
            boolean("is_present"),
            CREATED_AT,
            // Added for the door (migration V4, after the seed's columns): see
            // migrations/V4__door_checkins.sql.
            col("ticket_id", Uuid),
            text("device_id"),
        ],
    },
    // The event's door key (migration V11): what its door stations join their local exchange
    // with. A table of its own (the events row is readable by anonymous visitors); the server
    // makes it and gives it only to the event's door staff and the account's organizers.
    Table {
        name: "event_door_keys",
        columns: &[ID, ACCOUNT, fk("event_id", "events", Cascade).not_null(), text("door_key").not_null(), CREATED_AT],
    },
    Table {
        name: "event_materials",
        columns: &[
            ID,
            ACCOUNT,
            EVENT,
            fk("session_id", "sessions", SetNull),
            fk("uploaded_by", "profiles", SetNull),
            text("title").not_null(),
            text("description"),
            one_of("material_type", &["presentation", "document", "video", "audio", "image", "link"]),
            text("file_url"),
            int("file_size"),
            text("file_format"),
            int("download_count").default(),
            one_of("access_level", &["public", "attendees_only", "speakers_only", "sponsors_only"]).default(),
            boolean("requires_download"),
            array("tags"),
            text("language").default(),
            CREATED_AT,
            UPDATED_AT,
        ],
    },
    Table {
        name: "event_announcements",
        columns: &[
            ID,
            ACCOUNT,
            EVENT,
            fk("author_id", "profiles", SetNull),
            text("title").not_null(),
            text("content").not_null(),
            one_of("priority", PRIORITY).default(),
            one_of("target_audience", &["all", "attendees", "speakers", "sponsors", "organizers"]),
            array("target_sessions"),
            array("delivery_method").check(Check::SubsetOf(&["email", "push", "in_app", "sms"])),
            ts("scheduled_for"),
            ts("sent_at"),
            one_of("status", &["draft", "scheduled", "sent", "cancelled"]).default(),
            CREATED_AT,
            UPDATED_AT,
        ],
    },
    Table {
        name: "event_analytics",
        columns: &[
            ID,
            ACCOUNT,
            EVENT,
            fk("session_id", "sessions", SetNull),
            text("metric_name").not_null(),
            col("metric_value", Decimal { precision: 15, scale: 4 }),
            text("metric_unit"),
            ts("measurement_time").default(),
            text("data_source"),
            text("dimension_1"),
            text("dimension_2"),
            text("dimension_3"),
            json("raw_data"),
            CREATED_AT,
        ],
    },
    Table {
        name: "event_waitlists",
        columns: &[
            ID,
            ACCOUNT,
            EVENT,
            fk("attendee_id", "attendees", Cascade),
            int("waitlist_position"),
            text("waitlist_reason"),
            boolean("notify_on_availability"),
            ts("notification_sent_at"),
            one_of("status", &["waiting", "offered", "converted", "expired", "cancelled"]).default(),
            ts("expires_at"),
            CREATED_AT,
            UPDATED_AT,
        ],
    },
    Table {
        name: "event_expenses",
        columns: &[
            ID,
            ACCOUNT,
            EVENT,
            fk("created_by", "profiles", SetNull),
            text("expense_name").not_null(),
            one_of(
                "expense_category",
                &["venue", "catering", "speakers", "marketing", "technology", "travel", "miscellaneous"],
            ),
            text("description"),
            money("amount", 10).not_null(),
            text("currency").default(),
            text("vendor_name"),
            text("invoice_number"),
            one_of("status", &["pending", "approved", "rejected", "paid"]).default(),
            fk("approved_by", "profiles", SetNull),
            ts("approved_at"),
            col("payment_date", Date),
            text("receipt_url"),
            text("invoice_url"),
            CREATED_AT,
            UPDATED_AT,
        ],
    },
    Table {
        name: "event_teams",
        columns: &[
            ID,
            ACCOUNT,
            EVENT,
            fk("member_id", "profiles", Cascade),
            one_of(
                "role",
                &[
                    "organizer",
                    "coordinator",
                    "volunteer",
                    "speaker_liaison",
                    "tech_support",
                    "registration",
                    "marketing",
                ],
            )
            .not_null(),
            array("permissions").check(Check::SubsetOf(&[
                "manage_event",
                "manage_sessions",
                "manage_attendees",
                "view_analytics",
                "manage_materials",
                "send_announcements",
            ])),
            fk("assigned_by", "profiles", SetNull),
            ts("assigned_at").default(),
            one_of("status", &["active", "inactive", "removed"]).default(),
            CREATED_AT,
            UPDATED_AT,
            // V16 (issue 17, docs/SCHEMA.md §A).
            text("position"),
            ts("shift_start_at"),
            ts("shift_end_at").check(Check::After("shift_start_at")),
        ],
    },
    Table {
        name: "crm_organizers",
        columns: &[
            ID,
            ACCOUNT,
            text("company_name").not_null(),
            text("industry"),
            one_of("company_size", &["startup", "small", "medium", "large", "enterprise"]),
            text("website"),
            one_of("status", &["active", "inactive", "prospect", "archived"]).default(),
            one_of("lead_source", &["referral", "inbound", "outbound", "event", "marketing", "partner"]),
            text("primary_email"),
            text("primary_phone"),
            json("address").default(),
            int("annual_events").default(),
            money("total_revenue", 12).default(),
            money("lifetime_value", 12).default(),
            int("engagement_score").default().check(Check::Range(0, 100)),
            int("health_score").default().check(Check::Range(0, 100)),
            one_of("churn_risk", &["low", "medium", "high"]).default(),
            json("event_history").default(),
            array("tags").default(),
            fk("assigned_to", "profiles", NoAction),
            fk("created_by", "profiles", NoAction),
            CREATED_AT,
            UPDATED_AT,
            ts("last_activity_at").default(),
            // V16 (issue 17, docs/SCHEMA.md §A).
            array("company_roles").not_null().default().check(Check::SubsetOf(&[
                "client",
                "sponsor",
                "vendor",
                "agency",
                "media",
                "designer_house",
                "venue",
                "partner",
            ])),
        ],
    },
    Table {
        name: "crm_contacts",
        columns: &[
            ID,
            ACCOUNT,
            fk("organizer_id", "crm_organizers", Cascade).not_null(),
            text("full_name").not_null(),
            text("title"),
            text("department"),
            text("email").not_null(),
            text("phone"),
            text("mobile"),
            text("linkedin_url"),
            boolean("is_primary"),
            boolean("is_decision_maker"),
            boolean("vip_status"),
            one_of("influence_level", &["low", "medium", "high"]),
            one_of("communication_preference", &["email", "phone", "whatsapp", "any"]).default(),
            text("timezone").default(),
            text("language").default(),
            ts("last_contact_date"),
            int("engagement_score").default().check(Check::Range(0, 100)),
            text("notes"),
            array("tags").default(),
            CREATED_AT,
            UPDATED_AT,
        ],
    },
    Table {
        name: "crm_pipeline_stages",
        columns: &[
            ID,
            ACCOUNT,
            text("name").not_null(),
            text("description"),
            int("order_index").not_null(),
            text("color").default(),
            boolean("is_active"),
            boolean("is_closed"),
            boolean("is_won"),
            json("auto_actions").default(),
            int("default_probability").default().check(Check::Range(0, 100)),
            CREATED_AT,
            UPDATED_AT,
        ],
    },
    Table {
        name: "crm_opportunities",
        columns: &[
            ID,
            ACCOUNT,
            fk("organizer_id", "crm_organizers", Cascade).not_null(),
            fk("event_id", "events", SetNull),
            fk("stage_id", "crm_pipeline_stages", NoAction).not_null(),
            text("name").not_null(),
            text("description"),
            money("value", 12).not_null(),
            text("currency").default(),
            int("probability").default().check(Check::Range(0, 100)),
            money("expected_revenue", 12).generated(),
            col("expected_close_date", Date),
            col("actual_close_date", Date),
            one_of("status", &["open", "won", "lost", "abandoned"]).default(),
            text("loss_reason"),
            fk("assigned_to", "profiles", NoAction),
            int("ai_score").default().check(Check::Range(0, 100)),
            json("ai_insights").default(),
            CREATED_AT,
            UPDATED_AT,
            ts("last_stage_change_at").default(),
        ],
    },
    Table {
        name: "crm_activities",
        columns: &[
            ID,
            ACCOUNT,
            fk("organizer_id", "crm_organizers", Cascade),
            fk("contact_id", "crm_contacts", Cascade),
            fk("opportunity_id", "crm_opportunities", Cascade),
            fk("event_id", "events", SetNull),
            one_of("type", &["call", "email", "meeting", "note", "task", "event"]).not_null(),
            text("subject").not_null(),
            text("description"),
            ts("activity_date").default(),
            int("duration_minutes"),
            boolean("is_task"),
            one_of("task_status", &["pending", "completed", "cancelled"]),
            ts("due_date"),
            fk("user_id", "profiles", NoAction).not_null(),
            json("metadata").default(),
            CREATED_AT,
            UPDATED_AT,
        ],
    },
    Table {
        name: "crm_notes",
        columns: &[
            ID,
            ACCOUNT,
            fk("organizer_id", "crm_organizers", Cascade),
            fk("contact_id", "crm_contacts", Cascade),
            fk("opportunity_id", "crm_opportunities", Cascade),
            text("title"),
            text("content").not_null(),
            boolean("is_pinned"),
            array("tags").default(),
            fk("created_by", "profiles", NoAction).not_null(),
            CREATED_AT,
            UPDATED_AT,
            // V16 (issue 17, docs/SCHEMA.md §A).
            EVENT,
        ],
    },
    Table {
        name: "crm_documents",
        columns: &[
            ID,
            ACCOUNT,
            fk("organizer_id", "crm_organizers", Cascade),
            fk("opportunity_id", "crm_opportunities", Cascade),
            text("file_name").not_null(),
            text("file_type").not_null(),
            int("file_size").not_null(),
            text("storage_path").not_null(),
            one_of("document_type", &["contract", "proposal", "invoice", "presentation", "other"]),
            int("version").default(),
            boolean("is_signed"),
            ts("signed_at"),
            fk("signed_by", "profiles", NoAction),
            fk("uploaded_by", "profiles", NoAction).not_null(),
            CREATED_AT,
        ],
    },
    Table {
        name: "crm_email_templates",
        columns: &[
            ID,
            ACCOUNT,
            text("name").not_null(),
            text("description"),
            text("subject").not_null(),
            text("body_html").not_null(),
            text("body_text"),
            one_of("category", &["welcome", "follow_up", "proposal", "reminder", "thank_you", "other"]),
            json("variables").default(),
            boolean("is_active"),
            fk("created_by", "profiles", NoAction),
            CREATED_AT,
            UPDATED_AT,
        ],
    },
    Table {
        name: "campaigns",
        columns: &[
            ID,
            ACCOUNT,
            fk("event_id", "events", SetNull),
            text("name").not_null(),
            text("description"),
            one_of("channel", &["email", "social", "sms", "push", "ads", "other"]).not_null(),
            one_of("status", &["draft", "scheduled", "active", "paused", "completed", "cancelled"])
                .not_null()
                .default(),
            text("subject"),
            text("content"),
            json("audience").default(),
            money("budget", 12),
            ts("scheduled_at"),
            ts("started_at"),
            ts("ended_at"),
            json("metrics").default(),
            fk("created_by", "profiles", SetNull),
            CREATED_AT,
            UPDATED_AT,
        ],
    },
    Table {
        name: "notifications",
        columns: &[
            ID,
            ACCOUNT,
            fk("user_id", "profiles", Cascade).not_null(),
            one_of("type", &["system", "event", "order", "checkin", "crm", "campaign", "reminder"]).not_null(),
            text("title").not_null(),
            text("body"),
            one_of("channel", &["in_app", "email", "push", "sms"]).not_null().default(),
            one_of("priority", PRIORITY).not_null().default(),
            text("link_url"),
            json("data").default(),
            ts("read_at"),
            ts("sent_at"),
            CREATED_AT,
        ],
    },
    // V12 (issue 17): seed 001's production and operations tables, docs/SCHEMA.md §N3–§N7.
    Table {
        name: "fashion_designers",
        columns: &[
            ID,
            ACCOUNT,
            text("name").not_null(),
            text("brand_name"),
            fk("organizer_id", "crm_organizers", SetNull),
            text("contact_email"),
            text("contact_phone"),
            text("website"),
            json("social_links").default(),
            text("bio"),
            array("categories").default().check(Check::SubsetOf(&[
                "womenswear",
                "menswear",
                "unisex",
                "couture",
                "ready_to_wear",
                "bridal",
                "accessories",
                "footwear",
                "kidswear",
                "swimwear",
                "sustainable",
            ])),
            one_of("status", &["prospect", "confirmed", "inactive"]).not_null().default(),
            array("tags").default(),
            text("notes"),
            CREATED_AT,
            UPDATED_AT,
        ],
    },
    Table {
        name: "models",
        columns: &[
            ID,
            ACCOUNT,
            text("full_name").not_null(),
            text("stage_name"),
            fk("agency_id", "crm_organizers", SetNull),
            text("agency_name"),
            text("email"),
            text("phone"),
            array("divisions").default().check(Check::SubsetOf(&[
                "women",
                "men",
                "non_binary",
                "curve",
                "petite",
                "kids",
                "mature",
            ])),
            int("height_cm").check(Check::Range(50, 250)),
            int("bust_cm").check(Check::Range(30, 200)),
            int("waist_cm").check(Check::Range(30, 200)),
            int("hips_cm").check(Check::Range(30, 200)),
            text("shoe_size"),
            text("dress_size"),
            text("hair_color"),
            text("eye_color"),
            boolean("is_minor").not_null(),
            int("day_rate_cents").check(Check::AtLeast(0)),
            text("portfolio_url"),
            text("instagram_handle"),
            one_of("status", &["active", "on_hold", "inactive"]).not_null().default(),
            array("tags").default(),
            text("notes"),
            CREATED_AT,
            UPDATED_AT,
        ],
    },
    Table {
        name: "production_runs",
        columns: &[
            ID,
            ACCOUNT,
            EVENT.not_null(),
            fk("session_id", "sessions", Cascade).not_null(),
            fk("designer_id", "fashion_designers", NoAction),
            text("title").not_null(),
            text("collection_season"),
            int("run_order").not_null().check(Check::AtLeast(1)),
            ts("planned_start_at"),
            int("duration_minutes").check(Check::Range(1, 600)),
            text("music"),
            text("lighting_notes"),
            one_of("status", &["planning", "casting", "fittings", "rehearsed", "ready", "shown", "cancelled"])
                .not_null()
                .default(),
            fk("producer_id", "profiles", SetNull),
            text("notes"),
            CREATED_AT,
            UPDATED_AT,
        ],
    },
    Table {
        name: "production_run_models",
        columns: &[
            ID,
            ACCOUNT,
            EVENT.not_null(),
            fk("production_run_id", "production_runs", Cascade).not_null(),
            fk("model_id", "models", NoAction).not_null(),
            ts("call_at").not_null(),
            ts("fitting_at"),
            ts("hair_makeup_at"),
            ts("released_at"),
            one_of("status", &["booked", "confirmed", "arrived", "released", "no_show", "cancelled"])
                .not_null()
                .default(),
            int("fee_cents").check(Check::AtLeast(0)),
            text("chaperone_name"),
            text("notes"),
            CREATED_AT,
            UPDATED_AT,
        ],
    },
    Table {
        name: "production_looks",
        columns: &[
            ID,
            ACCOUNT,
            EVENT.not_null(),
            fk("production_run_id", "production_runs", Cascade).not_null(),
            int("look_number").not_null().check(Check::AtLeast(1)),
            fk("model_id", "models", SetNull),
            text("title"),
            json("garments").default(),
            text("accessories"),
            one_of("change_type", &["none", "quick", "full"]).not_null().default(),
            text("dresser_name"),
            text("hair_makeup_notes"),
            CREATED_AT,
            UPDATED_AT,
        ],
    },
    Table {
        name: "social_media_platforms",
        columns: &[
            ID,
            ACCOUNT,
            text("name").not_null(),
            text("slug").not_null(),
            text("profile_url_template"),
            text("account_handle"),
            int("sort_order").not_null().default(),
            boolean("is_active").not_null(),
            CREATED_AT,
            UPDATED_AT,
        ],
    },
    Table {
        name: "media_partners",
        columns: &[
            ID,
            ACCOUNT,
            EVENT.not_null(),
            text("outlet_name").not_null(),
            fk("organizer_id", "crm_organizers", SetNull),
            text("contact_name"),
            text("contact_email"),
            text("contact_phone"),
            one_of(
                "partnership_type",
                &[
                    "official_media_partner",
                    "press",
                    "broadcast",
                    "livestream",
                    "photography",
                    "print",
                    "online",
                    "podcast",
                ],
            )
            .not_null(),
            text("deliverables"),
            int("audience_reach").check(Check::AtLeast(0)),
            int("in_kind_value_cents").check(Check::AtLeast(0)),
            int("fee_cents").check(Check::AtLeast(0)),
            int("press_passes").not_null().default().check(Check::AtLeast(0)),
            one_of("status", &["proposed", "confirmed", "cancelled", "completed"]).not_null().default(),
            array("coverage_urls").default(),
            text("notes"),
            CREATED_AT,
            UPDATED_AT,
        ],
    },
    Table {
        name: "influencers",
        columns: &[
            ID,
            ACCOUNT,
            text("full_name").not_null(),
            text("handle").not_null(),
            fk("platform_id", "social_media_platforms", SetNull),
            int("follower_count").check(Check::AtLeast(0)),
            money("engagement_rate", 5),
            array("niches").default(),
            text("email"),
            text("phone"),
            fk("agency_id", "crm_organizers", SetNull),
            int("rate_cents").check(Check::AtLeast(0)),
            json("other_handles").default(),
            one_of("status", &["prospect", "active", "inactive"]).not_null().default(),
            text("notes"),
            CREATED_AT,
            UPDATED_AT,
        ],
    },
    Table {
        name: "event_influencers",
        columns: &[
            ID,
            ACCOUNT,
            EVENT.not_null(),
            fk("influencer_id", "influencers", Cascade).not_null(),
            fk("campaign_id", "campaigns", SetNull),
            fk("attendee_id", "attendees", SetNull),
            one_of("role", &["guest", "front_row", "content_creator", "host", "ambassador"]).not_null().default(),
            text("deliverables"),
            int("posts_required").not_null().default().check(Check::AtLeast(0)),
            int("posts_delivered").not_null().default().check(Check::AtLeast(0)),
            int("fee_cents").check(Check::AtLeast(0)),
            one_of("status", &["invited", "confirmed", "attended", "declined", "cancelled"]).not_null().default(),
            CREATED_AT,
            UPDATED_AT,
        ],
    },
    Table {
        name: "event_logistics",
        columns: &[
            ID,
            ACCOUNT,
            EVENT.not_null(),
            one_of(
                "category",
                &[
                    "transport",
                    "equipment",
                    "catering",
                    "staffing",
                    "security",
                    "setup",
                    "teardown",
                    "accommodation",
                    "permits",
                    "other",
                ],
            )
            .not_null(),
            text("title").not_null(),
            text("description"),
            fk("vendor_id", "crm_organizers", SetNull),
            text("vendor_name"),
            text("location"),
            int("quantity").check(Check::AtLeast(0)),
            ts("scheduled_at"),
            ts("ends_at").check(Check::After("scheduled_at")),
            one_of("status", &["planned", "requested", "confirmed", "in_progress", "done", "cancelled"])
                .not_null()
                .default(),
            fk("owner_id", "profiles", SetNull),
            fk("expense_id", "event_expenses", SetNull),
            text("notes"),
            CREATED_AT,
            UPDATED_AT,
        ],
    },
    Table {
        name: "event_planning",
        columns: &[
            ID,
            ACCOUNT,
            EVENT.not_null(),
            text("title").not_null(),
            text("description"),
            one_of("kind", &["task", "milestone", "approval"]).not_null().default(),
            one_of("phase", &["concept", "pre_production", "marketing", "production", "event_day", "post_event"]),
            one_of("status", &["not_started", "in_progress", "blocked", "done", "cancelled"]).not_null().default(),
            one_of("priority", PRIORITY).not_null().default(),
            fk("assigned_to", "profiles", SetNull),
            col("start_date", Date),
            col("due_date", Date),
            ts("completed_at"),
            fk("depends_on_id", "event_planning", SetNull),
            int("sort_order").not_null().default(),
            CREATED_AT,
            UPDATED_AT,
        ],
    },
    Table {
        name: "event_risks",
        columns: &[
            ID,
            ACCOUNT,
            EVENT.not_null(),
            text("title").not_null(),
            text("description"),
            one_of(
                "category",
                &[
                    "safety",
                    "security",
                    "weather",
                    "financial",
                    "supplier",
                    "technical",
                    "health",
                    "legal",
                    "reputational",
                    "other",
                ],
            ),
            int("likelihood").not_null().check(Check::Range(1, 5)),
            int("impact").not_null().check(Check::Range(1, 5)),
            int("risk_score").generated(),
            fk("owner_id", "profiles", SetNull),
            text("mitigation"),
            text("contingency"),
            one_of("status", &["open", "mitigating", "accepted", "closed", "occurred"]).not_null().default(),
            col("review_date", Date),
            fk("raised_by", "profiles", SetNull),
            CREATED_AT,
            UPDATED_AT,
        ],
    },
    Table {
        name: "event_xpls",
        columns: &[
            ID,
            ACCOUNT,
            EVENT.not_null(),
            text("field_key").not_null(),
            text("label"),
            one_of("value_type", &["text", "number", "date", "boolean", "url", "json"]).not_null().default(),
            text("field_value"),
            one_of("visibility", &["internal", "public"]).not_null().default(),
            int("sort_order").not_null().default(),
            CREATED_AT,
            UPDATED_AT,
        ],
    },
    Table {
        name: "meeting_types",
        columns: &[
            ID,
            ACCOUNT,
            text("name").not_null(),
            text("description"),
            int("duration_minutes").not_null().default().check(Check::Range(5, 480)),
            one_of("location_kind", &["in_person", "video", "phone"]).not_null().default(),
            text("default_location"),
            int("buffer_minutes").not_null().default().check(Check::Range(0, 240)),
            text("color"),
            boolean("is_active").not_null(),
            CREATED_AT,
            UPDATED_AT,
        ],
    },
    // V13 (issue 17): seed 001's meeting bookings, each with its CRM activity.
    Table {
        name: "meeting_bookings",
        columns: &[
            ID,
            ACCOUNT,
            fk("meeting_type_id", "meeting_types", NoAction).not_null(),
            fk("event_id", "events", SetNull),
            fk("host_id", "profiles", NoAction).not_null(),
            fk("organizer_id", "crm_organizers", SetNull),
            fk("contact_id", "crm_contacts", SetNull),
            fk("opportunity_id", "crm_opportunities", SetNull),
            text("guest_name").not_null(),
            text("guest_email"),
            text("guest_phone"),
            ts("starts_at").not_null(),
            ts("ends_at").not_null().check(Check::After("starts_at")),
            text("location"),
            text("meeting_url"),
            one_of("status", &["requested", "confirmed", "cancelled", "completed", "no_show"]).not_null().default(),
            one_of("source", &["app", "web", "import"]).not_null().default(),
            text("cancel_reason"),
            fk("activity_id", "crm_activities", SetNull),
            text("notes"),
            CREATED_AT,
            UPDATED_AT,
        ],
    },
    // V15 (issue 17): seed 000's integrations and analytics; notification templates, queue and
    // scheduled jobs.
    Table {
        name: "notification_templates",
        columns: &[
            ID,
            ACCOUNT,
            text("template_key").not_null(),
            one_of("channel", &["email", "sms", "push", "in_app"]).not_null(),
            text("locale").not_null().default(),
            text("name").not_null(),
            text("subject"),
            text("body").not_null(),
            text("body_html"),
            json("variables").default(),
            boolean("is_active").not_null(),
            boolean("is_default").not_null(),
            CREATED_AT,
            UPDATED_AT,
        ],
    },
    Table {
        name: "notification_queue",
        columns: &[
            ID,
            ACCOUNT,
            fk("event_id", "events", SetNull),
            fk("template_id", "notification_templates", SetNull),
            fk("notification_id", "notifications", SetNull),
            one_of("channel", &["email", "sms", "push", "in_app"]).not_null(),
            fk("recipient_user_id", "profiles", SetNull),
            fk("recipient_attendee_id", "attendees", SetNull),
            fk("recipient_contact_id", "crm_contacts", SetNull),
            text("to_address").not_null(),
            text("subject"),
            text("body").not_null(),
            json("data").default(),
            one_of("priority", PRIORITY).not_null().default(),
            ts("scheduled_for").not_null().default(),
            one_of("status", &["queued", "sending", "sent", "failed", "cancelled"]).not_null().default(),
            int("attempts").not_null().default().check(Check::AtLeast(0)),
            text("last_error"),
            text("provider_message_id"),
            ts("sent_at"),
            text("dedupe_key"),
            fk("created_by", "profiles", SetNull),
            CREATED_AT,
            UPDATED_AT,
        ],
    },
    Table {
        name: "integrations",
        columns: &[
            ID,
            ACCOUNT,
            one_of(
                "provider",
                &[
                    "stripe",
                    "square",
                    "mailchimp",
                    "sendgrid",
                    "twilio",
                    "google_calendar",
                    "microsoft_365",
                    "zoom",
                    "hubspot",
                    "instagram",
                    "tiktok",
                    "webhook",
                    "other",
                ],
            )
            .not_null(),
            text("name").not_null(),
            one_of("status", &["disconnected", "connected", "error", "disabled"]).not_null().default(),
            json("config").default().check(Check::NoSecretKeys),
            array("scopes").default(),
            boolean("has_secret").not_null(),
            text("secret_hint"),
            text("webhook_url"),
            fk("connected_by", "profiles", SetNull),
            ts("connected_at"),
            ts("last_sync_at"),
            text("last_error"),
            CREATED_AT,
            UPDATED_AT,
        ],
    },
    Table {
        name: "scheduled_jobs",
        columns: &[
            ID,
            ACCOUNT,
            one_of(
                "kind",
                &[
                    "send_notifications",
                    "campaign_send",
                    "analytics_snapshot",
                    "waitlist_expiry",
                    "invoice_reminder",
                    "integration_sync",
                    "report_email",
                    "data_retention",
                ],
            )
            .not_null(),
            text("name").not_null(),
            text("cron"),
            ts("run_at"),
            json("payload").default(),
            boolean("is_active").not_null(),
            ts("next_run_at"),
            ts("last_run_at"),
            one_of("last_status", &["succeeded", "failed", "skipped"]),
            text("last_error"),
            int("run_count").not_null().default().check(Check::AtLeast(0)),
            fk("created_by", "profiles", SetNull),
            CREATED_AT,
            UPDATED_AT,
        ],
    },
    Table {
        name: "analytics",
        columns: &[
            ID,
            ACCOUNT,
            EVENT,
            one_of(
                "metric",
                &[
                    "revenue_cents",
                    "tickets_sold",
                    "checkins",
                    "attendance_rate",
                    "refunds_cents",
                    "sponsorship_cents",
                    "expenses_cents",
                    "result_cents",
                    "new_contacts",
                    "pipeline_value_cents",
                    "won_value_cents",
                    "avg_feedback",
                    "campaign_spend_cents",
                ],
            )
            .not_null(),
            one_of("period", &["day", "week", "month", "quarter", "year", "event"]).not_null(),
            col("period_start", Date).not_null(),
            col("period_end", Date).not_null().check(Check::After("period_start")),
            col("value", Decimal { precision: 18, scale: 4 }).not_null(),
            one_of("unit", &["cents", "count", "percent", "rating"]).not_null(),
            json("dimensions").default(),
            text("dimension_key").not_null().default(),
            one_of("source", &["server", "replica", "import"]).not_null().default(),
            ts("computed_at").not_null(),
            text("computed_by"),
            CREATED_AT,
            UPDATED_AT,
        ],
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parents_come_before_children_and_exist() {
        for (i, t) in TABLES.iter().enumerate() {
            for c in t.columns {
                if let Some((parent, _)) = c.references {
                    let at = TABLES.iter().position(|p| p.name == parent);
                    let at = at.unwrap_or_else(|| panic!("{}.{} references unknown {parent}", t.name, c.name));
                    assert!(at <= i, "{}.{} references {parent}, listed later", t.name, c.name);
                }
            }
        }
    }

    #[test]
    fn every_table_has_id_and_tenancy_except_profiles() {
        for t in TABLES {
            assert_eq!(t.columns[0].name, "id", "{}", t.name);
            assert_eq!(t.account_column().is_none(), t.name == "profiles", "{}", t.name);
        }
    }
}
