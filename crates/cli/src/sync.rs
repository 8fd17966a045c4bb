//! `eventos-cli sync` and `eventos-cli outbox`.

use std::fmt::Write as _;
use std::io::IsTerminal;

use eventos_store::Store;
use eventos_supabase::{Client, Project};
use eventos_sync::Progress;

use crate::CliError;

#[derive(clap::Args)]
pub struct SyncArgs {
    /// The project's URL (https://<ref>.supabase.co).
    #[arg(long, env = "SUPABASE_URL")]
    url: String,
    /// The project's anon (publishable) key.
    #[arg(long, env = "SUPABASE_ANON_KEY")]
    anon_key: String,
    #[arg(long, env = "EVENTOS_EMAIL")]
    email: String,
    #[arg(long, env = "EVENTOS_PASSWORD", hide_env_values = true)]
    password: String,
    /// What to replicate: account:<uuid> or event:<uuid> (repeatable). Default: the scopes
    /// chosen before, else every account the user belongs to (door staff: their events).
    #[arg(long = "scope")]
    scopes: Vec<String>,
}

pub fn run(store: &mut Store, args: SyncArgs, out: &mut String) -> Result<(), CliError> {
    let mut client = Client::new(Project { url: args.url.clone(), anon_key: args.anon_key.clone() })
        .map_err(eventos_sync::SyncError::from)?;
    let session = client.sign_in(&args.email, &args.password)?;
    for scope in &args.scopes {
        store.add_scope(scope)?;
    }
    if store.scopes()?.is_empty() {
        for scope in
            eventos_supabase::default_scopes(&mut client, &session.user_id).map_err(eventos_sync::SyncError::from)?
        {
            store.add_scope(&scope.to_string())?;
        }
    }
    if store.scopes()?.is_empty() {
        return Err(CliError::Usage(format!(
            "{} belongs to no account and works at no event: name what to sync with --scope",
            args.email
        )));
    }
    store.connect(&args.url, &args.anon_key, &args.email, &session.user_id)?;
    let show = std::io::stderr().is_terminal();
    let report = eventos_sync::sync(store, &mut client, &mut |p| {
        if show {
            match p {
                Progress::Bootstrapping { scope, done, total } => {
                    let width = 30;
                    let filled = if total == 0 { width } else { (done * width as u64 / total.max(1)) as usize };
                    eprint!(
                        "\r  {scope}: [{}{}] {done}/{total} rows   ",
                        "#".repeat(filled.min(width)),
                        " ".repeat(width - filled.min(width))
                    );
                }
                Progress::Pushing { done } => eprint!("\r  pushed {done} changes   "),
                Progress::Pulling { scope, done } => eprint!("\r  {scope}: pulled {done} changes   "),
            }
        }
    });
    if show {
        eprintln!();
    }
    let report = report?;
    let _ = writeln!(
        out,
        "Synced: {} changes up ({} refused, {} fields lost to later edits), {} down, {} rows bootstrapped.",
        report.pushed, report.refused, report.conflicts, report.pulled, report.bootstrapped
    );
    Ok(())
}

pub fn outbox(store: &Store, json: bool, out: &mut String) -> Result<(), CliError> {
    let changes = store.outbox()?;
    if json {
        let _ = writeln!(out, "{}", serde_json::to_string(&changes).unwrap_or_default());
        return Ok(());
    }
    if changes.is_empty() {
        let _ = writeln!(out, "Nothing waits to go up.");
    }
    for change in changes {
        let state = change.error.as_deref().map_or("pending".to_owned(), |e| format!("failed: {e}"));
        let _ = writeln!(out, "{}  {:?} {} {}  {}", change.created_at, change.op, change.table, change.row_id, state);
    }
    Ok(())
}
