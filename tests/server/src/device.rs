//! A desktop replica for the sync tests and benchmarks: a fresh SQLite file in a temporary
//! folder, signed in to the project as one of the demo's people, replicating one scope, its
//! local writes captured for the outbox.

use eventos_store::{Row, Store};
use eventos_supabase::{Client, Project};

pub struct Device {
    _dir: tempfile::TempDir,
    pub store: Store,
    pub client: Client,
}

impl Device {
    /// Signed in as `email` (the demo password), keeping `scope` (`account:…` or `event:…`);
    /// nothing synced yet. Panics on failure: for tests.
    pub fn new(url: &str, anon_key: &str, email: &str, scope: &str) -> Device {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let mut store = Store::open(&dir.path().join("eventos.db")).expect("a new replica");
        let project = Project { url: url.to_owned(), anon_key: anon_key.to_owned() };
        let mut client = Client::new(project).expect("a client");
        client.sign_in(email, "eventos-demo").expect("the demo password");
        store.add_scope(scope).expect("a scope");
        store.set_capture(true).expect("capture on");
        Device { _dir: dir, store, client }
    }

    pub fn sync(&mut self) -> eventos_sync::Report {
        eventos_sync::sync(&mut self.store, &mut self.client, &mut |_| {}).expect("a sync")
    }

    /// A local edit of some fields of one row.
    pub fn edit(&mut self, table: &str, id: &str, patch: serde_json::Value) {
        let patch: Row = patch.as_object().cloned().expect("a JSON object");
        self.store.write(|w| w.update(table, id, patch)).expect("the edit");
    }

    pub fn get(&self, table: &str, id: &str) -> Row {
        self.store.get(table, id).expect("a read").expect("the row")
    }
}
