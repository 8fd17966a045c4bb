//! The server schema (`supabase/migrations/20261122000100_schema.sql`) and the demo seed
//! (`supabase/seed.sql`) on a real PostgreSQL: the replica's tables with Postgres types, the
//! codes the desktop makes, tenancy, check-ins as facts, `event_stats`. Statements run as the
//! postgres superuser, or as `service_role` where it matters that the caller is not the owner
//! (it has no access to schema `private`, like every API role, and bypasses row-level security,
//! so later policies do not change what these tests see).
#![allow(clippy::unwrap_used)]

use std::collections::{BTreeMap, BTreeSet};

use eventos_model::schema::{self, Check, Column, ColumnType, OnDelete};
use eventos_model::{codes, prepare, timestamp};
use eventos_server_tests::Postgres;

const DEMO: &str = "aa000001-0000-4000-8000-000000000001";
const OTHER_CO: &str = "aa000002-0000-4000-8000-000000000002";
const ORGANIZER: &str = "10000002-0000-4000-8000-000000000002";
const CUSTOMER: &str = "10000006-0000-4000-8000-000000000006";
const LIVE_EVENT: &str = "e0000001-0000-4000-8000-000000000001";
const UPCOMING_EVENT: &str = "e0000002-0000-4000-8000-000000000002";
const OTHER_CO_EVENT: &str = "e0000006-0000-4000-8000-000000000006";
const VENUE: &str = "20000001-0000-4000-8000-000000000001";

fn start() -> Postgres {
    Postgres::start().unwrap()
}

/// Runs SQL as `service_role`: not the tables' owner and without access to schema `private`,
/// as the REST API runs a request.
fn as_service_role(pg: &Postgres, sql: &str) -> String {
    pg.psql(&format!("SET ROLE service_role; {sql}")).unwrap()
}

/// How SQL is refused: `SQLSTATE message`, or `ok` when it is not.
fn refusal(pg: &Postgres, sql: &str) -> String {
    let quoted = sql.replace('\'', "''");
    pg.psql(&format!(
        "CREATE FUNCTION pg_temp.outcome(statement text) RETURNS text LANGUAGE plpgsql AS $$ \
         BEGIN EXECUTE statement; RETURN 'ok'; EXCEPTION WHEN OTHERS THEN RETURN SQLSTATE || ' ' || SQLERRM; END $$; \
         SELECT pg_temp.outcome('{quoted}')"
    ))
    .unwrap()
}

fn rows(output: &str) -> Vec<Vec<&str>> {
    output.lines().map(|line| line.split('|').collect()).collect()
}

/// The Postgres type a replica column stands for (the brief's mapping, read backwards).
fn postgres_type(column: &Column) -> String {
    match column.ty {
        ColumnType::Uuid => "uuid".into(),
        ColumnType::Text => "text".into(),
        // The seeds' only BIGINTs; the replica stores every integer alike.
        ColumnType::Integer if column.name == "file_size" => "bigint".into(),
        ColumnType::Integer => "integer".into(),
        ColumnType::Boolean => "boolean".into(),
        ColumnType::Timestamp => "timestamp with time zone".into(),
        ColumnType::Date => "date".into(),
        ColumnType::Decimal { precision, scale } => format!("numeric({precision},{scale})"),
        ColumnType::Json => "jsonb".into(),
        ColumnType::Array if column.name == "target_sessions" => "uuid[]".into(),
        ColumnType::Array => "text[]".into(),
    }
}

/// Tables that belong to an account, other than `accounts` (the parents `account_id` is taken from).
fn is_tenant_table(name: &str) -> bool {
    name != "accounts" && schema::table(name).is_some_and(|t| t.has_column("account_id"))
}

#[test]
fn tables_and_columns_are_the_replicas_with_postgres_types() {
    let pg = start();
    // Sync bookkeeping (`_hlc`, added by a later migration) is not the replica's.
    let out = pg
        .psql(
            "SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, \
                    a.atthasdef AND a.attgenerated = '', a.attgenerated = 's' \
             FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid \
             WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r' AND a.attnum > 0 \
               AND NOT a.attisdropped AND a.attname <> '_hlc' \
             ORDER BY c.relname, a.attnum",
        )
        .unwrap();
    let mut tables: BTreeMap<&str, Vec<Vec<&str>>> = BTreeMap::new();
    for row in rows(&out) {
        tables.entry(row[0]).or_default().push(row[1..].to_vec());
    }
    let in_postgres: BTreeSet<&str> = tables.keys().copied().collect();
    let in_registry: BTreeSet<&str> = schema::tables().iter().map(|t| t.name).collect();
    assert_eq!(in_postgres, in_registry, "public tables");

    let flag = |b: bool| if b { "t" } else { "f" };
    for table in schema::tables() {
        let expected: Vec<Vec<String>> = table
            .columns
            .iter()
            .map(|c| {
                // A profile's id is its auth user's: seed 003 gives it no default.
                let has_default = c.has_default && !(table.name == "profiles" && c.name == "id");
                vec![
                    c.name.into(),
                    postgres_type(c),
                    flag(c.not_null).into(),
                    flag(has_default).into(),
                    flag(c.generated).into(),
                ]
            })
            .collect();
        let actual: Vec<Vec<String>> =
            tables[table.name].iter().map(|r| r.iter().map(|s| s.to_string()).collect()).collect();
        assert_eq!(actual, expected, "{}: name, type, not null, default, generated", table.name);
    }

    // A few by name, so a mistake in the mapping above cannot hide one in the schema.
    let spot = [
        ("tickets", "id", "uuid"),
        ("tickets", "checked_in_at", "timestamp with time zone"),
        ("event_expenses", "payment_date", "date"),
        ("crm_contacts", "is_primary", "boolean"),
        ("event_analytics", "metric_value", "numeric(15,4)"),
        ("crm_opportunities", "expected_revenue", "numeric(12,2)"),
        ("venues", "amenities", "jsonb"),
        ("event_teams", "permissions", "text[]"),
        ("event_announcements", "target_sessions", "uuid[]"),
    ];
    let values: Vec<String> = spot.iter().enumerate().map(|(i, (t, c, _))| format!("({i}, '{t}', '{c}')")).collect();
    let out = pg
        .psql(&format!(
            "SELECT format_type(a.atttypid, a.atttypmod) FROM (VALUES {}) v(i, t, c) \
             JOIN pg_attribute a ON a.attrelid = v.t::regclass AND a.attname = v.c ORDER BY v.i",
            values.join(", ")
        ))
        .unwrap();
    assert_eq!(out.lines().collect::<Vec<_>>(), spot.map(|(_, _, ty)| ty));
}

#[test]
fn constraints_and_indexes_are_the_replicas() {
    let pg = start();

    // Foreign keys, with their ON DELETE rules; profiles extend auth.users.
    let out = pg
        .psql(
            "SELECT conrelid::regclass::text, a.attname, confrelid::regclass::text, confdeltype \
             FROM pg_constraint JOIN pg_attribute a ON a.attrelid = conrelid AND a.attnum = conkey[1] \
             WHERE contype = 'f' AND connamespace = 'public'::regnamespace AND cardinality(conkey) = 1",
        )
        .unwrap();
    let in_postgres: BTreeSet<Vec<&str>> = rows(&out).into_iter().collect();
    let mut in_registry: BTreeSet<Vec<&str>> = schema::tables()
        .iter()
        .flat_map(|t| t.columns.iter().map(move |c| (t.name, c)))
        .filter_map(|(table, c)| {
            let (parent, on_delete) = c.references?;
            let rule = match on_delete {
                OnDelete::NoAction => "a",
                OnDelete::Cascade => "c",
                OnDelete::SetNull => "n",
            };
            Some(vec![table, c.name, parent, rule])
        })
        .collect();
    in_registry.insert(vec!["profiles", "id", "auth.users", "c"]);
    assert_eq!(in_postgres, in_registry, "foreign keys (table, column, parent, on delete)");

    // CHECKs: named after their column, one per rule of the registry, with the same lists and bounds.
    let out = pg
        .psql(
            "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint \
             WHERE contype = 'c' AND connamespace = 'public'::regnamespace",
        )
        .unwrap();
    let checks: BTreeMap<(String, String), String> =
        rows(&out).into_iter().map(|r| ((r[0].to_owned(), r[1].to_owned()), r[2].to_owned())).collect();
    let mut expected = BTreeSet::new();
    for table in schema::tables() {
        for column in table.columns {
            let Some(check) = column.check else { continue };
            let key = (table.name.to_owned(), column.name.to_owned());
            let def = checks.get(&key).unwrap_or_else(|| panic!("no CHECK named {}.{}", table.name, column.name));
            let must_contain: Vec<String> = match check {
                Check::OneOf(values) | Check::SubsetOf(values) => {
                    assert_eq!(def.matches("'::text").count(), values.len(), "{def}");
                    values.iter().map(|v| format!("'{v}'::text")).collect()
                }
                Check::Range(min, max) => vec![format!(">= {min}"), format!("<= {max}")],
                Check::AtLeast(min) => vec![format!(">= {min}")],
                Check::After(other) => vec![format!("> {other}")],
                Check::Product(a, b) => vec![format!("({a} * {b})")],
                Check::NoSecretKeys => ["secret", "token", "password", "key"]
                    .iter()
                    .map(|w| format!("like_regex \"{w}\" flag \"i\""))
                    .collect(),
            };
            for part in must_contain {
                assert!(def.contains(&part), "{}.{}: {def} lacks {part}", table.name, column.name);
            }
            expected.insert(key);
        }
    }
    let named: BTreeSet<(String, String)> = checks.into_keys().collect();
    assert_eq!(named, expected, "CHECK constraints (table, name)");

    // The replica's UNIQUE rules.
    let out = pg
        .psql(
            "SELECT c.relname, string_agg(a.attname, ',' ORDER BY k.n), i.indpred IS NOT NULL \
             FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid \
             CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, n) \
             JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum \
             WHERE c.relnamespace = 'public'::regnamespace AND i.indisunique AND NOT i.indisprimary \
             GROUP BY i.indexrelid, c.relname, i.indpred IS NOT NULL",
        )
        .unwrap();
    let unique: BTreeSet<Vec<&str>> = rows(&out).into_iter().collect();
    // (table, columns, partial: only one primary contact per company)
    for rule in [
        ["accounts", "slug", "f"],
        ["events", "slug", "f"],
        ["orders", "order_number", "f"],
        ["orders", "stripe_payment_intent_id", "f"],
        ["tickets", "ticket_number", "f"],
        ["tickets", "qr_code", "f"],
        ["account_users", "account_id,user_id", "f"],
        ["networking_connections", "event_id,requester_id,target_id", "f"],
        ["event_teams", "event_id,member_id", "f"],
        ["crm_pipeline_stages", "account_id,order_index", "f"],
        ["crm_contacts", "organizer_id", "t"],
    ] {
        assert!(unique.contains(rule.as_slice()), "UNIQUE {rule:?} is missing from {unique:?}");
    }

    // Every tenant table can be read by account through an index.
    let out = pg
        .psql(
            "SELECT DISTINCT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid \
             JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = i.indkey[0] \
             WHERE c.relnamespace = 'public'::regnamespace AND a.attname = 'account_id'",
        )
        .unwrap();
    let indexed: BTreeSet<&str> = out.lines().collect();
    for table in schema::tables().iter().filter(|t| t.has_column("account_id")) {
        assert!(indexed.contains(table.name), "{}: no index leads with account_id", table.name);
    }
}

#[test]
fn codes_are_made_as_the_desktop_makes_them_and_given_codes_are_kept() {
    let pg = start();
    let names: [&str; 7] = [
        "AI Summit 2025",
        "  AI & Machine Learning -- Summit!! ",
        "Café Montréal",
        "東京",
        &"x".repeat(200),
        // Cut at a letter that reaches 60 characters, once right after a '-' (61) and once not.
        &format!("{} {}", "a".repeat(59), "b".repeat(10)),
        &format!("{} {}", "a".repeat(60), "b".repeat(10)),
    ];
    for name in names {
        let out = pg
            .psql(&format!(
                "INSERT INTO events (account_id, organizer_id, name, type, start_at, end_at, capacity) \
                 VALUES ('{DEMO}', '{ORGANIZER}', '{name}', 'seminar', now(), now() + interval '1 hour', 50) \
                 RETURNING id, slug, slug ~ '^([a-z0-9]+-)*[0-9a-f]{{8}}$'"
            ))
            .unwrap();
        let row = &rows(&out)[0];
        assert_eq!(row[1], codes::event_slug(name, row[0].parse().unwrap()), "slug of {name:?}");
        assert_eq!(row[2], "t", "{}", row[1]);
    }
    let account = pg.psql("INSERT INTO accounts (name) VALUES ('Acme Events Ltd.') RETURNING id, slug").unwrap();
    let (id, slug) = account.split_once('|').unwrap();
    assert_eq!(slug, codes::event_slug("Acme Events Ltd.", id.parse().unwrap()));

    // Orders: dated by created_at in UTC (the evening of the 13th in Toronto is the 14th in UTC);
    // an empty code counts as none; total_cents is filled when left out.
    let out = pg
        .psql(&format!(
            "INSERT INTO orders (id, event_id, quantity, unit_price_cents, order_number, created_at) VALUES \
               ('01111111-1111-4111-8111-111111111111', '{LIVE_EVENT}', 2, 29900, NULL, '2025-10-13 21:30:00-04'), \
               ('01111112-1111-4111-8111-111111111111', '{LIVE_EVENT}', 1, 100, '', '2025-10-13 12:00:00Z') \
             RETURNING order_number, total_cents, order_number ~ '^ORD-[0-9]{{8}}-[0-9a-f]{{8}}$'"
        ))
        .unwrap();
    let date = |text: &str| timestamp::parse_date(text).unwrap();
    let order = |id: &str| id.parse().unwrap();
    assert_eq!(
        rows(&out),
        [
            [
                codes::order_number(order("01111111-1111-4111-8111-111111111111"), date("2025-10-14")).as_str(),
                "59800",
                "t"
            ],
            [
                codes::order_number(order("01111112-1111-4111-8111-111111111111"), date("2025-10-13")).as_str(),
                "100",
                "t"
            ],
        ]
    );

    // Tickets: the number from id and creation day; a fresh 32-byte base64 qr_code each.
    let out = pg
        .psql(
            "INSERT INTO tickets (event_id, order_id) \
             SELECT event_id, id FROM orders WHERE id IN ('01111111-1111-4111-8111-111111111111', '01111112-1111-4111-8111-111111111111') \
             RETURNING id, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD'), ticket_number, qr_code, \
               ticket_number ~ '^TKT-[0-9A-F]{8}-[0-9]{6}$', qr_code ~ '^[A-Za-z0-9+/]{43}=$', length(decode(qr_code, 'base64'))",
        )
        .unwrap();
    let tickets = rows(&out);
    for t in &tickets {
        assert_eq!(t[2], codes::ticket_number(t[0].parse().unwrap(), date(t[1])));
        assert_eq!(t[4..], ["t", "t", "32"], "{t:?}");
    }
    assert_ne!(tickets[0][3], tickets[1][3], "qr codes differ");

    // Codes a device made offline are kept byte for byte.
    let qr = codes::qr_code_from_bytes([7; 32]);
    let out = pg
        .psql(&format!(
            "INSERT INTO events (id, account_id, organizer_id, name, slug, type, start_at, end_at, capacity) \
             VALUES ('0ffc0de0-0000-4000-8000-000000000000', '{DEMO}', '{ORGANIZER}', 'Made offline', 'made-OFFLINE-0ffc0de0', 'seminar', \
                     now(), now() + interval '1 hour', 50) RETURNING slug; \
             INSERT INTO orders (id, event_id, order_number, quantity, unit_price_cents, total_cents) \
             VALUES ('0ffc0de1-0000-4000-8000-000000000000', '0ffc0de0-0000-4000-8000-000000000000', 'ORD-20240101-0ffc0de1', 1, 0, 0) \
             RETURNING order_number; \
             INSERT INTO tickets (event_id, order_id, ticket_number, qr_code) \
             VALUES ('0ffc0de0-0000-4000-8000-000000000000', '0ffc0de1-0000-4000-8000-000000000000', 'TKT-0FFC0DE2-240101', '{qr}') \
             RETURNING ticket_number, qr_code"
        ))
        .unwrap();
    assert_eq!(out, format!("made-OFFLINE-0ffc0de0\nORD-20240101-0ffc0de1\nTKT-0FFC0DE2-240101|{qr}"));
}

#[test]
fn every_update_stamps_updated_at() {
    let pg = start();
    let out = pg
        .psql(&format!(
            "SELECT updated_at < now() FROM venues WHERE id = '{VENUE}'; \
             UPDATE venues SET capacity = 4800, updated_at = '2000-01-01Z' WHERE id = '{VENUE}' \
             RETURNING updated_at = now()"
        ))
        .unwrap();
    assert_eq!(out, "t\nt", "the seed's stamp is older; an update stamps now(), whatever the client sent");

    // On every table that has the column.
    let out = pg
        .psql(
            "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid \
             WHERE t.tgname = 'handle_updated_at' AND t.tgfoid = 'private.handle_updated_at'::regproc ORDER BY 1",
        )
        .unwrap();
    let mut expected: Vec<&str> =
        schema::tables().iter().filter(|t| t.has_column("updated_at")).map(|t| t.name).collect();
    expected.sort_unstable();
    assert_eq!(out.lines().collect::<Vec<_>>(), expected);
}

#[test]
fn rows_take_their_parents_account_and_never_another() {
    let pg = start();

    // The web app's own inserts (seed 003's purchase flow): no account_id anywhere.
    let order = as_service_role(
        &pg,
        &format!(
            "INSERT INTO orders (customer_id, event_id, quantity, unit_price_cents, total_cents, payment_status) \
             VALUES ('{CUSTOMER}', '{UPCOMING_EVENT}', 2, 4500, 9000, 'pending') RETURNING id, account_id"
        ),
    );
    let (order, account) = order.split_once('|').unwrap();
    assert_eq!(account, DEMO);
    let attendees = as_service_role(
        &pg,
        &format!(
            "INSERT INTO attendees (order_id, event_id, full_name, email, phone) VALUES \
               ('{order}', '{UPCOMING_EVENT}', 'John Doe', 'john@example.com', '+1-416-555-1111'), \
               ('{order}', '{UPCOMING_EVENT}', 'Jane Smith', 'jane@example.com', '+1-416-555-2222') \
             RETURNING id, account_id"
        ),
    );
    let attendees = rows(&attendees);
    assert!(attendees.iter().all(|a| a[1] == DEMO), "{attendees:?}");
    let tickets = as_service_role(
        &pg,
        &format!(
            "INSERT INTO tickets (event_id, order_id, attendee_id, status) VALUES \
               ('{UPCOMING_EVENT}', '{order}', '{}', 'active'), ('{UPCOMING_EVENT}', '{order}', '{}', 'active') \
             RETURNING account_id",
            attendees[0][0], attendees[1][0]
        ),
    );
    assert_eq!(tickets, format!("{DEMO}\n{DEMO}"));

    // Another account's id is refused, naming the table and columns.
    let refused = refusal(
        &pg,
        &format!(
            "INSERT INTO orders (account_id, event_id, quantity, unit_price_cents, total_cents) \
             VALUES ('{OTHER_CO}', '{UPCOMING_EVENT}', 1, 4500, 4500)"
        ),
    );
    assert_eq!(
        refused,
        format!(
            "23514 orders.account_id {OTHER_CO} does not match orders.event_id {UPCOMING_EVENT}, which belongs to account {DEMO}"
        )
    );
    // Parents in two accounts: the first gives the account, the second is refused.
    let refused =
        refusal(&pg, &format!("INSERT INTO tickets (event_id, order_id) VALUES ('{OTHER_CO_EVENT}', '{order}')"));
    assert!(
        refused.starts_with(&format!(
            "23514 tickets.account_id {OTHER_CO} (taken from event_id {OTHER_CO_EVENT}) does not match tickets.order_id {order}"
        )),
        "{refused}"
    );
    // Updates: to a parent in another account, or to another account.
    let refused = refusal(&pg, &format!("UPDATE orders SET event_id = '{OTHER_CO_EVENT}' WHERE id = '{order}'"));
    assert!(refused.starts_with("23514 orders.account_id") && refused.contains("orders.event_id"), "{refused}");
    let refused = refusal(&pg, &format!("UPDATE venues SET account_id = '{OTHER_CO}' WHERE id = '{VENUE}'"));
    assert_eq!(
        refused,
        format!(
            "23514 venues.account_id cannot change from {DEMO} to {OTHER_CO}: a row never moves to another account"
        )
    );
    // A row with nothing to take its account from.
    assert_eq!(
        refusal(&pg, "INSERT INTO venues (name) VALUES ('Nobody''s Hall')"),
        "23502 venues.account_id is required: the row belongs to an account"
    );
    assert_eq!(
        refusal(&pg, "INSERT INTO speakers (bio) VALUES ('No event, no account')"),
        "23502 speakers.account_id is required when the row has no parent to take it from"
    );
    assert_eq!(
        refusal(
            &pg,
            "INSERT INTO orders (event_id, quantity, unit_price_cents, total_cents) \
             VALUES ('e0000099-0000-4000-8000-000000000099', 1, 0, 0)"
        ),
        "23503 orders.event_id e0000099-0000-4000-8000-000000000099 is not in events"
    );

    // Every tenant table has the trigger, listing exactly its references to parents that
    // belong to an account (as the desktop's writer finds them in the registry).
    let out = pg
        .psql(
            "SELECT c.relname, replace(encode(t.tgargs, 'escape'), '\\000', ',') FROM pg_trigger t \
             JOIN pg_class c ON c.oid = t.tgrelid \
             WHERE t.tgname = 'settle_account' AND t.tgfoid = 'private.settle_account'::regproc",
        )
        .unwrap();
    let in_postgres: BTreeMap<String, String> =
        rows(&out).into_iter().map(|r| (r[0].to_owned(), r[1].to_owned())).collect();
    let in_registry: BTreeMap<String, String> = schema::tables()
        .iter()
        .filter(|t| is_tenant_table(t.name))
        .map(|t| {
            let parents: String = t
                .columns
                .iter()
                .filter_map(|c| c.references.filter(|(parent, _)| is_tenant_table(parent)).map(|(p, _)| (c.name, p)))
                .map(|(column, parent)| format!("{column},{parent},"))
                .collect();
            (t.name.to_owned(), parents)
        })
        .collect();
    assert_eq!(in_postgres, in_registry);

    // The functions that read past row-level security: definer, fixed search_path, owned by
    // postgres, and callable by no API role.
    let out = pg
        .psql(
            "SELECT p.proname, p.prosecdef, array_to_string(p.proconfig, ','), pg_get_userbyid(p.proowner), \
                    has_function_privilege('anon', p.oid, 'EXECUTE') OR has_function_privilege('authenticated', p.oid, 'EXECUTE') \
                    OR has_function_privilege('service_role', p.oid, 'EXECUTE') \
             FROM pg_proc p WHERE p.oid IN ('private.account_of'::regproc, 'private.settle_account'::regproc, \
                                            'private.derive_ticket_checkin'::regproc) ORDER BY 1",
        )
        .unwrap();
    assert_eq!(
        out,
        "account_of|t|search_path=\"\"|postgres|f\n\
         derive_ticket_checkin|t|search_path=\"\"|postgres|f\n\
         settle_account|t|search_path=\"\"|postgres|f"
    );
    assert_eq!(pg.psql("SELECT has_schema_privilege('anon', 'private', 'USAGE')").unwrap(), "f");
}

#[test]
fn check_ins_derive_the_ticket_and_the_earliest_entry_wins() {
    let pg = start();
    // Noah Tremblay's active ticket at the live event.
    let ticket = "50000004-0000-4000-8000-000000000004";
    let attendee = "40000004-0000-4000-8000-000000000004";
    let state = || {
        pg.psql(&format!(
            "SELECT status, to_char(checked_in_at AT TIME ZONE 'UTC', 'HH24:MI'), updated_at FROM tickets WHERE id = '{ticket}'"
        ))
        .unwrap()
    };
    // The later scan arrives first (a door that was offline syncs last)...
    as_service_role(
        &pg,
        &format!(
            "INSERT INTO event_checkins (event_id, qr_code_scanned, check_in_time, check_in_method) \
             SELECT event_id, qr_code, '2030-01-01 10:30Z', 'qr_code' FROM tickets WHERE id = '{ticket}'"
        ),
    );
    assert!(state().starts_with("used|10:30|"), "{}", state());
    // ...then the earlier one, found by attendee at the desk: it wins.
    as_service_role(
        &pg,
        &format!(
            "INSERT INTO event_checkins (event_id, attendee_id, check_in_time, check_in_method) \
             VALUES ('{LIVE_EVENT}', '{attendee}', '2030-01-01 10:05Z', 'manual')"
        ),
    );
    let after_earliest = state();
    assert!(after_earliest.starts_with("used|10:05|"), "{after_earliest}");
    // A later one changes nothing, not even updated_at.
    as_service_role(
        &pg,
        &format!(
            "INSERT INTO event_checkins (event_id, attendee_id, check_in_time) VALUES ('{LIVE_EVENT}', '{attendee}', '2030-01-01 11:00Z')"
        ),
    );
    assert_eq!(state(), after_earliest);
    let kept = pg
        .psql(&format!(
            "SELECT to_char(c.check_in_time AT TIME ZONE 'UTC', 'HH24:MI') FROM event_checkins c JOIN tickets t ON t.id = '{ticket}' \
             WHERE c.attendee_id = t.attendee_id OR c.qr_code_scanned = t.qr_code ORDER BY c.check_in_time"
        ))
        .unwrap();
    assert_eq!(kept, "10:05\n10:30\n11:00", "every check-in is kept");

    // A cancelled ticket stays cancelled, and a scan of another event's code touches nothing.
    let cancelled = "50000006-0000-4000-8000-000000000006";
    as_service_role(
        &pg,
        &format!(
            "INSERT INTO event_checkins (event_id, qr_code_scanned) SELECT event_id, qr_code FROM tickets WHERE id = '{cancelled}'; \
             INSERT INTO event_checkins (event_id, qr_code_scanned) \
             SELECT '{LIVE_EVENT}', qr_code FROM tickets WHERE id = '50000007-0000-4000-8000-000000000007'"
        ),
    );
    let untouched = pg
        .psql(&format!(
            "SELECT status, checked_in_at IS NULL FROM tickets \
             WHERE id IN ('{cancelled}', '50000007-0000-4000-8000-000000000007') ORDER BY id"
        ))
        .unwrap();
    assert_eq!(untouched, "cancelled|t\nactive|t");
}

#[test]
fn a_ticket_admitted_before_it_arrives_takes_its_status_from_the_door() {
    let pg = start();
    // A door admitted a signed ticket the server has not seen yet (sold on a laptop that has
    // not synced); its exit and a session check-in do not count as entries.
    let ticket = "0badcafe-1234-4abc-8def-0123456789ab";
    as_service_role(
        &pg,
        &format!(
            "INSERT INTO event_checkins (event_id, ticket_id, check_in_time, check_out_time, is_present, device_id, location) VALUES \
               ('{LIVE_EVENT}', '{ticket}', NULL, '2030-01-01 09:00Z', false, 'door-1', 'Gate B'), \
               ('{LIVE_EVENT}', '{ticket}', '2030-01-01 10:05Z', NULL, true, 'door-1', 'Gate B'), \
               ('{LIVE_EVENT}', '{ticket}', '2030-01-01 11:00Z', NULL, true, 'door-2', 'Gate A')"
        ),
    );
    as_service_role(
        &pg,
        &format!(
            "INSERT INTO event_checkins (event_id, ticket_id, session_id, check_in_time) \
             SELECT '{LIVE_EVENT}', '{ticket}', id, '2030-01-01 08:00Z' FROM sessions WHERE event_id = '{LIVE_EVENT}' LIMIT 1"
        ),
    );
    // The ticket arrives (an order of the same event).
    as_service_role(
        &pg,
        &format!(
            "INSERT INTO tickets (id, event_id, order_id) \
             SELECT '{ticket}', event_id, order_id FROM tickets WHERE event_id = '{LIVE_EVENT}' LIMIT 1"
        ),
    );
    let state = pg
        .psql(&format!(
            "SELECT status, to_char(checked_in_at AT TIME ZONE 'UTC', 'HH24:MI') FROM tickets WHERE id = '{ticket}'"
        ))
        .unwrap();
    assert_eq!(state, "used|10:05", "the earliest entry, not the exit or the session");
}

#[test]
fn event_stats_is_security_invoker_and_counts_tickets() {
    let pg = start();
    assert_eq!(
        pg.psql("SELECT reloptions::text FROM pg_class WHERE oid = 'event_stats'::regclass").unwrap(),
        "{security_invoker=true}"
    );
    let columns = pg
        .psql("SELECT string_agg(attname, ',' ORDER BY attnum) FROM pg_attribute WHERE attrelid = 'event_stats'::regclass")
        .unwrap();
    assert_eq!(
        columns,
        "event_id,event_name,capacity,tickets_sold,tickets_available,tickets_active,tickets_used,tickets_cancelled"
    );
    // The live event: 2 active, 3 checked in, 1 cancelled of 250 seats.
    let live = pg.psql(&format!("SELECT * FROM event_stats WHERE event_id = '{LIVE_EVENT}'")).unwrap();
    assert_eq!(live, format!("{LIVE_EVENT}|AI & Machine Learning Summit|250|5|245|2|3|1"));
    // A cancellation moves a ticket from sold to cancelled.
    pg.psql("UPDATE tickets SET status = 'cancelled' WHERE id = '50000004-0000-4000-8000-000000000004'").unwrap();
    let live = pg.psql(&format!("SELECT tickets_sold, tickets_available, tickets_active, tickets_cancelled FROM event_stats WHERE event_id = '{LIVE_EVENT}'")).unwrap();
    assert_eq!(live, "4|246|1|2");
    assert_eq!(pg.psql("SELECT count(*) FROM event_stats").unwrap(), pg.psql("SELECT count(*) FROM events").unwrap());
}

#[test]
fn the_seed_has_the_demo_people_in_their_roles() {
    let pg = start();
    let users = pg
        .psql(
            "SELECT u.email, p.full_name, u.aud, u.role, u.email_confirmed_at IS NOT NULL, \
                    u.encrypted_password = extensions.crypt('eventos-demo', u.encrypted_password), \
                    u.raw_app_meta_data ->> 'provider', u.raw_user_meta_data ->> 'full_name' = p.full_name, p.email = u.email \
             FROM auth.users u JOIN profiles p ON p.id = u.id ORDER BY u.email",
        )
        .unwrap();
    assert_eq!(
        users,
        "customer@demo.eventos.test|Casey Customer|authenticated|authenticated|t|t|email|t|t\n\
         door@demo.eventos.test|Dev Door|authenticated|authenticated|t|t|email|t|t\n\
         organizer@demo.eventos.test|Sarah Johnson|authenticated|authenticated|t|t|email|t|t\n\
         outsider@other.eventos.test|Oscar Outsider|authenticated|authenticated|t|t|email|t|t\n\
         owner@demo.eventos.test|Olivia Owens|authenticated|authenticated|t|t|email|t|t\n\
         sales@demo.eventos.test|Marcus Reid|authenticated|authenticated|t|t|email|t|t\n\
         viewer@demo.eventos.test|Victor Viewer|authenticated|authenticated|t|t|email|t|t"
    );
    let members = pg
        .psql(
            "SELECT a.name, p.email, m.role FROM account_users m JOIN accounts a ON a.id = m.account_id \
             JOIN profiles p ON p.id = m.user_id WHERE m.status = 'active' ORDER BY a.name, p.email",
        )
        .unwrap();
    assert_eq!(
        members,
        "EventOS Demo|organizer@demo.eventos.test|admin\n\
         EventOS Demo|owner@demo.eventos.test|owner\n\
         EventOS Demo|sales@demo.eventos.test|manager\n\
         EventOS Demo|viewer@demo.eventos.test|viewer\n\
         Other Co|outsider@other.eventos.test|owner"
    );
    // Door staff: only a registration role on the event running now, which is published and public.
    let door = pg
        .psql(
            "SELECT t.role, e.id, e.status, e.visibility, now() BETWEEN e.start_at AND e.end_at \
             FROM event_teams t JOIN events e ON e.id = t.event_id JOIN profiles p ON p.id = t.member_id \
             WHERE p.email = 'door@demo.eventos.test'",
        )
        .unwrap();
    assert_eq!(door, format!("registration|{LIVE_EVENT}|published|public|t"));
    // The web customer: one order, attendee and ticket for a published event, in no account.
    let customer = pg
        .psql(&format!(
            "SELECT count(DISTINCT o.id), count(DISTINCT a.id), count(DISTINCT t.id), min(e.status), \
                    (SELECT count(*) FROM account_users WHERE user_id = '{CUSTOMER}') \
             FROM orders o JOIN events e ON e.id = o.event_id JOIN attendees a ON a.order_id = o.id \
             JOIN tickets t ON t.order_id = o.id WHERE o.customer_id = '{CUSTOMER}'"
        ))
        .unwrap();
    assert_eq!(customer, "1|1|1|published|0");
    // Other Co has one of each of its own.
    let other = pg
        .psql(&format!(
            "SELECT (SELECT count(*) FROM venues WHERE account_id = '{OTHER_CO}'), (SELECT count(*) FROM events WHERE account_id = '{OTHER_CO}'), \
                    (SELECT count(*) FROM orders WHERE account_id = '{OTHER_CO}'), (SELECT count(*) FROM attendees WHERE account_id = '{OTHER_CO}'), \
                    (SELECT count(*) FROM tickets WHERE account_id = '{OTHER_CO}'), (SELECT count(*) FROM crm_organizers WHERE account_id = '{OTHER_CO}'), \
                    (SELECT count(*) FROM crm_contacts WHERE account_id = '{OTHER_CO}')"
        ))
        .unwrap();
    assert_eq!(other, "1|1|1|1|1|1|1");
    // The demo's events cover every phase; the CRM is shared between sales@ and owner@.
    let events = pg
        .psql(&format!(
            "SELECT status, visibility, CASE WHEN now() < start_at THEN 'upcoming' WHEN now() > end_at THEN 'past' ELSE 'live' END \
             FROM events WHERE account_id = '{DEMO}' ORDER BY id"
        ))
        .unwrap();
    assert_eq!(
        events,
        "published|public|live\npublished|public|upcoming\ndraft|public|upcoming\npublished|private|upcoming\ncompleted|public|past\n\
         published|private|upcoming"
    );
    let assigned = pg
        .psql(&format!(
            "SELECT string_agg(DISTINCT p.email, ',') FROM crm_organizers o JOIN profiles p ON p.id = o.assigned_to \
             WHERE o.account_id = '{DEMO}'"
        ))
        .unwrap();
    assert_eq!(assigned, "owner@demo.eventos.test,sales@demo.eventos.test");
    // Every used ticket has its check-in.
    let unexplained = pg
        .psql(
            "SELECT count(*) FROM tickets t WHERE t.status = 'used' AND NOT EXISTS \
             (SELECT 1 FROM event_checkins c WHERE c.event_id = t.event_id AND c.check_in_time = t.checked_in_at \
              AND (c.qr_code_scanned = t.qr_code OR c.attendee_id = t.attendee_id))",
        )
        .unwrap();
    assert_eq!(unexplained, "0");
    // Each account has the desktop's six default pipeline stages, with the same ids.
    for account in [DEMO, OTHER_CO] {
        let stages = pg
            .psql(&format!(
                "SELECT id, name, order_index, default_probability, color, is_closed, is_won FROM crm_pipeline_stages \
                 WHERE account_id = '{account}' ORDER BY order_index"
            ))
            .unwrap();
        let expected: Vec<String> = prepare::default_pipeline_stages(account.parse().unwrap())
            .iter()
            .map(|s| {
                let flag = |k: &str| if s[k] == true { "t" } else { "f" };
                format!(
                    "{}|{}|{}|{}|{}|{}|{}",
                    s["id"].as_str().unwrap(),
                    s["name"].as_str().unwrap(),
                    s["order_index"],
                    s["default_probability"],
                    s["color"].as_str().unwrap(),
                    flag("is_closed"),
                    flag("is_won")
                )
            })
            .collect();
        assert_eq!(stages, expected.join("\n"), "stages of {account}");
    }
}

/// The seed's users sign in on a real Supabase project too: GoTrue reads its token and change
/// columns into strings, so a NULL in one fails the user's every sign-in ("Database error
/// querying schema", supabase/auth#1940), and email and password sign-in needs the user's
/// 'email' identity. The stand-in has GoTrue's columns, the first four without a default as in
/// GoTrue: only the seed can have set them.
#[test]
fn the_seed_users_are_made_as_gotrue_makes_them() {
    let pg = start();
    let strings = [
        "confirmation_token",
        "recovery_token",
        "email_change_token_new",
        "email_change",
        "email_change_token_current",
        "phone_change",
        "phone_change_token",
        "reauthentication_token",
    ];
    let defaults = pg
        .psql(&format!(
            "SELECT string_agg(column_name || '=' || coalesce(column_default, 'none'), ' ' ORDER BY column_name) \
             FROM information_schema.columns WHERE table_schema = 'auth' AND table_name = 'users' \
             AND column_name IN ('{}')",
            strings.join("', '")
        ))
        .unwrap();
    assert_eq!(
        defaults,
        "confirmation_token=none email_change=none email_change_token_current=''::character varying \
         email_change_token_new=none phone_change=''::text phone_change_token=''::character varying \
         reauthentication_token=''::character varying recovery_token=none",
        "the stand-in's auth.users columns, as GoTrue's"
    );
    let nulls = pg
        .psql(&format!(
            "SELECT coalesce(string_agg(email, ' ' ORDER BY email), '') FROM auth.users WHERE {}",
            strings.map(|c| format!("{c} IS NULL")).join(" OR ")
        ))
        .unwrap();
    assert_eq!(nulls, "", "users with a NULL GoTrue reads as a string");
    let identities = pg
        .psql(
            "SELECT u.email, count(i.id), coalesce(bool_and(i.provider = 'email' AND i.provider_id = u.id::text \
                    AND i.identity_data ->> 'sub' = u.id::text AND i.email = lower(u.email) \
                    AND (i.identity_data ->> 'email_verified')::boolean), false) \
             FROM auth.users u LEFT JOIN auth.identities i ON i.user_id = u.id GROUP BY u.email ORDER BY u.email",
        )
        .unwrap();
    let users = pg.psql("SELECT email || '|1|t' FROM auth.users ORDER BY email").unwrap();
    assert_eq!(users.lines().count(), 7);
    assert_eq!(identities, users, "one email identity per user, as GoTrue records an email sign-up");
}

/// An integration's settings never hold a secret on the server either (issue 17): a key naming
/// one, in any case, is refused by the CHECK named after the column; other settings are kept.
#[test]
fn an_integrations_settings_refuse_a_key_naming_a_secret() {
    let pg = start();
    let insert = |config: &str| {
        format!(
            "INSERT INTO public.integrations (account_id, provider, name, config) \
             VALUES ('aa000001-0000-4000-8000-000000000001', 'sendgrid', 'Mail', '{config}')"
        )
    };
    for secret in [r#"{"API_Key": "SG.x"}"#, r#"{"from": "a@b.c", "smtp_password": "x"}"#, r#"{"Access_Token": "t"}"#] {
        let refused = refusal(&pg, &insert(secret));
        assert!(refused.starts_with("23514") && refused.contains("\"config\""), "{secret}: {refused}");
    }
    assert_eq!(refusal(&pg, &insert(r#"{"from": "events@example.com", "region": "ca"}"#)), "ok");
}
