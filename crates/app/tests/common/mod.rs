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

/// One value read straight from the replica file, on a connection of its own.
pub fn scalar<T: rusqlite::types::FromSql>(dir: &tempfile::TempDir, sql: &str) -> T {
    rusqlite::Connection::open(dir.path().join("eventos.db")).unwrap().query_row(sql, [], |r| r.get(0)).unwrap()
}
