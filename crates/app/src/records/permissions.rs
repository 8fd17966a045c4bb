//! Who may do what to which table, by the same rules as the server's row-level security
//! (`supabase/migrations/*_rls.sql`, its table at the top): the UI offers only what is allowed,
//! and the facade refuses the rest before the server would.
//!
//! Table by table here; the CRM's row-level rules for sales reps (their own companies, deals,
//! contacts, notes …) are in `own_rows.rs`. A door's own event is left to the server (the
//! replica of a door holds only its events) — a write it refuses comes back in the outbox with
//! its reason.

use serde::Serialize;
use ts_rs::TS;

/// The signed-in person's role in this workspace.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Also a workspace never connected to a project: it is its owner's.
    Owner,
    Admin,
    Manager,
    Member,
    Viewer,
    /// No account role: door staff of an event (seed 002's event team), working its door.
    Door,
}

impl Role {
    pub fn parse(role: &str) -> Option<Role> {
        Some(match role {
            "owner" => Role::Owner,
            "admin" => Role::Admin,
            "manager" => Role::Manager,
            "member" => Role::Member,
            "viewer" => Role::Viewer,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Read,
    Create,
    Update,
    Delete,
}

/// What a role may do to a table's rows, as the UI shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub struct Allowed {
    pub read: bool,
    pub create: bool,
    pub update: bool,
    pub delete: bool,
}

impl Allowed {
    pub fn of(role: Role, table: &str) -> Allowed {
        Allowed {
            read: allows(role, table, Action::Read),
            create: allows(role, table, Action::Create),
            update: allows(role, table, Action::Update),
            delete: allows(role, table, Action::Delete),
        }
    }
}

/// The account itself and who is in it.
fn account_side(table: &str) -> bool {
    matches!(table, "accounts" | "account_users" | "profiles")
}

/// The door's tables: its event, the attendees and tickets it checks, the check-ins it makes.
fn door_side(table: &str) -> bool {
    matches!(table, "events" | "attendees" | "tickets" | "event_checkins")
}

/// The account's set-up, which owners, admins and managers decide: the others read it.
fn setup_side(table: &str) -> bool {
    matches!(table, "social_media_platforms" | "meeting_types" | "notification_templates" | "analytics")
}

/// The account's system: owners and admins write it; these roles only read it.
fn system_readers(table: &str) -> Option<&'static [Role]> {
    match table {
        "integrations" => Some(&[Role::Manager]),
        "scheduled_jobs" => Some(&[Role::Manager, Role::Member]),
        _ => None,
    }
}

/// Secrets kept in a synced table for the app's own use, never shown or written as records: an
/// event's door key (the door exchange reads it; the server makes it).
pub fn is_secret(table: &str) -> bool {
    table == "event_door_keys"
}

pub fn allows(role: Role, table: &str, action: Action) -> bool {
    use Action::*;
    if is_secret(table) {
        return false;
    }
    let crm = table.starts_with("crm_") || table == "meeting_bookings";
    if let Some(readers) = system_readers(table) {
        return matches!(role, Role::Owner | Role::Admin) || (action == Read && readers.contains(&role));
    }
    match role {
        Role::Owner | Role::Admin => true,
        _ if account_side(table) => action == Read && role != Role::Door,
        // Queued messages hold people's addresses: not for viewers.
        Role::Viewer if table == "notification_queue" => false,
        // A team row lets someone outside the account in: owners, admins and managers only.
        Role::Manager => true,
        Role::Member if table == "event_teams" || setup_side(table) => action == Read,
        // Members sell and organize, but do not delete event-side rows; in the CRM they work
        // as sales reps (their own records: the server decides row by row).
        Role::Member => crm || action != Delete,
        Role::Viewer => action == Read && !crm,
        Role::Door => door_side(table) && (action == Read || (table == "event_checkins" && action == Create)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_matrix_follows_the_servers_rules() {
        use Action::*;
        for table in ["events", "orders", "crm_organizers", "accounts", "event_teams"] {
            for action in [Read, Create, Update, Delete] {
                assert!(allows(Role::Owner, table, action), "owner {table}");
            }
        }
        assert!(!allows(Role::Viewer, "events", Update));
        assert!(allows(Role::Viewer, "events", Read));
        assert!(!allows(Role::Viewer, "crm_organizers", Read), "viewers see no CRM");
        assert!(allows(Role::Member, "orders", Create) && !allows(Role::Member, "orders", Delete));
        assert!(!allows(Role::Member, "event_teams", Create) && allows(Role::Manager, "event_teams", Create));
        assert!(!allows(Role::Member, "meeting_types", Update) && allows(Role::Member, "meeting_types", Read));
        assert!(allows(Role::Manager, "social_media_platforms", Delete) && allows(Role::Viewer, "meeting_types", Read));
        assert!(allows(Role::Member, "event_risks", Create) && !allows(Role::Member, "event_risks", Delete));
        assert!(!allows(Role::Viewer, "meeting_bookings", Read) && allows(Role::Member, "meeting_bookings", Create));
        assert!(allows(Role::Manager, "integrations", Read) && !allows(Role::Manager, "integrations", Update));
        assert!(!allows(Role::Member, "integrations", Read) && allows(Role::Member, "scheduled_jobs", Read));
        assert!(
            !allows(Role::Viewer, "notification_queue", Read) && allows(Role::Member, "notification_queue", Create)
        );
        assert!(allows(Role::Viewer, "analytics", Read) && !allows(Role::Member, "analytics", Create));
        assert!(!allows(Role::Manager, "accounts", Update) && allows(Role::Manager, "accounts", Read));
        assert!(allows(Role::Door, "event_checkins", Create) && !allows(Role::Door, "event_checkins", Delete));
        assert!(!allows(Role::Door, "orders", Read) && !allows(Role::Door, "tickets", Update));
        assert!(!allows(Role::Door, "profiles", Read));
    }
}
