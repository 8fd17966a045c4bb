//! What the facade's tests share: the demo workspace in a fresh folder, and a look at its file.
#![allow(dead_code, clippy::unwrap_used)]

use eventos_app::App;
use eventos_app::sync::SessionStore;
use time::macros::date;

/// The demo workspace (its "today" fixed, so its data is the same on every run), sessions in a
/// file beside it rather than in the keychain of whoever runs the tests.
pub fn demo() -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().unwrap();
    let mut app = App::open_with(dir.path(), SessionStore::File);
    app.open_demo_on(date!(2026 - 11 - 22)).unwrap();
    (dir, app)
}

/// A row for the facade, written as JSON.
pub fn row(value: serde_json::Value) -> eventos_store::Row {
    value.as_object().cloned().unwrap()
}

/// One value read straight from the replica file, on a connection of its own.
pub fn scalar<T: rusqlite::types::FromSql>(dir: &tempfile::TempDir, sql: &str) -> T {
    rusqlite::Connection::open(dir.path().join("eventos.db")).unwrap().query_row(sql, [], |r| r.get(0)).unwrap()
}

/// The demo workspace signed in (without a server) as the demo person with this email, in
/// their role: the facade's rules for them apply.
pub fn as_person(email: &str) -> (tempfile::TempDir, App) {
    let (dir, app) = demo();
    drop(app);
    let mut store = eventos_store::Store::open(&dir.path().join("eventos.db")).unwrap();
    let user: String =
        store.connection().query_row("SELECT id FROM profiles WHERE email = ?1", [email], |r| r.get(0)).unwrap();
    store.connect("http://127.0.0.1:9", "anon", email, &user).unwrap();
    drop(store);
    let app = App::open_with(dir.path(), SessionStore::File);
    (dir, app)
}
