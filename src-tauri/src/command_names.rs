// The commands the shell registers; build.rs turns each into a permission (`allow-<name>`)
// that capabilities/default.json grants. Kept equal to eventos_app::ipc::commands() by a test.
const COMMAND_NAMES: &[&str] = &[
    "status",
    "open_demo",
    "start_empty",
    "move_aside_and_start_fresh",
    "dashboard",
    "events",
    "event",
    "companies",
    "update_event",
    "sync_status",
    "connect",
    "sign_out",
    "sync_now",
    "outbox",
    "retry_change",
    "discard_change",
    "conflicts",
    "undo_conflict",
    "scope_choices",
    "set_scopes",
];
