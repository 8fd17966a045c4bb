//! Row-level security (supabase/migrations/20261122000200_rls.sql) on the seeded Supabase-like
//! cluster: every table guarded, no function open to the public, and what each kind of user may
//! do to each table, found by running real statements as that user the way PostgREST runs a
//! request (claims and role set in one transaction).
#![allow(clippy::unwrap_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use eventos_server_tests::Postgres;
use serde_json::{Value, json};

const DEMO_ACCOUNT: &str = "EventOS Demo";
const OTHER_ACCOUNT: &str = "Other Co";

/// The matrix's columns: who, and their email (None: anon, no user at all).
const PEOPLE: [(&str, Option<&str>); 8] = [
    ("owner", Some("owner@demo.eventos.test")),
    ("admin", Some("organizer@demo.eventos.test")),
    ("manager", Some("sales@demo.eventos.test")),
    ("viewer", Some("viewer@demo.eventos.test")),
    ("door", Some("door@demo.eventos.test")),
    ("customer", Some("customer@demo.eventos.test")),
    ("anon", None),
    ("outsider", Some("outsider@other.eventos.test")),
];

/// What each of PEOPLE may do to each table of the demo account, one cell per person:
///   1st letter, select: `a` sees all of the demo account's rows, `s` some, `-` none;
///   then `i` may insert a copy of the probe row, `u` update it, `d` delete it (`-`: may not).
/// The probe row is the first (by id) of the demo account's rows matching the condition, in
/// which `{owner}`, `{manager}`, `{door}`, `{customer}`, `{viewer}` stand for those people's ids.
/// The demo account's rows of profiles are its members' profiles.
#[rustfmt::skip]
const MATRIX: &[(&str, [&str; 8], &str)] = &[
    //                           owner   admin   manager viewer  door    cust.   anon    outsider   probe row
    // The account and its people
    ("accounts",               ["a-ud", "a-u-", "a---", "a---", "----", "----", "----", "----"], "true"),
    ("account_users",          ["aiud", "aiud", "a---", "a---", "----", "----", "----", "----"], "user_id = {viewer}"),
    ("profiles",               ["a-u-", "a---", "a---", "a---", "----", "----", "----", "----"], "id = {owner}"),
    // The event side
    ("venues",                 ["aiud", "aiud", "aiud", "a---", "s---", "s---", "s---", "s---"], "true"),
    ("events",                 ["aiud", "aiud", "aiud", "a---", "s---", "s---", "s---", "s---"], "id IN (SELECT event_id FROM public.event_teams WHERE member_id = {door})"),
    ("orders",                 ["aiud", "aiud", "aiud", "a---", "----", "siu-", "----", "----"], "customer_id = {customer}"),
    ("attendees",              ["aiud", "aiud", "aiud", "a---", "s---", "si--", "----", "----"], "order_id IN (SELECT id FROM public.orders WHERE customer_id = {customer})"),
    ("tickets",                ["aiud", "aiud", "aiud", "a---", "s---", "si--", "----", "----"], "order_id IN (SELECT id FROM public.orders WHERE customer_id = {customer})"),
    ("speakers",               ["aiud", "aiud", "aiud", "a---", "----", "----", "----", "----"], "true"),
    ("sessions",               ["aiud", "aiud", "aiud", "a---", "----", "----", "----", "----"], "true"),
    ("sponsors",               ["aiud", "aiud", "aiud", "a---", "----", "----", "----", "----"], "true"),
    ("event_feedback",         ["aiud", "aiud", "aiud", "a---", "----", "----", "----", "----"], "true"),
    ("networking_connections", ["aiud", "aiud", "aiud", "a---", "----", "----", "----", "----"], "true"),
    ("event_checkins",         ["aiud", "aiud", "aiud", "a---", "si--", "----", "----", "----"], "event_id IN (SELECT event_id FROM public.event_teams WHERE member_id = {door})"),
    // The event's door key: the server makes it; organizers and the event's door staff read it.
    ("event_door_keys",        ["a---", "a---", "a---", "----", "s---", "----", "----", "----"], "event_id IN (SELECT event_id FROM public.event_teams WHERE member_id = {door})"),
    ("event_materials",        ["aiud", "aiud", "aiud", "a---", "----", "----", "----", "----"], "true"),
    ("event_announcements",    ["aiud", "aiud", "aiud", "a---", "----", "----", "----", "----"], "true"),
    ("event_analytics",        ["aiud", "aiud", "aiud", "a---", "----", "----", "----", "----"], "true"),
    ("event_waitlists",        ["aiud", "aiud", "aiud", "a---", "----", "----", "----", "----"], "true"),
    ("event_expenses",         ["aiud", "aiud", "aiud", "a---", "----", "----", "----", "----"], "true"),
    ("event_teams",            ["aiud", "aiud", "aiud", "a---", "----", "----", "----", "----"], "member_id = {door}"),
    ("campaigns",              ["aiud", "aiud", "aiud", "a---", "----", "----", "----", "----"], "true"),
    ("notifications",          ["-i--", "-i--", "aiud", "----", "----", "----", "----", "----"], "user_id = {manager}"),
    // CRM: owners and admins all of it, the manager as a sales rep, nobody else
    ("crm_organizers",         ["aiud", "aiud", "siu-", "----", "----", "----", "----", "----"], "assigned_to = {manager}"),
    ("crm_contacts",           ["aiud", "aiud", "siud", "----", "----", "----", "----", "----"], "organizer_id IN (SELECT id FROM public.crm_organizers WHERE assigned_to = {manager})"),
    ("crm_pipeline_stages",    ["aiud", "aiud", "a---", "----", "----", "----", "----", "----"], "id NOT IN (SELECT stage_id FROM public.crm_opportunities)"),
    ("crm_opportunities",      ["aiud", "aiud", "siud", "----", "----", "----", "----", "----"], "assigned_to = {manager}"),
    ("crm_activities",         ["aiud", "aiud", "siu-", "----", "----", "----", "----", "----"], "user_id = {manager}"),
    ("crm_notes",              ["aiud", "aiud", "siud", "----", "----", "----", "----", "----"], "created_by = {manager}"),
    ("crm_documents",          ["aiud", "aiud", "aiud", "----", "----", "----", "----", "----"], "uploaded_by = {manager}"),
    ("crm_email_templates",    ["aiud", "aiud", "aiud", "----", "----", "----", "----", "----"], "created_by = {manager}"),
    // Seed 001's production and operations (issue 17): the event side's rules
    ("fashion_designers",      ["aiud", "aiud", "aiud", "a---", "----", "----", "----", "----"], "id NOT IN (SELECT designer_id FROM public.production_runs WHERE designer_id IS NOT NULL)"),
    ("models",                 ["aiud", "aiud", "aiud", "a---", "----", "----", "----", "----"], "id NOT IN (SELECT model_id FROM public.production_run_models)"),
    ("production_runs",        ["aiud", "aiud", "aiud", "a---", "----", "----", "----", "----"], "true"),
    ("production_run_models",  ["aiud", "aiud", "aiud", "a---", "----", "----", "----", "----"], "true"),
    ("production_looks",       ["aiud", "aiud", "aiud", "a---", "----", "----", "----", "----"], "true"),
    ("media_partners",         ["aiud", "aiud", "aiud", "a---", "----", "----", "----", "----"], "true"),
    ("influencers",            ["aiud", "aiud", "aiud", "a---", "----", "----", "----", "----"], "true"),
    ("event_influencers",      ["aiud", "aiud", "aiud", "a---", "----", "----", "----", "----"], "true"),
    ("event_logistics",        ["aiud", "aiud", "aiud", "a---", "----", "----", "----", "----"], "true"),
    ("event_planning",         ["aiud", "aiud", "aiud", "a---", "----", "----", "----", "----"], "true"),
    ("event_risks",            ["aiud", "aiud", "aiud", "a---", "----", "----", "----", "----"], "true"),
    ("event_xpls",             ["aiud", "aiud", "aiud", "a---", "----", "----", "----", "----"], "true"),
    // Set-up: the account's people read, owners, admins and managers write (members read only)
    ("social_media_platforms", ["aiud", "aiud", "aiud", "a---", "----", "----", "----", "----"], "true"),
    ("meeting_types",          ["aiud", "aiud", "aiud", "a---", "----", "----", "----", "----"], "id NOT IN (SELECT meeting_type_id FROM public.meeting_bookings)"),
    // Meeting bookings: the CRM's rules (a sales rep hosts their own)
    ("meeting_bookings",       ["aiud", "aiud", "siu-", "----", "----", "----", "----", "----"], "host_id = {manager}"),
    // Notifications' templates and queue, integrations, scheduled jobs, analytics snapshots
    ("notification_templates", ["aiud", "aiud", "aiud", "a---", "----", "----", "----", "----"], "true"),
    ("notification_queue",     ["aiud", "aiud", "aiud", "----", "----", "----", "----", "----"], "true"),
    ("integrations",           ["aiud", "aiud", "a---", "----", "----", "----", "----", "----"], "true"),
    ("scheduled_jobs",         ["aiud", "aiud", "a---", "----", "----", "----", "----", "----"], "true"),
    ("analytics",              ["aiud", "aiud", "aiud", "a---", "----", "----", "----", "----"], "true"),
];

/// Columns to change in a copy so that it does not collide with a unique key of the original
/// (single-column unique codes are left out instead, so the triggers make new ones).
const COPY_CHANGES: &[(&str, &str)] = &[
    ("profiles", r#"{"id": "00000000-0000-4000-8000-00000000c0b1"}"#),
    ("account_users", r#"{"user_id": "{door}"}"#),
    ("networking_connections", r#"{"target_id": null}"#),
    ("event_teams", r#"{"member_id": null}"#),
    ("crm_contacts", r#"{"is_primary": false}"#),
    ("crm_pipeline_stages", r#"{"order_index": 999}"#),
    ("production_runs", r#"{"run_order": 999}"#),
    ("production_looks", r#"{"look_number": 999}"#),
    ("social_media_platforms", r#"{"slug": "copy"}"#),
    ("influencers", r#"{"handle": "copy"}"#),
    ("event_xpls", r#"{"field_key": "copy"}"#),
    ("meeting_types", r#"{"name": "Copy"}"#),
    ("meeting_bookings", r#"{"activity_id": null}"#),
    ("notification_templates", r#"{"template_key": "copy"}"#),
    ("notification_queue", r#"{"dedupe_key": null}"#),
    ("integrations", r#"{"name": "Copy"}"#),
    ("scheduled_jobs", r#"{"name": "Copy"}"#),
    ("analytics", r#"{"dimension_key": "copy"}"#),
];

/// Where a copy needs another row of its own account to stay unique (a model not yet on the
/// run, an influencer not yet on the event): an SQL jsonb over the original row `t`.
const COPY_CHANGES_SQL: &[(&str, &str)] = &[
    (
        "production_run_models",
        "jsonb_build_object('model_id', (SELECT m.id FROM public.models m WHERE m.account_id = t.account_id \
         AND NOT EXISTS (SELECT 1 FROM public.production_run_models x WHERE x.production_run_id = t.production_run_id \
         AND x.model_id = m.id) ORDER BY m.id LIMIT 1))",
    ),
    (
        "event_influencers",
        "jsonb_build_object('influencer_id', (SELECT i.id FROM public.influencers i WHERE i.account_id = t.account_id \
         AND NOT EXISTS (SELECT 1 FROM public.event_influencers x WHERE x.event_id = t.event_id \
         AND x.influencer_id = i.id) ORDER BY i.id LIMIT 1))",
    ),
];

/// Where the seed leaves a table empty for an account, one row, so that every table of both
/// accounts can be probed: on the event door staff work (else the account's first event), its
/// attendees, the account's first CRM company and stage, by its owner.
const FIXTURES: &str = r#"
DO $fixtures$
DECLARE
  acct uuid;
  ev uuid;
  att uuid;
  att2 uuid;
  org uuid;
  stage uuid;
  person uuid;
  fixture text[];
BEGIN
  FOR acct IN SELECT id FROM public.accounts LOOP
    ev := coalesce((SELECT t.event_id FROM public.event_teams t JOIN public.events e ON e.id = t.event_id
                    WHERE e.account_id = acct AND t.role = 'registration' ORDER BY t.id LIMIT 1),
                   (SELECT id FROM public.events WHERE account_id = acct ORDER BY id LIMIT 1));
    SELECT min(id::text)::uuid, max(id::text)::uuid INTO att, att2 FROM public.attendees WHERE event_id = ev;
    org := (SELECT id FROM public.crm_organizers WHERE account_id = acct ORDER BY id LIMIT 1);
    stage := (SELECT id FROM public.crm_pipeline_stages WHERE account_id = acct ORDER BY order_index LIMIT 1);
    person := (SELECT user_id FROM public.account_users WHERE account_id = acct AND role = 'owner' ORDER BY id LIMIT 1);
    FOREACH fixture SLICE 1 IN ARRAY ARRAY[
      ['speakers', 'event_id, bio', '$1, ''Fixture speaker'''],
      ['sessions', 'event_id, title, start_time, end_time', '$1, ''Fixture session'', now(), now() + interval ''1 hour'''],
      ['sponsors', 'event_id, company_name', '$1, ''Fixture sponsor'''],
      ['event_feedback', 'event_id, attendee_id, overall_rating', '$1, $2, 4'],
      ['networking_connections', 'event_id, requester_id, target_id', '$1, $2, nullif($3, $2)'],
      ['event_checkins', 'event_id, attendee_id, check_in_method', '$1, $2, ''manual'''],
      ['event_materials', 'event_id, title, uploaded_by', '$1, ''Fixture slides'', $6'],
      ['event_announcements', 'event_id, title, content', '$1, ''Fixture'', ''Hello'''],
      ['event_analytics', 'event_id, metric_name, metric_value', '$1, ''page_views'', 42'],
      ['event_waitlists', 'event_id, attendee_id, waitlist_position', '$1, $2, 1'],
      ['event_expenses', 'event_id, expense_name, amount, created_by', '$1, ''Fixture expense'', 10, $6'],
      ['event_teams', 'event_id, member_id, role', '$1, $6, ''organizer'''],
      ['campaigns', 'event_id, name, channel', '$1, ''Fixture campaign'', ''email'''],
      ['notifications', 'account_id, user_id, type, title', '$7, $6, ''system'', ''Fixture'''],
      ['crm_opportunities', 'organizer_id, stage_id, name, value, assigned_to', '$4, $5, ''Fixture deal'', 1000, $6'],
      ['crm_activities', 'organizer_id, type, subject, user_id', '$4, ''call'', ''Fixture call'', $6'],
      ['crm_notes', 'organizer_id, content, created_by', '$4, ''Fixture note'', $6'],
      ['crm_documents', 'organizer_id, file_name, file_type, file_size, storage_path, uploaded_by', '$4, ''f.pdf'', ''application/pdf'', 1, ''crm/f.pdf'', $6'],
      ['crm_email_templates', 'account_id, name, subject, body_html, created_by', '$7, ''Fixture'', ''Hi'', ''<p>Hi</p>'', $6'],
      ['fashion_designers', 'account_id, name', '$7, ''Fixture designer'''],
      ['models', 'account_id, full_name', '$7, ''Fixture model'''],
      ['production_runs', 'event_id, session_id, title, run_order',
       '$1, (SELECT id FROM public.sessions WHERE event_id = $1 ORDER BY id LIMIT 1), ''Fixture run'', 1'],
      ['production_run_models', 'event_id, production_run_id, model_id, call_at',
       '$1, (SELECT id FROM public.production_runs WHERE event_id = $1 ORDER BY id LIMIT 1), (SELECT id FROM public.models WHERE account_id = $7 ORDER BY id LIMIT 1), now()'],
      ['production_looks', 'event_id, production_run_id, look_number',
       '$1, (SELECT id FROM public.production_runs WHERE event_id = $1 ORDER BY id LIMIT 1), 1'],
      ['social_media_platforms', 'account_id, name, slug', '$7, ''Fixture'', ''fixture'''],
      ['media_partners', 'event_id, outlet_name, partnership_type', '$1, ''Fixture outlet'', ''press'''],
      ['influencers', 'account_id, full_name, handle', '$7, ''Fixture influencer'', ''fixture'''],
      ['event_influencers', 'event_id, influencer_id', '$1, (SELECT id FROM public.influencers WHERE account_id = $7 ORDER BY id LIMIT 1)'],
      ['event_logistics', 'event_id, category, title', '$1, ''other'', ''Fixture item'''],
      ['event_planning', 'event_id, title', '$1, ''Fixture task'''],
      ['event_risks', 'event_id, title, likelihood, impact', '$1, ''Fixture risk'', 2, 3'],
      ['event_xpls', 'event_id, field_key', '$1, ''fixture'''],
      ['meeting_types', 'account_id, name', '$7, ''Fixture meeting'''],
      ['meeting_bookings', 'meeting_type_id, host_id, guest_name, starts_at, ends_at',
       '(SELECT id FROM public.meeting_types WHERE account_id = $7 ORDER BY id LIMIT 1), $6, ''Fixture guest'', now(), now() + interval ''30 minutes'''],
      ['notification_templates', 'account_id, template_key, channel, name, body', '$7, ''fixture'', ''email'', ''Fixture'', ''Hi'''],
      ['notification_queue', 'event_id, channel, to_address, body', '$1, ''email'', ''fixture@example.com'', ''Hi'''],
      ['integrations', 'account_id, provider, name', '$7, ''webhook'', ''Fixture'''],
      ['scheduled_jobs', 'account_id, kind, name, cron', '$7, ''data_retention'', ''Fixture'', ''0 3 * * *'''],
      ['analytics', 'account_id, metric, period, period_start, period_end, value, unit, computed_at',
       '$7, ''checkins'', ''day'', current_date, current_date + 1, 1, ''count'', now()']
    ] LOOP
      EXECUTE format('INSERT INTO public.%I (%s) SELECT %s WHERE NOT EXISTS (SELECT 1 FROM public.%I WHERE account_id = $7)',
                     fixture[1], fixture[2], fixture[3], fixture[1])
        USING ev, att, att2, org, stage, person, acct;
    END LOOP;
    -- A second model and influencer, so that a copy of a booking can take one not yet booked.
    INSERT INTO public.models (account_id, full_name)
    SELECT acct, 'Fixture model 2' WHERE (SELECT count(*) FROM public.models WHERE account_id = acct) < 2;
    INSERT INTO public.influencers (account_id, full_name, handle)
    SELECT acct, 'Fixture influencer 2', 'fixture2' WHERE (SELECT count(*) FROM public.influencers WHERE account_id = acct) < 2;
  END LOOP;
END $fixtures$;
"#;

/// Runs statements as PostgREST would and reports how each ended, undoing each one: the row
/// count (or the count a `SELECT count(*)` returns), or the SQLSTATE and message of the error.
const PROBE_SETUP: &str = r#"
CREATE SCHEMA rls_test;
CREATE TABLE rls_test.source (tbl text, side text, data jsonb NOT NULL, PRIMARY KEY (tbl, side));
CREATE FUNCTION rls_test.probe(statement text) RETURNS text LANGUAGE plpgsql AS $fn$
DECLARE
  n bigint;
BEGIN
  BEGIN
    IF statement ~* '^\s*select' THEN
      EXECUTE statement INTO n;
    ELSE
      EXECUTE statement;
      GET DIAGNOSTICS n = ROW_COUNT;
    END IF;
    RAISE EXCEPTION 'undo' USING ERRCODE = 'RT000';
  EXCEPTION
    WHEN SQLSTATE 'RT000' THEN RETURN n::text;
    WHEN OTHERS THEN RETURN SQLSTATE || ' ' || replace(SQLERRM, E'\n', ' ');
  END;
END $fn$;
GRANT USAGE ON SCHEMA rls_test TO anon, authenticated;
GRANT SELECT ON rls_test.source TO anon, authenticated;
GRANT EXECUTE ON FUNCTION rls_test.probe(text) TO anon, authenticated;
"#;

/// event_stats' ticket counts. The view is security_invoker (so row-level security on events
/// decides which events a reader gets a row for) and takes its figures from this SECURITY
/// DEFINER function, which returns one event's counts and never a ticket row. A view's functions
/// run with its reader's privileges, so everyone who may read event_stats, anon included (the
/// web shop's seats left), must be able to execute it: the one function anon may execute.
const EVENT_STATS_COUNTS: &str = "private.event_ticket_counts(p_event_id uuid, OUT tickets_sold bigint, \
     OUT tickets_active bigint, OUT tickets_used bigint, OUT tickets_cancelled bigint)";

/// The private helpers the policies call as the requesting user; nothing else in private or
/// public may be executed by the API roles except the sync RPCs (authenticated only) and
/// [`EVENT_STATS_COUNTS`] (anon and authenticated).
const POLICY_HELPERS: &[&str] = &[
    "private.account_ids_with_role(VARIADIC p_roles text[])",
    "private.account_role(p_account_id uuid)",
    "private.colleague_ids()",
    "private.door_event_ids()",
    "private.has_role(p_account_id uuid, VARIADIC p_roles text[])",
    "private.is_door_staff(p_event_id uuid)",
    "private.is_on_sale(p_event_id uuid, p_account_id uuid)",
    "private.own_order_ids()",
];

fn one(pg: &Postgres, sql: &str) -> String {
    pg.psql(sql).unwrap_or_else(|e| panic!("{sql}: {e}"))
}

fn quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

/// The seed's people and accounts, looked up by email and name.
struct Seed {
    user: BTreeMap<&'static str, String>,
    demo: String,
    other: String,
}

impl Seed {
    fn load(pg: &Postgres) -> Seed {
        let ids: BTreeMap<String, String> = one(
            pg,
            &format!(
                "SELECT email || '|' || id FROM auth.users UNION ALL SELECT name || '|' || id FROM public.accounts WHERE name IN ({}, {})",
                quote(DEMO_ACCOUNT),
                quote(OTHER_ACCOUNT)
            ),
        )
        .lines()
        .map(|l| l.split_once('|').map(|(k, v)| (k.to_owned(), v.to_owned())).unwrap())
        .collect();
        let id = |key: &str| ids.get(key).unwrap_or_else(|| panic!("the seed has no {key}")).clone();
        let user = PEOPLE.iter().filter_map(|(who, email)| email.map(|e| (*who, id(e)))).collect();
        Seed { user, demo: id(DEMO_ACCOUNT), other: id(OTHER_ACCOUNT) }
    }

    fn claims(&self, who: &str) -> String {
        match self.user.get(who) {
            Some(id) => format!(r#"{{"sub":"{id}","role":"authenticated","aud":"authenticated"}}"#),
            None => r#"{"role":"anon"}"#.to_owned(),
        }
    }

    /// `{owner}` etc. replaced by ids, quoted as SQL literals or not.
    fn fill(&self, template: &str, sql: bool) -> String {
        let mut out = template.to_owned();
        for (who, id) in &self.user {
            out = out.replace(&format!("{{{who}}}"), &if sql { quote(id) } else { id.clone() });
        }
        out
    }
}

/// What the superuser knows about one table, to build and judge the probes.
struct Table {
    name: &'static str,
    expected: [&'static str; 8],
    demo_scope: String,
    demo_rows: u64,
    probe_id: String,
    other_scope: String,
    /// Whether the other account has rows here (to try inserting a copy of one).
    has_other: bool,
    /// Rows of each account that anyone may read (published public events and their venues).
    public_ids: String,
    columns: String,
}

fn prepare(pg: &Postgres, seed: &Seed) -> Vec<Table> {
    one(pg, PROBE_SETUP);
    one(pg, FIXTURES);
    let members = |account: &str| {
        one(pg, &format!("SELECT array_agg(user_id)::text FROM public.account_users WHERE account_id = '{account}'"))
    };
    let (demo_members, other_members) = (members(&seed.demo), members(&seed.other));
    let scope = |table: &str, account: &str, members: &str| match table {
        "accounts" => format!("id = '{account}'"),
        "profiles" => format!("id = ANY ('{members}'::uuid[])"),
        _ => format!("account_id = '{account}'"),
    };

    // What the superuser sees of each table, in one query: the demo account's row count, the
    // probe row, the other account's first row, the rows anyone may read, and the columns a
    // copy takes (no id: a new one is drawn; no generated columns; no single-column unique
    // codes: the triggers make new ones; no sync clocks).
    let facts = MATRIX
        .iter()
        .map(|&(name, _, probe_row)| {
            let (demo, other) = (scope(name, &seed.demo, &demo_members), scope(name, &seed.other, &other_members));
            let condition = seed.fill(probe_row, true);
            let public = match name {
                "events" => "SELECT id FROM public.events WHERE status = 'published' AND visibility = 'public'",
                "venues" => "SELECT venue_id FROM public.events WHERE status = 'published' AND visibility = 'public'",
                _ => "SELECT NULL::uuid WHERE false",
            };
            format!(
                "SELECT concat_ws('|', '{name}',
                   (SELECT count(*) FROM public.{name} WHERE {demo}),
                   coalesce((SELECT id::text FROM public.{name} WHERE {demo} AND ({condition}) ORDER BY id LIMIT 1), ''),
                   coalesce((SELECT id::text FROM public.{name} WHERE {other} ORDER BY id LIMIT 1), ''),
                   (SELECT coalesce(array_agg(id), '{{}}')::text FROM ({public}) p(id) WHERE id IS NOT NULL),
                   (SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum) FROM pg_attribute a
                    WHERE a.attrelid = 'public.{name}'::regclass AND a.attnum > 0 AND NOT a.attisdropped
                      AND a.attgenerated = '' AND a.attname <> '_hlc' AND (a.attname <> 'id' OR '{name}' = 'profiles')
                      AND NOT EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = a.attrelid AND i.indisunique AND NOT i.indisprimary
                                      AND i.indpred IS NULL AND i.indnatts = 1 AND i.indkey[0] = a.attnum)))"
            )
        })
        .collect::<Vec<_>>()
        .join("\nUNION ALL\n");
    let facts = one(pg, &facts);

    let mut tables = Vec::new();
    let mut sources = Vec::new();
    for (line, &(name, expected, probe_row)) in facts.lines().zip(MATRIX) {
        let fields: Vec<&str> = line.split('|').collect();
        assert_eq!(fields[0], name);
        let demo_rows: u64 = fields[1].parse().unwrap();
        assert!(demo_rows > 0, "no {name} in {DEMO_ACCOUNT}");
        let (probe_id, other_id) = (fields[2].to_owned(), fields[3]);
        assert!(!probe_id.is_empty(), "no {name} in {DEMO_ACCOUNT} where {probe_row}");
        let changes =
            quote(&COPY_CHANGES.iter().find(|(t, _)| *t == name).map_or("{}".to_owned(), |(_, c)| seed.fill(c, false)));
        let derived = COPY_CHANGES_SQL.iter().find(|(t, _)| *t == name).map_or("'{}'::jsonb", |(_, sql)| sql);
        for (side, id) in [("demo", probe_id.as_str()), ("other", other_id)] {
            if !id.is_empty() {
                sources.push(format!(
                    "INSERT INTO rls_test.source SELECT '{name}', '{side}', to_jsonb(t) || {changes}::jsonb || {derived} FROM public.{name} t WHERE id = '{id}'"
                ));
            }
        }
        tables.push(Table {
            name,
            expected,
            demo_scope: scope(name, &seed.demo, &demo_members),
            demo_rows,
            probe_id,
            other_scope: scope(name, &seed.other, &other_members),
            has_other: !other_id.is_empty(),
            public_ids: fields[4].to_owned(),
            columns: fields[5].to_owned(),
        });
    }
    assert_eq!(tables.len(), MATRIX.len());
    one(pg, &sources.join(";\n"));
    tables
}

fn copy_statement(table: &Table, side: &str) -> String {
    let name = table.name;
    let values = table.columns.split(", ").map(|c| format!("r.{c}")).collect::<Vec<_>>().join(", ");
    format!(
        "INSERT INTO public.{name} ({}) SELECT {values} FROM rls_test.source s, jsonb_populate_record(NULL::public.{name}, s.data) r \
         WHERE s.tbl = '{name}' AND s.side = '{side}'",
        table.columns
    )
}

/// Runs every probe as one person in one request; returns probe key -> result.
fn run_probes(pg: &Postgres, claims: &str, probes: &[(String, String)]) -> BTreeMap<String, String> {
    let values = probes
        .iter()
        .map(|(key, sql)| format!("({}, $probe${sql}$probe$)", quote(key)))
        .collect::<Vec<_>>()
        .join(",\n");
    let sql = format!("SELECT v.key || ' ' || rls_test.probe(v.statement) FROM (VALUES {values}) v(key, statement)");
    let out = pg.as_request(claims, &sql).unwrap_or_else(|e| panic!("probing as {claims}: {e}"));
    out.lines()
        .map(|line| {
            let (key, result) = line.split_once(' ').unwrap();
            (key.to_owned(), result.to_owned())
        })
        .collect()
}

/// `n` rows changed: 1 is `letter`, 0 or a refusal (42501) is `-`; anything else is shown.
fn verdict(result: &str, letter: char) -> Result<char, String> {
    match result.split_once(' ').map_or(result, |(code, _)| code) {
        "1" => Ok(letter),
        "0" | "42501" => Ok('-'),
        _ => Err(result.to_owned()),
    }
}

#[test]
fn every_table_has_row_level_security_and_no_function_is_open_to_the_public() {
    let pg = Postgres::start().unwrap();

    // The replica's tables (its registry: they and the migrations agree, crates/store/tests) are
    // the server's, and every table in public has RLS and policies.
    let replica_tables: BTreeSet<String> = eventos_model::schema::tables().iter().map(|t| t.name.to_owned()).collect();
    assert_eq!(replica_tables.len(), MATRIX.len(), "the matrix covers the replica's tables");
    let server = one(
        &pg,
        "SELECT c.relname || ' ' || c.relrowsecurity || ' ' || (SELECT count(*) FROM pg_policy p WHERE p.polrelid = c.oid)
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') ORDER BY 1",
    );
    let mut server_tables = BTreeSet::new();
    for line in server.lines() {
        let mut fields = line.split(' ');
        let (table, rls, policies) = (fields.next().unwrap(), fields.next().unwrap(), fields.next().unwrap());
        assert_eq!(rls, "true", "row-level security is off on public.{table}");
        assert_ne!(policies, "0", "public.{table} has no policy (nobody but service_role could use it)");
        server_tables.insert(table.to_owned());
    }
    assert_eq!(server_tables, replica_tables, "public's tables are the replica's");
    let matrix_tables: BTreeSet<String> = MATRIX.iter().map(|(t, _, _)| (*t).to_owned()).collect();
    assert_eq!(matrix_tables, server_tables, "the matrix covers every table");

    // Table privileges: anon reads three relations; nobody but service_role may TRUNCATE
    // (which ignores row-level security), REFERENCE or add TRIGGERs.
    let anon = one(
        &pg,
        "SELECT string_agg(c.relname || ':' || p.privilege, ' ' ORDER BY c.relname, p.privilege)
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace,
              unnest(ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER']) p(privilege)
         WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm') AND has_table_privilege('anon', c.oid, p.privilege)",
    );
    assert_eq!(anon, "event_stats:SELECT events:SELECT venues:SELECT", "anon's table privileges");
    let authenticated = one(
        &pg,
        "SELECT coalesce(string_agg(c.relname || ':' || p.privilege, ' '), '') FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace,
              unnest(ARRAY['TRUNCATE', 'REFERENCES', 'TRIGGER']) p(privilege)
         WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm') AND has_table_privilege('authenticated', c.oid, p.privilege)",
    );
    assert_eq!(authenticated, "", "authenticated may not truncate, reference or add triggers");
    let missing = one(
        &pg,
        "SELECT coalesce(string_agg(c.relname || ':' || p.privilege, ' '), '') FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace,
              unnest(ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE']) p(privilege)
         WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
           AND NOT (has_table_privilege('authenticated', c.oid, p.privilege) AND has_table_privilege('service_role', c.oid, p.privilege))",
    );
    assert_eq!(
        missing, "",
        "authenticated and service_role read and write every table (row-level security decides rows)"
    );

    // Functions: PUBLIC executes nothing in private or public; anon only event_stats' counts
    // (which the view calls as its reader); authenticated the policies' helpers, the sync RPCs
    // and event_stats' counts.
    let functions = one(
        &pg,
        "SELECT n.nspname || '.' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')'
                || ' ' || aclcontains(coalesce(p.proacl, acldefault('f', p.proowner)), makeaclitem(0, p.proowner, 'EXECUTE', false))
                || ' ' || has_function_privilege('anon', p.oid, 'EXECUTE')
                || ' ' || has_function_privilege('authenticated', p.oid, 'EXECUTE')
         FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
         WHERE n.nspname IN ('private', 'public') ORDER BY 1",
    );
    let mut open_to_authenticated = BTreeSet::new();
    let mut open_to_anon = Vec::new();
    for line in functions.lines() {
        let fields: Vec<&str> = line.rsplitn(4, ' ').collect();
        let (authenticated, anon, public, function) = (fields[0], fields[1], fields[2], fields[3]);
        assert_eq!(public, "false", "{function} is executable by PUBLIC");
        if anon == "true" {
            open_to_anon.push(function.to_owned());
        }
        if authenticated == "true" {
            open_to_authenticated.insert(function.to_owned());
        }
    }
    assert_eq!(open_to_anon, [EVENT_STATS_COUNTS], "anon executes event_stats' counts and nothing else");
    // The view names the function by oid: anon needs no USAGE on private, so it cannot name (or
    // call) anything there itself.
    assert_eq!(one(&pg, "SELECT has_schema_privilege('anon', 'private', 'USAGE')"), "f");
    for helper in POLICY_HELPERS.iter().chain([&EVENT_STATS_COUNTS]) {
        assert!(
            open_to_authenticated.remove(*helper),
            "authenticated cannot execute {helper}, which the policies or event_stats call"
        );
    }
    let unexpected: Vec<_> = open_to_authenticated
        .iter()
        .filter(|f| {
            !f.starts_with("public.pull_changes(")
                && !f.starts_with("public.push_changes(")
                && !f.starts_with("public.sync_cursor(")
                && !f.starts_with("public.scope_counts(")
                && !f.starts_with("public.door_events(")
        })
        .collect();
    assert!(unexpected.is_empty(), "authenticated can execute {unexpected:?}");

    // The helpers read membership tables without recursing through their policies (and
    // event_stats' counts read tickets past theirs), and do not take their search_path from the
    // caller.
    let helpers = one(
        &pg,
        "SELECT string_agg(p.proname || ' ' || p.prosecdef || ' ' || p.provolatile::text || ' ' || coalesce(array_to_string(p.proconfig, ','), ''), '; ' ORDER BY p.proname)
         FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
         WHERE n.nspname = 'private' AND has_function_privilege('authenticated', p.oid, 'EXECUTE')",
    );
    for helper in helpers.split("; ") {
        assert!(
            helper.ends_with(" true s search_path=\"\""),
            "helper not SECURITY DEFINER, STABLE, search_path '': {helper}"
        );
    }
}

#[test]
fn what_each_person_may_do_to_each_table() {
    let pg = Postgres::start().unwrap();
    let seed = Seed::load(&pg);
    let tables = prepare(&pg, &seed);

    let mut failures = Vec::new();
    let mut actual_rows: Vec<Vec<String>> = vec![Vec::new(); tables.len()];
    let mut cases = 0;
    for (column, (who, _)) in PEOPLE.iter().enumerate() {
        // The other account, from where this person stands: anon has none.
        let foreign = match *who {
            "anon" => None,
            "outsider" => Some("demo"),
            _ => Some("other"),
        };
        let mut probes = Vec::new();
        for t in &tables {
            let (name, id) = (t.name, &t.probe_id);
            probes
                .push((format!("select:{name}"), format!("SELECT count(*) FROM public.{name} WHERE {}", t.demo_scope)));
            probes.push((format!("insert:{name}"), copy_statement(t, "demo")));
            probes.push((
                format!("update:{name}"),
                format!("UPDATE public.{name} SET created_at = created_at WHERE id = '{id}'"),
            ));
            probes.push((format!("delete:{name}"), format!("DELETE FROM public.{name} WHERE id = '{id}'")));
            if let Some(side) = foreign {
                let scope = if side == "demo" { &t.demo_scope } else { &t.other_scope };
                let public = &t.public_ids;
                probes.push((
                    format!("foreign-select:{name}"),
                    format!("SELECT count(*) FROM public.{name} WHERE {scope} AND id <> ALL ('{public}'::uuid[])"),
                ));
                if side == "demo" || t.has_other {
                    probes.push((format!("foreign-insert:{name}"), copy_statement(t, side)));
                }
                probes.push((
                    format!("foreign-update:{name}"),
                    format!("UPDATE public.{name} SET created_at = created_at WHERE {scope}"),
                ));
                probes.push((format!("foreign-delete:{name}"), format!("DELETE FROM public.{name} WHERE {scope}")));
            }
        }
        let results = run_probes(&pg, &seed.claims(who), &probes);
        assert_eq!(results.len(), probes.len(), "one result per probe as {who}");

        for (row, t) in tables.iter().enumerate() {
            let name = t.name;
            let get = |op: &str| results[&format!("{op}:{name}")].as_str();
            let mut cell = String::new();
            let seen = get("select");
            cell.push(match seen.parse::<u64>() {
                Ok(0) => '-',
                Ok(n) if n == t.demo_rows => 'a',
                Ok(n) if n < t.demo_rows => 's',
                _ if seen.starts_with("42501 ") => '-',
                _ => {
                    failures.push(format!("{name} × {who}: select gave {seen}"));
                    '?'
                }
            });
            for (op, letter) in [("insert", 'i'), ("update", 'u'), ("delete", 'd')] {
                cell.push(verdict(get(op), letter).unwrap_or_else(|e| {
                    failures.push(format!("{name} × {who}: {op} gave {e}"));
                    '?'
                }));
            }
            cases += 4;
            if cell != t.expected[column] {
                failures.push(format!(
                    "{name} × {who}: expected {}, got {cell} ({})",
                    t.expected[column],
                    ["select", "insert", "update", "delete"].map(get).join(" | ")
                ));
            }
            actual_rows[row].push(cell);

            if foreign.is_some() {
                let seen = get("foreign-select");
                if seen != "0" && !seen.starts_with("42501 ") {
                    failures.push(format!("{name} × {who}: sees another account's rows: {seen}"));
                }
                for op in ["foreign-insert", "foreign-update", "foreign-delete"] {
                    let Some(result) = results.get(&format!("{op}:{name}")) else { continue };
                    if !(result == "0" || result.starts_with("42501 ")) {
                        failures.push(format!("{name} × {who}: {op} of another account's rows gave {result}"));
                    }
                }
                cases += 4;
            }
        }
    }

    if !failures.is_empty() {
        let mut actual = String::from("actual matrix:\n");
        for (t, cells) in tables.iter().zip(&actual_rows) {
            let _ = writeln!(
                actual,
                "  {:<24} {}",
                t.name,
                cells.iter().map(|c| format!("{c:?}")).collect::<Vec<_>>().join(", ")
            );
        }
        panic!("{} of {cases} cases differ:\n  {}\n{actual}", failures.len(), failures.join("\n  "));
    }
    eprintln!("row-level security matrix: {cases} cases");
}

/// The SQL PostgREST runs for an insert of a JSON object or array: the body's keys as the
/// columns, and with `Prefer: return=representation` (supabase-js `.insert(body).select()`)
/// `RETURNING *` and the rows back as JSON.
fn insert_sql(table: &str, body: &Value, returning: bool) -> String {
    let rows = match body {
        Value::Array(rows) => rows.clone(),
        row => vec![row.clone()],
    };
    let columns: BTreeSet<&str> = rows.iter().flat_map(|r| r.as_object().unwrap().keys().map(String::as_str)).collect();
    let columns = columns.into_iter().map(|c| format!("\"{c}\"")).collect::<Vec<_>>().join(", ");
    let payload = quote(&Value::Array(rows).to_string());
    let insert = format!(
        "INSERT INTO public.{table} ({columns}) SELECT {columns} FROM json_populate_recordset(NULL::public.{table}, {payload}::json) _"
    );
    if returning {
        format!(
            "WITH pgrst_source AS ({insert} RETURNING public.{table}.*) \
             SELECT coalesce(json_agg(_postgrest_t), '[]')::text FROM (SELECT * FROM pgrst_source) _postgrest_t"
        )
    } else {
        format!("WITH pgrst_source AS ({insert} RETURNING 1) SELECT count(*) FROM pgrst_source")
    }
}

fn insert_returning(pg: &Postgres, claims: &str, table: &str, body: &Value) -> Result<Vec<Value>, String> {
    let out = pg.as_request(claims, &insert_sql(table, body, true))?;
    Ok(serde_json::from_str::<Vec<Value>>(&out).unwrap())
}

/// An insert without reading the row back (`Prefer: return=minimal`): only the INSERT policies
/// decide. Returns the error, or panics if the insert went through.
fn insert_refused(pg: &Postgres, claims: &str, table: &str, body: &Value) -> String {
    match pg.as_request(claims, &insert_sql(table, body, false)) {
        Ok(count) => panic!("inserted {count} rows into {table}: {body}"),
        Err(e) => e,
    }
}

#[test]
fn the_web_shops_checkout_works_for_a_customer_and_only_for_published_events() {
    let pg = Postgres::start().unwrap();
    let seed = Seed::load(&pg);
    let customer = seed.claims("customer");
    let me = &seed.user["customer"];

    // 1. The customer browses published public events and picks the demo account's.
    let listed = pg
        .as_request(&customer, &format!("SELECT id || ' ' || price_cents FROM public.events WHERE status = 'published' AND visibility = 'public' AND account_id = '{}' ORDER BY start_at LIMIT 1", seed.demo))
        .unwrap();
    let (event, price) = listed.split_once(' ').expect("the customer sees a published event of the demo account");
    let price: i64 = price.parse().unwrap();

    // 3. The order, without account_id or order_number: both come from the server.
    let order = insert_returning(
        &pg,
        &customer,
        "orders",
        &json!({"customer_id": me, "event_id": event, "quantity": 2, "unit_price_cents": price, "total_cents": 2 * price, "payment_status": "pending"}),
    )
    .unwrap();
    assert_eq!(order.len(), 1);
    let order = &order[0];
    assert_eq!(order["account_id"], json!(seed.demo), "the order takes its event's account");
    assert!(order["order_number"].as_str().unwrap().starts_with("ORD-"), "order number made: {order}");
    let order_id = order["id"].as_str().unwrap();

    // 5. The customer marks it paid (seed 003 does this from the browser after Stripe).
    let paid = pg
        .as_request(&customer, &format!("WITH pgrst_source AS (UPDATE public.orders SET payment_status = 'paid', stripe_payment_intent_id = 'pi_test_rls', paid_at = now() WHERE id = '{order_id}' RETURNING 1) SELECT count(*) FROM pgrst_source"))
        .unwrap();
    assert_eq!(paid, "1");

    // 6. Attendees, 7. tickets: codes and QR made by the server.
    let attendees = insert_returning(
        &pg,
        &customer,
        "attendees",
        &json!([
            {"order_id": order_id, "event_id": event, "full_name": "John Doe", "email": "john@example.com", "phone": "+1-416-555-1111"},
            {"order_id": order_id, "event_id": event, "full_name": "Jane Smith", "email": "jane@example.com", "phone": "+1-416-555-2222"},
        ]),
    )
    .unwrap();
    assert_eq!(attendees.len(), 2);
    assert!(attendees.iter().all(|a| a["account_id"] == json!(seed.demo)));
    let tickets = insert_returning(
        &pg,
        &customer,
        "tickets",
        &Value::Array(
            attendees
                .iter()
                .map(|a| json!({"event_id": event, "order_id": order_id, "attendee_id": a["id"], "status": "active"}))
                .collect(),
        ),
    )
    .unwrap();
    assert_eq!(tickets.len(), 2);
    for ticket in &tickets {
        assert_eq!(ticket["account_id"], json!(seed.demo));
        assert!(ticket["ticket_number"].as_str().unwrap().starts_with("TKT-"), "ticket number made: {ticket}");
        assert_eq!(ticket["qr_code"].as_str().unwrap().len(), 44, "QR code made: {ticket}");
    }
    let mine = pg
        .as_request(&customer, &format!("SELECT count(*) FROM public.tickets WHERE order_id = '{order_id}'"))
        .unwrap();
    assert_eq!(mine, "2", "the customer reads their tickets back");

    // The same order for a draft event, or for somebody else, is refused.
    let draft = one(
        &pg,
        &format!(
            "SELECT id FROM public.events WHERE account_id = '{}' AND status = 'draft' ORDER BY id LIMIT 1",
            seed.demo
        ),
    );
    assert!(!draft.is_empty(), "the seed has a draft event");
    let refused = insert_refused(
        &pg,
        &customer,
        "orders",
        &json!({"customer_id": me, "event_id": draft, "quantity": 2, "unit_price_cents": price, "total_cents": 2 * price, "payment_status": "pending"}),
    );
    assert!(refused.contains("row-level security"), "a draft event's order: {refused}");
    let for_someone_else = insert_refused(
        &pg,
        &customer,
        "orders",
        &json!({"customer_id": seed.user["owner"], "event_id": event, "quantity": 1, "unit_price_cents": price, "total_cents": price}),
    );
    assert!(for_someone_else.contains("row-level security"), "an order for someone else: {for_someone_else}");

    // Attendees and tickets only on the customer's own orders.
    let box_office = one(
        &pg,
        &format!(
            "SELECT id FROM public.orders WHERE event_id = '{event}' AND customer_id IS DISTINCT FROM '{me}' ORDER BY id LIMIT 1"
        ),
    );
    assert!(!box_office.is_empty(), "the seed has another order for the customer's event");
    let refused = insert_refused(
        &pg,
        &customer,
        "attendees",
        &json!({"order_id": box_office, "event_id": event, "full_name": "Gate Crasher", "email": "x@example.com"}),
    );
    assert!(refused.contains("row-level security"), "an attendee on someone else's order: {refused}");
    let refused = insert_refused(
        &pg,
        &customer,
        "tickets",
        &json!({"order_id": box_office, "event_id": event, "status": "active"}),
    );
    assert!(refused.contains("row-level security"), "a ticket on someone else's order: {refused}");

    // anon reads the event but orders nothing.
    let anon = seed.claims("anon");
    assert_eq!(pg.as_request(&anon, &format!("SELECT count(*) FROM public.events WHERE id = '{event}'")).unwrap(), "1");
    let refused = insert_refused(
        &pg,
        &anon,
        "orders",
        &json!({"event_id": event, "quantity": 1, "unit_price_cents": price, "total_cents": price}),
    );
    assert!(refused.contains("permission denied"), "anon's order: {refused}");
}

#[test]
fn door_staff_check_people_in_at_their_event_and_see_nothing_else() {
    let pg = Postgres::start().unwrap();
    let seed = Seed::load(&pg);
    let door = seed.claims("door");
    let door_id = &seed.user["door"];

    let event = one(
        &pg,
        &format!(
            "SELECT event_id FROM public.event_teams WHERE member_id = '{door_id}' AND role IN ('registration', 'volunteer') AND status = 'active'"
        ),
    );
    assert!(!event.is_empty() && !event.contains('\n'), "door@ works the door of one event: {event:?}");
    let ticket = one(
        &pg,
        &format!(
            "SELECT attendee_id || ' ' || qr_code || ' ' || id FROM public.tickets WHERE event_id = '{event}' AND status = 'active' AND attendee_id IS NOT NULL ORDER BY id LIMIT 1"
        ),
    );
    let mut fields = ticket.split(' ');
    let (attendee, qr_code, ticket_id) = (fields.next().unwrap(), fields.next().unwrap(), fields.next().unwrap());

    // A scan at their event: the check-in is recorded and the ticket follows.
    let checkin = insert_returning(
        &pg,
        &door,
        "event_checkins",
        &json!({"event_id": event, "attendee_id": attendee, "qr_code_scanned": qr_code, "check_in_method": "qr_code", "location": "Main entrance"}),
    )
    .unwrap();
    assert_eq!(checkin[0]["account_id"], json!(seed.demo));
    let status = pg.as_request(&door, &format!("SELECT status FROM public.tickets WHERE id = '{ticket_id}'")).unwrap();
    assert_eq!(status, "used", "the door sees the ticket it just let in");
    // ... but may not edit tickets or attendees directly.
    let edits = pg
        .as_request(&door, &format!("WITH t AS (UPDATE public.tickets SET status = 'active' WHERE event_id = '{event}' RETURNING 1), a AS (UPDATE public.attendees SET full_name = full_name WHERE event_id = '{event}' RETURNING 1) SELECT (SELECT count(*) FROM t) + (SELECT count(*) FROM a)"))
        .unwrap();
    assert_eq!(edits, "0");

    // Not at another event of the same account, even one the door can read (a public one),
    // with or without an attendee of that event.
    let elsewhere = one(
        &pg,
        &format!(
            "SELECT e.id || ' ' || (SELECT a.id FROM public.attendees a WHERE a.event_id = e.id ORDER BY a.id LIMIT 1) FROM public.events e
             WHERE e.account_id = '{}' AND e.id <> '{event}' AND EXISTS (SELECT 1 FROM public.attendees a WHERE a.event_id = e.id)
             ORDER BY e.status = 'published' AND e.visibility = 'public' DESC, e.id LIMIT 1",
            seed.demo
        ),
    );
    let (other_event, other_attendee) =
        elsewhere.split_once(' ').expect("the demo account has another event with attendees");
    for body in [
        json!({"event_id": other_event, "check_in_method": "manual"}),
        json!({"event_id": other_event, "attendee_id": other_attendee, "check_in_method": "manual"}),
        // their event's id with another event's attendee
        json!({"event_id": event, "attendee_id": other_attendee, "check_in_method": "manual"}),
    ] {
        let refused = insert_refused(&pg, &door, "event_checkins", &body);
        assert!(refused.contains("row-level security"), "check-in {body}: {refused}");
    }

    // No orders, no CRM, no account data, no events but theirs and the public ones.
    let counts = pg
        .as_request(
            &door,
            &format!(
                "SELECT concat_ws(' ', (SELECT count(*) FROM public.orders), (SELECT count(*) FROM public.crm_organizers), (SELECT count(*) FROM public.crm_contacts),
                   (SELECT count(*) FROM public.crm_opportunities), (SELECT count(*) FROM public.crm_activities), (SELECT count(*) FROM public.crm_notes),
                   (SELECT count(*) FROM public.crm_documents), (SELECT count(*) FROM public.crm_pipeline_stages), (SELECT count(*) FROM public.crm_email_templates),
                   (SELECT count(*) FROM public.accounts), (SELECT count(*) FROM public.account_users), (SELECT count(*) FROM public.event_teams),
                   (SELECT count(*) FROM public.speakers), (SELECT count(*) FROM public.event_expenses),
                   (SELECT count(*) FROM public.attendees WHERE event_id <> '{event}'), (SELECT count(*) FROM public.tickets WHERE event_id <> '{event}'),
                   (SELECT string_agg(id::text, ',') FROM public.events WHERE NOT (status = 'published' AND visibility = 'public')))"
            ),
        )
        .unwrap();
    let public_or_theirs = one(
        &pg,
        &format!(
            "SELECT coalesce(string_agg(id::text, ','), '') FROM public.events WHERE id = '{event}' AND NOT (status = 'published' AND visibility = 'public')"
        ),
    );
    assert_eq!(
        counts.trim_end(),
        format!("0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 {public_or_theirs}").trim_end(),
        "what door staff see"
    );
}

#[test]
fn admins_manage_people_but_not_owners() {
    let pg = Postgres::start().unwrap();
    let seed = Seed::load(&pg);
    let admin = seed.claims("admin");
    let (owner_id, door_id, demo) = (&seed.user["owner"], &seed.user["door"], &seed.demo);
    // Demote the owner, remove them, add a second owner: all refused or no rows.
    let changed = pg
        .as_request(&admin, &format!("WITH u AS (UPDATE public.account_users SET role = 'admin' WHERE user_id = '{owner_id}' AND account_id = '{demo}' RETURNING 1), d AS (DELETE FROM public.account_users WHERE user_id = '{owner_id}' AND account_id = '{demo}' RETURNING 1) SELECT (SELECT count(*) FROM u) + (SELECT count(*) FROM d)"))
        .unwrap();
    assert_eq!(changed, "0", "an admin changes no owner's membership");
    let refused =
        insert_refused(&pg, &admin, "account_users", &json!({"account_id": demo, "user_id": door_id, "role": "owner"}));
    assert!(refused.contains("row-level security"), "an admin makes an owner: {refused}");
    let promoted = pg
        .as_request(
            &admin,
            &format!(
                "UPDATE public.account_users SET role = 'owner' WHERE user_id = '{}' AND account_id = '{demo}'",
                seed.user["viewer"]
            ),
        )
        .unwrap_err();
    assert!(promoted.contains("row-level security"), "an admin promotes someone to owner: {promoted}");
    // A member they may add, and the new member then reads the account.
    let added = insert_returning(
        &pg,
        &admin,
        "account_users",
        &json!({"account_id": demo, "user_id": door_id, "role": "member", "status": "active"}),
    )
    .unwrap();
    assert_eq!(added.len(), 1);
    let door = seed.claims("door");
    assert_eq!(
        pg.as_request(&door, &format!("SELECT count(*) FROM public.accounts WHERE id = '{demo}'")).unwrap(),
        "1"
    );
    // The owner may do what the admin may not.
    let owner = seed.claims("owner");
    let promoted = pg.as_request(&owner, &format!("WITH u AS (UPDATE public.account_users SET role = 'owner' WHERE user_id = '{door_id}' AND account_id = '{demo}' RETURNING 1) SELECT count(*) FROM u")).unwrap();
    assert_eq!(promoted, "1");
}

/// The `event_stats` rows of the events `condition` selects (`e` is the event), counted by the
/// superuser straight from tickets (not through the view), as `SELECT * FROM event_stats` shows
/// them.
fn stats_from_tickets(pg: &Postgres, condition: &str) -> String {
    one(
        pg,
        &format!(
            "SELECT e.id, e.name, e.capacity, c.sold, e.capacity - c.sold, c.active, c.used, c.cancelled
             FROM public.events e,
                  LATERAL (SELECT count(*) FILTER (WHERE t.status IN ('active', 'used')) AS sold,
                                  count(*) FILTER (WHERE t.status = 'active') AS active,
                                  count(*) FILTER (WHERE t.status = 'used') AS used,
                                  count(*) FILTER (WHERE t.status = 'cancelled') AS cancelled
                           FROM public.tickets t WHERE t.event_id = e.id) c
             WHERE {condition} ORDER BY e.id"
        ),
    )
}

fn event_stats(pg: &Postgres, claims: &str) -> String {
    pg.as_request(claims, "SELECT * FROM public.event_stats ORDER BY event_id").unwrap()
}

/// Seed 003's web shop reads `event_stats (tickets_available)` for published public events, as
/// anon or as a signed-in customer; organizers read it for their account's events.
#[test]
fn event_stats_gives_each_reader_the_full_figures_of_the_events_they_see() {
    let pg = Postgres::start().unwrap();
    let seed = Seed::load(&pg);
    let public = "e.status = 'published' AND e.visibility = 'public'";
    let (anon, customer, door, outsider) =
        (seed.claims("anon"), seed.claims("customer"), seed.claims("door"), seed.claims("outsider"));
    let customers_event =
        one(&pg, &format!("SELECT event_id FROM public.orders WHERE customer_id = '{}'", seed.user["customer"]));
    assert!(!customers_event.is_empty() && !customers_event.contains('\n'), "the customer bought for one event");

    // anon: a row for each published public event, every ticket counted (anon reads none).
    let anon_stats = event_stats(&pg, &anon);
    assert_eq!(anon_stats, stats_from_tickets(&pg, public), "anon's event_stats");
    let available = pg
        .as_request(
            &anon,
            &format!("SELECT tickets_available FROM public.event_stats WHERE event_id = '{customers_event}'"),
        )
        .unwrap();
    let seats_left = one(
        &pg,
        &format!(
            "SELECT e.capacity - (SELECT count(*) FROM public.tickets t WHERE t.event_id = e.id AND t.status IN ('active', 'used'))
             FROM public.events e WHERE e.id = '{customers_event}'"
        ),
    );
    assert_eq!(available, seats_left, "the web shop's seats left");
    // ... and none for a draft, a private or a past event.
    for (what, condition) in [
        ("draft", "e.status = 'draft'"),
        ("private", "e.visibility = 'private'"),
        ("completed", "e.status = 'completed'"),
    ] {
        let ids = one(
            &pg,
            &format!(
                "SELECT string_agg(e.id::text, ',') FROM public.events e WHERE e.account_id = '{}' AND {condition}",
                seed.demo
            ),
        );
        assert!(!ids.is_empty(), "the demo account has a {what} event");
        for id in ids.split(',') {
            assert!(!anon_stats.contains(id), "anon gets the {what} event {id}: {anon_stats}");
        }
    }

    // A customer: the same rows, with every ticket counted, not only the ones they bought.
    assert_eq!(event_stats(&pg, &customer), stats_from_tickets(&pg, public), "a customer's event_stats");
    let own = pg
        .as_request(&customer, &format!("SELECT count(*) FROM public.tickets WHERE event_id = '{customers_event}'"))
        .unwrap();
    let sold = pg
        .as_request(
            &customer,
            &format!("SELECT tickets_sold FROM public.event_stats WHERE event_id = '{customers_event}'"),
        )
        .unwrap();
    assert!(
        own.parse::<u64>().unwrap() < sold.parse::<u64>().unwrap(),
        "the customer reads {own} of the event's tickets; event_stats counts all {sold} sold"
    );

    // An organizer's dashboard: every event of the account, embedded in its events as PostgREST
    // embeds (events?select=...,event_stats(...)&account_id=eq...).
    let dashboard = pg
        .as_request(
            &seed.claims("owner"),
            &format!(
                "SELECT s.* FROM public.events e
                 LEFT JOIN LATERAL (SELECT st.* FROM public.event_stats st WHERE st.event_id = e.id) s ON true
                 WHERE e.account_id = '{}' ORDER BY e.id",
                seed.demo
            ),
        )
        .unwrap();
    assert_eq!(dashboard, stats_from_tickets(&pg, &format!("e.account_id = '{}'", seed.demo)), "the dashboard");
    // service_role (server-side code) reads every event's, as before the counts moved.
    assert_eq!(
        one(&pg, "SET ROLE service_role; SELECT * FROM public.event_stats ORDER BY event_id"),
        stats_from_tickets(&pg, "true"),
        "service_role's event_stats"
    );

    // Door staff: their event's row even once it is no longer public (they see it through their
    // team role), and no other non-public event's.
    let door_event = one(
        &pg,
        &format!(
            "SELECT event_id FROM public.event_teams WHERE member_id = '{}' AND role IN ('registration', 'volunteer') AND status = 'active'",
            seed.user["door"]
        ),
    );
    one(&pg, &format!("UPDATE public.events SET visibility = 'private' WHERE id = '{door_event}'"));
    assert_eq!(
        event_stats(&pg, &door),
        stats_from_tickets(&pg, &format!("({public}) OR e.id = '{door_event}'")),
        "door staff's event_stats"
    );
    assert!(!event_stats(&pg, &anon).contains(&door_event), "anon no longer gets the door's (now private) event");

    // A second account's owner: their own account's events, a draft included, and none of the
    // demo account's but what anyone sees (its published public events).
    one(&pg, &format!("UPDATE public.events SET status = 'draft' WHERE account_id = '{}'", seed.other));
    assert_eq!(
        event_stats(&pg, &outsider),
        stats_from_tickets(&pg, &format!("({public}) OR e.account_id = '{}'", seed.other)),
        "the other account's owner's event_stats"
    );
    let demo_events =
        one(&pg, &format!("SELECT array_agg(id)::text FROM public.events WHERE account_id = '{}'", seed.demo));
    let outsider_sees = pg
        .as_request(
            &outsider,
            &format!(
                "SELECT coalesce(string_agg(event_id::text, ',' ORDER BY event_id), '') FROM public.event_stats
                 WHERE event_id = ANY ('{demo_events}'::uuid[])"
            ),
        )
        .unwrap();
    let demo_public = one(
        &pg,
        &format!(
            "SELECT coalesce(string_agg(e.id::text, ',' ORDER BY e.id), '') FROM public.events e WHERE e.account_id = '{}' AND {public}",
            seed.demo
        ),
    );
    assert_eq!(outsider_sees, demo_public, "the other account's owner gets only the demo account's public events");
}

/// The sum of `Actual Loops` of the plan's function scans of `function`.
fn calls_of(node: &Value, function: &str) -> u64 {
    let own = if node["Node Type"] == "Function Scan" && node["Function Name"] == function {
        node["Actual Loops"].as_u64().unwrap()
    } else {
        0
    };
    own + node["Plans"].as_array().map_or(0, |plans| plans.iter().map(|p| calls_of(p, function)).sum())
}

/// The organizer dashboard embeds event_stats in the account's events (a LEFT JOIN LATERAL, as
/// PostgREST embeds). A signed-in organizer may see every account's published public events, but
/// the tickets are counted for the dashboard's events only, not for every event the reader sees.
#[test]
fn the_dashboard_counts_the_tickets_of_its_own_events_only() {
    let pg = Postgres::start().unwrap();
    let seed = Seed::load(&pg);
    // An account with 100 events, among 1,000 more published public events of 40 more accounts
    // (with fewer events on the dashboard than that, any plan would do).
    one(
        &pg,
        &format!(
            "INSERT INTO public.events (account_id, organizer_id, name, type, start_at, end_at, capacity, status, visibility)
             SELECT '{}', '{}', 'Demo event ' || i, 'seminar', now() + i * interval '1 day',
                    now() + i * interval '1 day' + interval '2 hours', 100, CASE WHEN i % 2 = 0 THEN 'draft' ELSE 'published' END, 'public'
             FROM generate_series(1, 100 - (SELECT count(*) FROM public.events WHERE account_id = '{}')) i;
             INSERT INTO public.accounts (name) SELECT 'Load ' || i FROM generate_series(1, 40) i;
             INSERT INTO public.events (account_id, organizer_id, name, type, start_at, end_at, capacity, status, visibility)
             SELECT a.id, '{}', a.name || ' event ' || i, 'networking', now() + i * interval '1 day',
                    now() + i * interval '1 day' + interval '2 hours', 100, 'published', 'public'
             FROM public.accounts a, generate_series(1, 25) i WHERE a.name LIKE 'Load %';
             ANALYZE",
            seed.demo, seed.user["owner"], seed.demo, seed.user["outsider"]
        ),
    );
    let plan = pg
        .as_request(
            &seed.claims("owner"),
            &format!(
                "EXPLAIN (ANALYZE, FORMAT JSON)
                 SELECT e.id, e.name, e.start_at, row_to_json(s.*) AS event_stats FROM public.events e
                 LEFT JOIN LATERAL (SELECT st.tickets_sold, st.tickets_available, st.tickets_active, st.tickets_used
                                    FROM public.event_stats st WHERE st.event_id = e.id) s ON true
                 WHERE e.account_id = '{}' ORDER BY e.start_at DESC",
                seed.demo
            ),
        )
        .unwrap();
    let plan: Value = serde_json::from_str(&plan).unwrap();
    let events = one(&pg, &format!("SELECT count(*) FROM public.events WHERE account_id = '{}'", seed.demo));
    assert_eq!(events, "100");
    assert_eq!(
        calls_of(&plan[0]["Plan"], "event_ticket_counts").to_string(),
        events,
        "event_ticket_counts calls for the dashboard's {events} events: {plan:#}"
    );
}
