//! A desktop replica in a process of its own, for the crash test (tests/crash.rs): each run
//! makes `EDITS` local edits (new venues named `<tag> <n>`, and renames of earlier ones),
//! syncing after every few, and may be killed at any moment. Test infrastructure.
//!
//! sync-device DB URL ANON_KEY EMAIL ACCOUNT TAG EDITS [STOP_AFTER]
//!
//! It reports its progress on stdout, one line at a time, each flushed when what it tells is
//! done (committed locally, or answered by the server):
//!
//! - `opened`, `signed in`;
//! - `edit <n>`: the venue `<tag> <n>` is committed to the replica;
//! - `syncing`, then from inside the sync `pushed <done>`, `pulled <done>`,
//!   `bootstrapped <done>/<total>`, then `synced` or `sync failed: <why>`;
//! - `done` at the end.
//!
//! With `STOP_AFTER`, after that many lines it stops where it is (inside a sync, if that is
//! where the line came from) and waits to be killed: the point of a kill is then exactly the
//! line a test chose, not wherever the process had got to by the time the kill arrived.

use std::io::Write;

use eventos_store::{Row, Store};
use eventos_supabase::{Client, Project};
use eventos_sync::Progress;
use serde_json::json;

/// Writes the progress lines, and stops after the chosen one.
struct Reporter {
    lines: usize,
    stop_after: Option<usize>,
}

impl Reporter {
    fn say(&mut self, line: &str) {
        let mut out = std::io::stdout().lock();
        // A test that stopped reading (it killed us, or failed) is no reason to stop working.
        let _ = writeln!(out, "{line}").and_then(|()| out.flush());
        drop(out);
        self.lines += 1;
        if self.stop_after == Some(self.lines) {
            // Wait for the SIGKILL, here, in the middle of whatever this line was part of.
            loop {
                std::thread::park();
            }
        }
    }

    fn progress(&mut self, progress: Progress) {
        match progress {
            Progress::Pushing { done } => self.say(&format!("pushed {done}")),
            Progress::Pulling { done, .. } => self.say(&format!("pulled {done}")),
            Progress::Bootstrapping { done, total, .. } => self.say(&format!("bootstrapped {done}/{total}")),
        }
    }

    /// One sync, reported; its result.
    fn sync(&mut self, store: &mut Store, client: &mut Client) -> Result<(), eventos_sync::SyncError> {
        self.say("syncing");
        let result = eventos_sync::sync(store, client, &mut |p| self.progress(p));
        match &result {
            Ok(_) => self.say("synced"),
            Err(e) => self.say(&format!("sync failed: {e}")),
        }
        result.map(|_| ())
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (fixed, stop_after) = args.split_at(args.len().min(7));
    let ([db, url, anon_key, email, account, tag, edits], [] | [_]) = (fixed, stop_after) else {
        eprintln!("usage: sync-device DB URL ANON_KEY EMAIL ACCOUNT TAG EDITS [STOP_AFTER]");
        std::process::exit(2);
    };
    let stop_after = stop_after.first().map(|n| n.parse::<usize>().expect("STOP_AFTER is a number"));
    let edits: usize = edits.parse().expect("EDITS is a number");
    let mut report = Reporter { lines: 0, stop_after };
    let mut store = Store::open(std::path::Path::new(db)).expect("the replica opens");
    store.add_scope(&format!("account:{account}")).expect("scope");
    store.set_capture(true).expect("capture");
    report.say("opened");
    let mut client = Client::new(Project { url: url.clone(), anon_key: anon_key.clone() }).expect("client");
    client.sign_in(email, "eventos-demo").expect("sign in");
    report.say("signed in");
    let count = |store: &Store| -> i64 {
        store
            .connection()
            .query_row("SELECT count(*) FROM venues WHERE name GLOB ?1", [format!("{tag} *")], |r| r.get(0))
            .expect("count")
    };
    // The replica is bootstrapped before anyone edits it (a killed bootstrap resumes here).
    if store.scopes().expect("scopes").iter().any(|s| s.cursor.is_none()) {
        report.sync(&mut store, &mut client).expect("the bootstrap");
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
        report.say(&format!("edit {n}"));
        if n % 3 == 0 {
            // Offline or interrupted syncs are fine: the outbox keeps the edits.
            let _ = report.sync(&mut store, &mut client);
        }
    }
    report.sync(&mut store, &mut client).expect("the last sync");
    report.say("done");
}
