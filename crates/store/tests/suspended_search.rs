//! Setting the search index aside across many transactions (a bootstrap), and mending it when
//! the process died before putting it back.
#![allow(clippy::unwrap_used)]

mod common;

use common::{fixture, row};
use eventos_store::Store;
use serde_json::json;

fn triggers(store: &Store) -> i64 {
    store
        .connection()
        .query_row("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name GLOB '*_fts_a[idu]'", [], |r| {
            r.get(0)
        })
        .unwrap()
}

#[test]
fn rows_loaded_while_suspended_are_found_after_resume_or_after_a_crash() {
    let mut f = fixture();
    let before = triggers(&f.store);
    assert!(before > 0);
    let (order, event) = (f.order.clone(), f.event.clone());
    f.store.write(|w| w.suspend_search_index()).unwrap();
    assert_eq!(triggers(&f.store), 0);
    f.store
        .write(|w| w.insert("attendees", row(json!({"order_id": order, "event_id": event, "full_name": "Zelda Quartermain", "email": "zq@example.com"}))))
        .unwrap();
    assert!(
        f.store.search_attendees("Quartermain", Some(&event), 10).unwrap().is_empty(),
        "not indexed while set aside"
    );

    // The process dies here; the next open mends it.
    let path = f.dir.path().join("replica.db");
    drop(f.store);
    let store = Store::open(&path).unwrap();
    assert_eq!(triggers(&store), before);
    assert_eq!(store.search_attendees("Quartermain", Some(&event), 10).unwrap().len(), 1);
}
