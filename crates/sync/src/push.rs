//! Pushing the outbox: oldest first, in batches; each answer settled in the store.

use eventos_store::{Change, Outcome, Store};

use crate::{PUSH_BATCH, Progress, PushAnswer, PushChange, Remote, Report, SyncError};

pub(crate) fn push_all(
    store: &mut Store,
    remote: &mut dyn Remote,
    report: &mut Report,
    progress: &mut dyn FnMut(Progress),
) -> Result<(), SyncError> {
    loop {
        let batch = store.pending_changes(PUSH_BATCH)?;
        if batch.is_empty() {
            return Ok(());
        }
        let request: Vec<PushChange> = batch.iter().map(to_push).collect();
        let answers = match remote.push(&request) {
            Ok(answers) if answers.len() == batch.len() => answers,
            Ok(answers) => {
                return Err(crate::RemoteError::Refused(format!(
                    "{} answers for {} changes",
                    answers.len(),
                    batch.len()
                ))
                .into());
            }
            Err(e) => {
                let unanswered: Vec<(Change, Outcome)> = batch.into_iter().map(|c| (c, Outcome::Unanswered)).collect();
                store.settle(&unanswered)?;
                return Err(e.into());
            }
        };
        let settled: Vec<(Change, Outcome)> = batch
            .into_iter()
            .zip(answers)
            .map(|(change, answer)| {
                let outcome = outcome(&answer);
                match &outcome {
                    Outcome::Applied => report.pushed += 1,
                    Outcome::Lost { fields } => report.conflicts += fields.len(),
                    Outcome::Refused { .. } => report.refused += 1,
                    Outcome::Unanswered => {}
                }
                (change, outcome)
            })
            .collect();
        store.settle(&settled)?;
        progress(Progress::Pushing { done: report.pushed + report.refused });
    }
}

fn to_push(change: &Change) -> PushChange {
    PushChange {
        change_id: change.change_id.clone(),
        table: change.table.clone(),
        op: change.op.as_str(),
        id: change.row_id.clone(),
        hlc: change.hlc.clone(),
        data: change.data.clone(),
    }
}

/// The server's statuses (supabase/migrations/*_sync.sql, `push_changes`).
fn outcome(answer: &PushAnswer) -> Outcome {
    match (answer.status.as_str(), answer.reason.as_deref()) {
        ("applied" | "duplicate", _) => Outcome::Applied,
        ("partial", _) | ("rejected", Some("stale")) => Outcome::Lost { fields: answer.lost.clone() },
        (_, reason) => Outcome::Refused {
            error: match (&answer.message, reason) {
                (Some(message), _) => message.clone(),
                (None, Some(reason)) => reason.to_owned(),
                (None, None) => format!("the server answered '{}'", answer.status),
            },
        },
    }
}
