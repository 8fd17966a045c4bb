//! Server-side sync throughput on the Supabase-like Postgres: `pull_changes` paging over 300k
//! changed rows (100k orders, attendees and tickets of one event), and `push_changes` of 10k
//! check-ins in batches of 1000. Calls go over one psql connection as the signed-in user, so
//! the figures are the database's, without HTTP. Run: `cargo bench -p eventos-server-tests`.
#![allow(clippy::unwrap_used)]

use std::time::Instant;

use eventos_server_tests::{BigEvent, Postgres, Session, big_event};
use serde_json::{Value, json};

const ROWS: u32 = 100_000;
const PAGE: u32 = 1000;
const CHECK_INS: u32 = 10_000;

fn main() {
    let pg = Postgres::start().unwrap();
    let started = Instant::now();
    let BigEvent { event, account, owner, door } = big_event(&pg, ROWS);
    println!("setup: {} rows with triggers and change log in {:.1} s", 3 * ROWS, started.elapsed().as_secs_f64());

    let mut as_owner = signed_in(&pg, &owner);
    let scopes = json!([{"account_id": account}]);
    let (mut cursor, mut rows, mut pages) = ("0:0".to_owned(), 0usize, 0u32);
    let started = Instant::now();
    loop {
        let page = call(&mut as_owner, &format!("public.pull_changes('{cursor}', $j${scopes}$j$::jsonb, {PAGE})"));
        rows += page["changes"].as_array().unwrap().len();
        pages += 1;
        cursor = page["next"].as_str().unwrap().to_owned();
        if page["has_more"] == false {
            break;
        }
    }
    let seconds = started.elapsed().as_secs_f64();
    assert!(rows >= 3 * ROWS as usize, "pulled {rows} rows");
    println!(
        "pull_changes: {rows} rows in {pages} pages of {PAGE}: {seconds:.2} s, {:.0} rows/s",
        rows as f64 / seconds
    );

    let mut as_door = signed_in(&pg, &door);
    let qr_codes = pg
        .psql(&format!("SELECT qr_code FROM public.tickets WHERE event_id = '{event}' ORDER BY id LIMIT {CHECK_INS}"))
        .unwrap();
    let now_ms: u64 =
        pg.psql("SELECT floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint").unwrap().parse().unwrap();
    let changes: Vec<Value> = qr_codes
        .lines()
        .enumerate()
        .map(|(n, qr)| {
            json!({"change_id": uuid::Uuid::new_v4().to_string(), "table": "event_checkins", "op": "insert",
                   "id": uuid::Uuid::new_v4().to_string(), "hlc": format!("{now_ms:013}-{:05}-door-a", n % 100_000),
                   "data": {"event_id": event, "qr_code_scanned": qr, "check_in_method": "qr_code"}})
        })
        .collect();
    let started = Instant::now();
    let mut batches = Vec::new();
    for batch in changes.chunks(1000) {
        let batch_started = Instant::now();
        let answer = call(&mut as_door, &format!("public.push_changes($j${}$j$::jsonb)", Value::from(batch.to_vec())));
        assert!(answer["results"].as_array().unwrap().iter().all(|r| r["status"] == "applied"), "{answer}");
        batches.push(format!("{:.0}", batch_started.elapsed().as_secs_f64() * 1000.0));
    }
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "push_changes: {CHECK_INS} check-ins in batches of 1000: {seconds:.2} s, {:.0} changes/s (batches, ms: {})",
        f64::from(CHECK_INS) / seconds,
        batches.join(" ")
    );
    let used = pg
        .psql(&format!("SELECT count(*) FROM public.tickets WHERE event_id = '{event}' AND status = 'used'"))
        .unwrap();
    assert_eq!(used, CHECK_INS.to_string());
}

fn signed_in(pg: &Postgres, user: &str) -> Session {
    let mut session = pg.open_session().unwrap();
    let claims = json!({"sub": user, "role": "authenticated", "aud": "authenticated"});
    session.run(&format!("SELECT set_config('request.jwt.claims', '{claims}', false)")).unwrap();
    session.run("SET ROLE authenticated").unwrap();
    session
}

fn call(session: &mut Session, call: &str) -> Value {
    serde_json::from_str(&session.run(&format!("SELECT {call}")).unwrap()).unwrap()
}
