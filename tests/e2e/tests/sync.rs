//! Sync in the real window: connect to the local Supabase stand-in from the first run, see the
//! badge reach "synced"; stop the server, edit an event, see "1 waiting"; start the server
//! again, see the edit go up — checked on the server itself.
#![allow(clippy::unwrap_used)]

use std::time::Duration;

use eventos_e2e::{Desktop, LocalSupabase, Result};
use eventos_server_tests::Postgres;

const EVENT: &str = "e0000001-0000-4000-8000-000000000001";
const ACCOUNT: &str = "aa000001-0000-4000-8000-000000000001";

fn badge_state(app: &Desktop) -> Result<String> {
    app.find("[data-testid=sync-badge]")?.attribute("data-state")
}

/// Waits for the badge; patiently, since it follows the network (a sync, a probe every 2 s).
fn wait_for_state(app: &Desktop, state: &str) -> Result<()> {
    app.wait_up_to(Duration::from_secs(90), &format!("the badge to say {state}"), || {
        Ok((badge_state(app)? == state).then_some(()))
    })
}

/// Waits until nothing on the Sync screen is still on its first load (its lists' "Loading …"),
/// so a screenshot shows what was read, not a spinner.
fn wait_for_sync_screen(app: &Desktop) -> Result<()> {
    app.wait("the Sync screen to finish loading", || {
        let lists = app.find_all("[data-testid=conflicts]")?.len() + app.find_all("[data-testid=outbox]")?.len();
        Ok((lists == 2 && app.find_all("[data-testid=screen-sync] .loading")?.is_empty()).then_some(()))
    })
}

#[test]
fn connecting_syncs_and_an_edit_made_offline_goes_up_when_the_server_is_back() -> Result<()> {
    let pg = Postgres::start()?;
    let mut server = LocalSupabase::start(&pg.connection_string())?;
    let app = Desktop::start()?;

    // First run: connect instead of opening the demo.
    app.find("[data-testid=connect-supabase]")?.click()?;
    app.find("[data-testid=connect-url]")?.send_keys(&server.url)?;
    app.find("[data-testid=connect-anon-key]")?.send_keys(&server.anon_key)?;
    app.find("[data-testid=connect-email]")?.send_keys("organizer@demo.eventos.test")?;
    app.find("[data-testid=connect-password]")?.send_keys("eventos-demo")?;
    app.screenshot("connect")?;
    app.find("[data-testid=connect-submit]")?.click()?;
    wait_for_state(&app, "synced")?;
    app.find("[data-testid=nav-events]")?.click()?;
    let on_server: usize =
        pg.psql(&format!("SELECT count(*) FROM public.events WHERE account_id = '{ACCOUNT}'"))?.parse().unwrap();
    app.find_n("[data-testid=event-row]", on_server)?;

    // The server goes away; an edit made meanwhile waits.
    server.stop();
    let row = app
        .find_all("[data-testid=event-row]")?
        .into_iter()
        .find(|r| r.text().is_ok_and(|t| t.contains("AI & Machine Learning Summit")));
    row.ok_or("the live event is not listed")?.click()?;
    app.find("[data-testid=event-edit]")?.click()?;
    let name = app.find("[data-testid=event-edit-name]")?;
    name.clear()?;
    name.send_keys("Summit (edited offline)")?;
    app.find("[data-testid=event-edit-save]")?.click()?;
    app.wait("the new name on the page", || {
        Ok((app.find("[data-testid=event-name]")?.text()? == "Summit (edited offline)").then_some(()))
    })?;
    app.wait("1 waiting", || Ok((app.find("[data-testid=sync-waiting]")?.text()? == "1 waiting").then_some(())))?;
    wait_for_state(&app, "offline")?;
    app.find("[data-testid=nav-sync]")?.click()?;
    app.find_n("[data-testid=outbox-item]", 1)?;
    wait_for_sync_screen(&app)?;
    app.screenshot("sync-offline")?;
    let server_name = || pg.psql(&format!("SELECT name FROM public.events WHERE id = '{EVENT}'"));
    assert_ne!(server_name()?, "Summit (edited offline)");

    // Back: the edit goes up by itself.
    server.restart()?;
    wait_for_state(&app, "synced")?;
    // The badge is there and counts nothing waiting (it said "1 waiting" before).
    app.wait("the outbox to empty", || {
        let badge = !app.find_all("[data-testid=sync-badge]")?.is_empty();
        Ok((badge && app.find_all("[data-testid=sync-waiting]")?.is_empty()).then_some(()))
    })?;
    assert_eq!(server_name()?, "Summit (edited offline)");
    // The Sync screen's list reloads when the count changes: wait for its empty line.
    app.find("[data-testid=outbox-empty]")?;
    wait_for_sync_screen(&app)?;
    app.screenshot("sync")?;
    app.stop()
}
