//! Door stations on separate hosts with no server: network namespaces joined by veth pairs and
//! a bridge, each running `eventos-cli door` on a replica synced as door staff from the Supabase
//! stand-in before the doors opened (the namespaces cannot reach it). Then the server comes back.
//! Needs root and iproute2 (CI has both); elsewhere each test says it is skipped.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use eventos_server_tests::Postgres;
use eventos_server_tests::doors::{Dice, Door, Net, cli_binary, wait_for};
use eventos_supabase_emulator::{Config, Emulator};

const EVENT: &str = "e0000001-0000-4000-8000-000000000001";

/// The seed's live event has a handful of tickets: the organizer sells 120 more first.
const SELL: &str = "
DO $$
DECLARE o uuid; a uuid;
BEGIN
  FOR i IN 1..120 LOOP
    INSERT INTO public.orders (event_id, quantity, unit_price_cents, payment_status)
      VALUES ('e0000001-0000-4000-8000-000000000001', 1, 2500, 'paid') RETURNING id INTO o;
    INSERT INTO public.attendees (order_id, event_id, full_name, email)
      VALUES (o, 'e0000001-0000-4000-8000-000000000001', 'Door Guest ' || i, 'guest' || i || '@example.com')
      RETURNING id INTO a;
    INSERT INTO public.tickets (event_id, order_id, attendee_id)
      VALUES ('e0000001-0000-4000-8000-000000000001', o, a);
  END LOOP;
END $$";

fn cli(db: &Path, args: &[&str]) -> String {
    let out =
        Command::new(cli_binary()).env("EVENTOS_SECRET_STORE", "file").arg("--db").arg(db).args(args).output().unwrap();
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// `eventos-cli sync` as door staff: the first time it connects the replica and downloads the
/// event; later it sends what waits and pulls what is new.
fn sync(emulator: &Emulator, db: &Path) {
    cli(
        db,
        &[
            "sync",
            "--url",
            emulator.url(),
            "--anon-key",
            emulator.anon_key(),
            "--email",
            "door@demo.eventos.test",
            "--password",
            "eventos-demo",
        ],
    );
}

/// A door laptop's replica per door, synced while the server was there.
fn replicas(emulator: &Emulator, dir: &Path, doors: usize) -> Vec<PathBuf> {
    (0..doors)
        .map(|i| {
            let db = dir.join(format!("door{i}/eventos.db"));
            std::fs::create_dir_all(db.parent().unwrap()).unwrap();
            sync(emulator, &db);
            db
        })
        .collect()
}

fn read(db: &Path) -> rusqlite::Connection {
    rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap()
}

fn active_tickets(db: &Path) -> Vec<String> {
    let db = read(db);
    let mut stmt = db
        .prepare("SELECT ticket_number FROM tickets WHERE event_id = ?1 AND status = 'active' ORDER BY ticket_number")
        .unwrap();
    stmt.query_map([EVENT], |r| r.get(0)).unwrap().collect::<Result<_, _>>().unwrap()
}

fn checkins(db: &Path) -> BTreeSet<String> {
    let db = read(db);
    let mut stmt = db.prepare("SELECT id FROM event_checkins WHERE event_id = ?1").unwrap();
    stmt.query_map([EVENT], |r| r.get(0)).unwrap().collect::<Result<_, _>>().unwrap()
}

fn has_checkin_of(db: &Path, ticket_number: &str) -> bool {
    read(db)
        .query_row(
            "SELECT EXISTS (SELECT 1 FROM event_checkins c JOIN tickets t ON t.id = c.ticket_id WHERE t.ticket_number = ?1)",
            [ticket_number],
            |r| r.get(0),
        )
        .unwrap()
}

fn duplicates(db: &Path) -> Vec<eventos_store::DuplicateEntry> {
    eventos_store::Store::open_read_only(db).unwrap().duplicate_entries(EVENT).unwrap()
}

fn replica_key(db: &Path) -> String {
    read(db).query_row("SELECT door_key FROM event_door_keys WHERE event_id = ?1", [EVENT], |r| r.get(0)).unwrap()
}

/// A replica the event's key has not reached (an event made offline, say): this test's own
/// connection writes past the app's guard, on purpose.
fn forget_key(db: &Path) {
    let conn = rusqlite::Connection::open(db).unwrap();
    let always = |_: &rusqlite::functions::Context<'_>| Ok(true);
    conn.create_scalar_function(
        eventos_store::GUARD_FUNCTION,
        0,
        rusqlite::functions::FunctionFlags::SQLITE_UTF8,
        always,
    )
    .unwrap();
    assert_eq!(conn.execute("DELETE FROM event_door_keys WHERE event_id = ?1", [EVENT]).unwrap(), 1);
}

#[test]
fn three_doors_on_separate_hosts_agree_through_cuts_and_a_crash_and_the_server_keeps_each_check_in_once() {
    let Some(net) = Net::make("a", 3) else { return };
    let pg = Postgres::start().unwrap();
    pg.psql(SELL).unwrap();
    let emulator = Emulator::start(Config::new(pg.connection_string())).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let dbs = replicas(&emulator, dir.path(), 3);
    let tickets = active_tickets(&dbs[0]);
    assert!(tickets.len() >= 120, "{} tickets", tickets.len());
    let before = checkins(&dbs[0]);
    // The event's door key came from the server with the event, the same on every door.
    let key = pg.psql(&format!("SELECT door_key FROM public.event_door_keys WHERE event_id = '{EVENT}'")).unwrap();
    assert!(dbs.iter().all(|db| replica_key(db) == key));

    let gates = ["Gate 1", "Gate 2", "Exit 3"];
    let mut doors = vec![
        Door::start(&net.doors[0], &dbs[0], EVENT, gates[0], &[]),
        Door::start(&net.doors[1], &dbs[1], EVENT, gates[1], &[]),
        Door::start(&net.doors[2], &dbs[2], EVENT, gates[2], &["--exit"]),
    ];
    // DNS-SD alone: each door hears the two others.
    for door in &doors {
        wait_for("every door connected to the two others", || {
            door.said().iter().filter(|l| l.ends_with(" connected")).count() >= 2
        });
    }

    // One ticket at two connected doors: the second says it is already in, and where.
    let twice = &tickets[0];
    assert_eq!(doors[0].scan(twice)["kind"], "admitted");
    wait_for("the check-in reaches door 2", || has_checkin_of(&dbs[1], twice));
    let second = doors[1].scan(twice);
    assert_eq!(second["kind"], "already_checked_in", "{second}");
    assert!(second["detail"].as_str().unwrap().contains("at Gate 1"), "{second}");
    let mut recorded = 1;

    // 1,000 scans at random doors. Every 100 scans one of the entry doors loses its cable for
    // 50 scans (the others wait to see it gone, so what it checks in meanwhile must catch up
    // when it is back); the exit door's process is killed at 400 and started again at 600.
    let mut dice = Dice(0x5eed_0016);
    let mut cut: Option<usize> = None;
    let witness = |doors: &[Door], not: usize| (0..doors.len()).find(|i| *i != not).unwrap();
    for scan in 0..1000 {
        match scan {
            400 => {
                let seen = doors[0].count_said("Exit 3 (Exit 3 laptop) gone");
                doors.pop().unwrap().kill();
                wait_for("the doors see the exit door gone", || {
                    doors[0].count_said("Exit 3 (Exit 3 laptop) gone") > seen
                });
            }
            600 => {
                let seen = doors[0].count_said("Exit 3 (Exit 3 laptop) connected");
                doors.push(Door::start(&net.doors[2], &dbs[2], EVENT, gates[2], &["--exit"]));
                wait_for("the exit door back", || doors[0].count_said("Exit 3 (Exit 3 laptop) connected") > seen);
            }
            s if s % 100 == 25 => {
                let door = dice.below(2);
                let words = format!("{} ({} laptop) gone", gates[door], gates[door]);
                let other = witness(&doors, door);
                let seen = doors[other].count_said(&words);
                net.cable(door, false);
                wait_for("the others see the door gone", || doors[other].count_said(&words) > seen);
                cut = Some(door);
            }
            s if s % 100 == 75 => {
                let door = cut.take().unwrap();
                let words = format!("{} ({} laptop) connected", gates[door], gates[door]);
                let other = witness(&doors, door);
                let seen = doors[other].count_said(&words);
                net.cable(door, true);
                wait_for("the door back in the exchange", || doors[other].count_said(&words) > seen);
            }
            _ => {}
        }
        let door = dice.below(doors.len());
        let ticket = &tickets[dice.below(tickets.len().min(120))];
        let verdict = doors[door].scan(ticket);
        let kind = verdict["kind"].as_str().unwrap_or_default().to_owned();
        assert!(
            ["admitted", "exited", "already_checked_in", "not_inside"].contains(&kind.as_str()),
            "door {door}: {verdict}"
        );
        recorded += usize::from(kind == "admitted" || kind == "exited");
    }

    let expected = before.len() + recorded;
    wait_for("every door holds every check-in", || dbs.iter().all(|db| checkins(db).len() == expected));
    let sets: Vec<_> = dbs.iter().map(|db| checkins(db)).collect();
    assert!(sets.windows(2).all(|w| w[0] == w[1]));
    let reports: Vec<_> = dbs.iter().map(|db| duplicates(db)).collect();
    eprintln!("{recorded} check-ins recorded, {} duplicate entries on every door", reports[0].len());
    assert!(reports.windows(2).all(|w| w[0] == w[1]), "the doors' duplicate reports differ");
    for door in doors {
        door.finish();
    }

    // The server comes back: each door syncs (each holds every check-in, most of them other
    // doors' relayed under their own change), and the server has each check-in once.
    for db in &dbs {
        sync(&emulator, db);
        assert_eq!(cli(db, &["outbox", "--json"]).trim(), "[]", "nothing left waiting or refused");
    }
    let on_server: BTreeSet<String> = pg
        .psql(&format!("SELECT id FROM public.event_checkins WHERE event_id = '{EVENT}' ORDER BY id"))
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect();
    assert_eq!(on_server, sets[0], "the server holds exactly the doors' check-ins");
}

#[test]
fn doors_that_cannot_see_each_other_pair_by_code() {
    let Some(net) = Net::make("p", 2) else { return };
    net.block_multicast(0);
    net.block_multicast(1);
    let pg = Postgres::start().unwrap();
    let emulator = Emulator::start(Config::new(pg.connection_string())).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let dbs = replicas(&emulator, dir.path(), 2);
    let tickets = active_tickets(&dbs[0]);
    forget_key(&dbs[1]);
    let mut first = Door::start(&net.doors[0], &dbs[0], EVENT, "Main", &["--pairing-code"]);
    let line = first.wait_said("Pairing code");
    let code = line.rsplit(": ").next().unwrap().to_owned();
    let mut second = Door::start(&net.doors[1], &dbs[1], EVENT, "Side", &["--pair", &code]);
    second.wait_said("Main (Main laptop) connected");
    first.wait_said("Side (Side laptop) connected");

    assert_eq!(first.scan(&tickets[0])["kind"], "admitted");
    wait_for("the check-in crosses", || has_checkin_of(&dbs[1], &tickets[0]));
    assert_eq!(second.scan(&tickets[0])["kind"], "already_checked_in");
    // The key came with the code and was kept: the second door, whose replica had none, holds
    // the first's (the server's) for next time.
    let kept = std::fs::read_to_string(dbs[1].parent().unwrap().join(format!("door-key-{EVENT}.secret"))).unwrap();
    assert_eq!(kept, replica_key(&dbs[0]));
    first.finish();
    second.interrupt();
}
