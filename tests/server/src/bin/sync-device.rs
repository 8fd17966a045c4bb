//! A desktop replica in a process of its own, for the crash test (tests/crash.rs): each run
//! makes `--edits` local edits (new venues named `<tag> <n>`, and renames of earlier ones),
//! syncing after every few, and may be killed at any moment. Test infrastructure.
//!
//! sync-device DB URL ANON_KEY EMAIL ACCOUNT TAG EDITS

use eventos_store::{Row, Store};
use eventos_supabase::{Client, Project};
use serde_json::json;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [db, url, anon_key, email, account, tag, edits] = &args[..] else {
        eprintln!("usage: sync-device DB URL ANON_KEY EMAIL ACCOUNT TAG EDITS");
        std::process::exit(2);
    };
    let edits: usize = edits.parse().expect("EDITS is a number");
    let mut store = Store::open(std::path::Path::new(db)).expect("the replica opens");
    store.add_scope(&format!("account:{account}")).expect("scope");
    store.set_capture(true).expect("capture");
    let mut client = Client::new(Project { url: url.clone(), anon_key: anon_key.clone() }).expect("client");
    client.sign_in(email, "eventos-demo").expect("sign in");
    let count = |store: &Store| -> i64 {
        store
            .connection()
            .query_row("SELECT count(*) FROM venues WHERE name GLOB ?1", [format!("{tag} *")], |r| r.get(0))
            .expect("count")
    };
    // The replica is bootstrapped before anyone edits it (a killed bootstrap resumes here).
    if store.scopes().expect("scopes").iter().any(|s| s.cursor.is_none()) {
        eventos_sync::sync(&mut store, &mut client, &mut |_| {}).expect("the bootstrap");
    }
    for _ in 0..edits {
        let n = count(&store);
        // An edit of an earlier venue too, so that updates travel as well as inserts.
        let earlier: Option<String> = store
            .connection()
            .query_row("SELECT id FROM venues WHERE name = ?1", [format!("{tag} {}", n / 2)], |r| r.get(0))
            .ok();
        store
            .write(|w| {
                let venue: Row = json!({"account_id": account, "name": format!("{tag} {n}")})
                    .as_object()
                    .cloned()
                    .unwrap_or_default();
                w.insert("venues", venue)?;
                if let Some(earlier) = &earlier {
                    let patch: Row = json!({"city": format!("City {n}")}).as_object().cloned().unwrap_or_default();
                    w.update("venues", earlier, patch)?;
                }
                Ok(())
            })
            .expect("a local edit");
        if n % 3 == 0 {
            // Offline or interrupted syncs are fine: the outbox keeps the edits.
            let _ = eventos_sync::sync(&mut store, &mut client, &mut |_| {});
        }
    }
    eventos_sync::sync(&mut store, &mut client, &mut |_| {}).expect("the last sync");
}
