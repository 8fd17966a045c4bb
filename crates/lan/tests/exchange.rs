//! Door stations on this computer's loopback, real sockets and real encryption, with a ledger
//! kept in memory (the app's is the replica: `tests/server/tests/doors.rs` runs it on separate hosts).
#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use eventos_lan::{Config, DoorInfo, ExchangeState, Ledger, LedgerError, PairingCode, Shared, Station};
use serde_json::json;

#[derive(Default)]
struct Book {
    rows: BTreeMap<String, Shared>,
    /// This door's own check-ins, in the order made.
    own: Vec<String>,
}

#[derive(Clone, Default)]
struct Memory(Arc<Mutex<Book>>);

impl Memory {
    fn check_in(&self, id: &str) {
        let mut book = self.0.lock().unwrap();
        book.rows.insert(id.into(), Shared { id: id.into(), body: json!({ "id": id }) });
        book.own.push(id.into());
    }

    fn ids(&self) -> Vec<String> {
        self.0.lock().unwrap().rows.keys().cloned().collect()
    }
}

impl Ledger for Memory {
    fn ids(&mut self) -> Result<Vec<String>, LedgerError> {
        Ok(Memory::ids(self))
    }
    fn rows(&mut self, ids: &[String]) -> Result<Vec<Shared>, LedgerError> {
        let book = self.0.lock().unwrap();
        Ok(ids.iter().filter_map(|id| book.rows.get(id).cloned()).collect())
    }
    fn take_in(&mut self, rows: &[Shared]) -> Result<Vec<String>, LedgerError> {
        let mut book = self.0.lock().unwrap();
        let mut new = Vec::new();
        for row in rows {
            if !book.rows.contains_key(&row.id) {
                book.rows.insert(row.id.clone(), row.clone());
                new.push(row.id.clone());
            }
        }
        Ok(new)
    }
    fn own_since(&mut self, cursor: &mut i64) -> Result<Vec<Shared>, LedgerError> {
        let book = self.0.lock().unwrap();
        let end = book.own.len() as i64;
        let from = if *cursor < 0 { end } else { *cursor };
        *cursor = end;
        Ok(book.own[from as usize..].iter().map(|id| book.rows[id].clone()).collect())
    }
    fn own_count(&mut self) -> Result<u64, LedgerError> {
        Ok(self.0.lock().unwrap().own.len() as u64)
    }
}

fn door(event: &str, node: &str, key: Option<&str>) -> (Station, Memory) {
    let memory = Memory::default();
    let info = DoorInfo {
        event_id: event.into(),
        node: node.into(),
        name: format!("laptop {node}"),
        gate: format!("Gate {node}"),
        exit: false,
    };
    let mut config = Config::new(info, key.map(str::to_owned));
    config.listen = SocketAddr::from((Ipv4Addr::LOCALHOST, 0));
    config.discovery = false;
    (Station::start(config, Box::new(memory.clone())).unwrap(), memory)
}

fn address(station: &Station) -> SocketAddr {
    SocketAddr::from((Ipv4Addr::LOCALHOST, station.port()))
}

/// Waits for a state the action under test brings about; the limit only turns a hang into a failure.
fn wait_for(what: &str, mut done: impl FnMut() -> bool) {
    let limit = Instant::now() + Duration::from_secs(60);
    while !done() {
        assert!(Instant::now() < limit, "never happened: {what}");
        std::thread::sleep(Duration::from_millis(5));
    }
}

#[test]
fn three_doors_agree_on_every_check_in_and_one_that_was_away_catches_up() {
    let (a, book_a) = door("event-1", "node-a", Some("key"));
    let (b, book_b) = door("event-1", "node-b", Some("key"));
    // c has check-ins from before it was connected: they reach the others when it joins.
    let (c, book_c) = door("event-1", "node-c", Some("key"));
    for i in 0..120 {
        book_c.check_in(&format!("c-early-{i}"));
    }
    a.connect(address(&b));
    wait_for("a and b connected", || a.status().state == ExchangeState::Connected);
    for i in 0..50 {
        book_a.check_in(&format!("a-{i}"));
        book_b.check_in(&format!("b-{i}"));
        a.kick();
        b.kick();
    }
    wait_for("b holds a's check-ins", || book_b.ids().len() == 100);
    wait_for("a holds b's check-ins", || book_a.ids().len() == 100);
    assert!(book_c.ids().len() == 120, "c is not connected yet, and got nothing");

    c.connect(address(&b));
    wait_for("all three agree", || [&book_a, &book_b, &book_c].iter().all(|m| m.ids().len() == 220));
    assert_eq!(book_a.ids(), book_c.ids());
    // a got c's rows through b: relayed, though a and c never connected.
    assert!(!a.status().peers.iter().any(|p| p.node == "node-c"));
    // Counted just after the rows are kept, so waited for, not read at once.
    wait_for("a counted what it received", || a.received() == 50 + 120);

    let seen_from_b = b.status();
    let from_a = seen_from_b.peers.iter().find(|p| p.node == "node-a").unwrap();
    assert_eq!((from_a.gate.as_str(), from_a.connected), ("Gate node-a", true));
    wait_for("b hears how many a checked in", || {
        b.status().peers.iter().any(|p| p.node == "node-a" && p.checked_in == 50)
    });
}

#[test]
fn a_door_that_stops_is_shown_gone_and_a_new_check_in_waits_for_its_return() {
    let (a, book_a) = door("event-2", "node-a", Some("key"));
    let (mut b, book_b) = door("event-2", "node-b", Some("key"));
    let b_port = b.port();
    b.connect(address(&a));
    wait_for("connected", || a.status().state == ExchangeState::Connected);
    b.stop();
    wait_for("a shows b gone", || a.status().peers.iter().all(|p| !p.connected));
    book_a.check_in("while-b-was-away");
    // b comes back on the same port with what it had: a dials it again and it catches up.
    let mut config = Config::new(
        DoorInfo {
            event_id: "event-2".into(),
            node: "node-b".into(),
            name: "laptop b".into(),
            gate: "Gate B".into(),
            exit: false,
        },
        Some("key".into()),
    );
    config.listen = SocketAddr::from((Ipv4Addr::LOCALHOST, b_port));
    config.discovery = false;
    let _b = Station::start(config, Box::new(book_b.clone())).unwrap();
    wait_for("b caught up", || book_b.ids().contains(&"while-b-was-away".to_owned()));
}

#[test]
fn a_station_without_the_key_or_of_another_event_gets_nothing_and_injects_nothing() {
    let (a, book_a) = door("event-3", "node-a", Some("right key"));
    book_a.check_in("secret-row");
    let (wrong_key, book_wrong) = door("event-3", "node-x", Some("wrong key"));
    let (other_event, book_other) = door("event-4", "node-y", Some("right key"));
    book_wrong.check_in("injected-1");
    book_other.check_in("injected-2");
    wrong_key.connect(address(&a));
    other_event.connect(address(&a));
    // A raw TCP client that knows the preamble but not the key: refused at the first message.
    let mut raw = TcpStream::connect(address(&a)).unwrap();
    raw.write_all(b"EOSDOOR1K\x00\x30").unwrap();
    raw.write_all(&[7u8; 48]).unwrap();
    raw.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    let mut answer = Vec::new();
    let _ = raw.read_to_end(&mut answer);
    assert!(answer.is_empty(), "a station without the key got an answer: {answer:?}");
    // Then a door with the key connects: by then the others have knocked and been refused.
    let (good, book_good) = door("event-3", "node-g", Some("right key"));
    good.connect(address(&a));
    wait_for("the real door caught up", || book_good.ids() == vec!["secret-row".to_owned()]);
    assert_eq!(book_a.ids(), vec!["secret-row".to_owned()]);
    assert_eq!(book_wrong.ids(), vec!["injected-1".to_owned()]);
    assert_eq!(book_other.ids(), vec!["injected-2".to_owned()]);
    assert!(a.status().peers.iter().all(|p| p.node == "node-g"));
}

#[test]
fn pairing_by_code_lets_one_door_in_once_and_hands_it_the_key() {
    let (a, book_a) = door("event-5", "node-a", Some("key"));
    book_a.check_in("before-pairing");
    let (b, book_b) = door("event-5", "node-b", None);
    assert_eq!(b.status().state, ExchangeState::NeedsKey);
    let code = a.pairing_code(Ipv4Addr::LOCALHOST.into()).unwrap();
    let typed = PairingCode::parse(&code.text().to_lowercase()).unwrap();
    b.pair(&typed);
    wait_for("b caught up through the code", || book_b.ids() == vec!["before-pairing".to_owned()]);
    wait_for("b learnt the key", || b.status().state == ExchangeState::Connected);
    // The code was used: a third door typing it is refused, and told so.
    let (c, book_c) = door("event-5", "node-c", None);
    c.pair(&typed);
    wait_for("c told the code was refused", || {
        c.status().last_error.is_some_and(|e| e.contains("pairing code was refused"))
    });
    book_a.check_in("after-pairing");
    a.kick();
    wait_for("b hears a's next check-in", || book_b.ids().len() == 2);
    assert!(book_c.ids().is_empty());
    assert_eq!(c.status().state, ExchangeState::NeedsKey);
}
