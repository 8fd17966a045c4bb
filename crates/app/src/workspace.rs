//! Where the replica lives, and its life: a first run offers the demo or an empty workspace; a
//! damaged file is reported (never a crash) and can be moved aside to start fresh.

use std::path::{Path, PathBuf};

use eventos_store::{DB_FILE_NAME, Store};
use serde::Serialize;
use time::{Date, OffsetDateTime};
use ts_rs::TS;

use crate::sync::SessionStore;
use crate::{AppError, ErrorCode, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum WorkspaceState {
    /// No replica yet: offer "Open the demo workspace" or "Start empty".
    FirstRun,
    Ready,
    /// The replica cannot be opened: `problem` says why; offer to move it aside.
    Broken,
}

/// What the shell shows before anything else.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Status {
    pub state: WorkspaceState,
    pub data_dir: String,
    pub problem: Option<AppError>,
    /// Where the replica was moved: a broken one, or the one put aside on connecting.
    pub moved_to: Option<String>,
}

enum Workspace {
    FirstRun,
    Ready(Store),
    Broken(AppError),
}

/// The application: one data folder and the workspace in it.
pub struct App {
    pub(crate) data_dir: PathBuf,
    workspace: Workspace,
    moved_to: Option<PathBuf>,
    /// The background sync of a connected workspace.
    pub(crate) sync: Option<crate::sync::Worker>,
    pub(crate) session_store: SessionStore,
    /// The door's camera, while the Check-in screen scans.
    pub(crate) camera: Option<crate::door::DoorCamera>,
    /// The door exchange with the event's other doors, while a door is open.
    pub(crate) exchange: Option<crate::door::Exchange>,
    /// WAL checkpoints off the facade's thread, while a workspace is open.
    checkpoints: Option<crate::checkpoints::Checkpoints>,
    /// The read connection of the [`crate::Reads`] handed out, closed when the workspace changes.
    reads: std::sync::Arc<crate::reads::ReadSlot>,
    /// Done or Snooze chosen on reminders' desktop notifications, waiting to be done.
    pub(crate) answers: crate::notify::Answers,
    /// How far the PDF being made has got.
    pub(crate) pdf_progress: eventos_print::Progress,
}

impl App {
    /// Opens the data folder: a replica there is opened (and upgraded); none means a first run;
    /// one that cannot be opened is kept as it is and reported.
    pub fn open(data_dir: impl Into<PathBuf>) -> App {
        App::open_with(data_dir, SessionStore::from_env())
    }

    /// [`App::open`], keeping sessions where `session_store` says (tests choose the file).
    pub fn open_with(data_dir: impl Into<PathBuf>, session_store: SessionStore) -> App {
        let data_dir = data_dir.into();
        let db = data_dir.join(DB_FILE_NAME);
        let workspace = if db.exists() {
            match Store::open(&db) {
                Ok(store) => Workspace::Ready(store),
                Err(e) => Workspace::Broken(e.into()),
            }
        } else {
            Workspace::FirstRun
        };
        let mut app = App {
            data_dir,
            workspace: Workspace::FirstRun,
            moved_to: None,
            sync: None,
            session_store,
            camera: None,
            exchange: None,
            checkpoints: None,
            reads: std::sync::Arc::default(),
            answers: crate::notify::Answers::default(),
            pdf_progress: eventos_print::Progress::default(),
        };
        app.set_workspace(workspace);
        app.resume_sync();
        app
    }

    pub fn status(&self) -> Status {
        let (state, problem) = match &self.workspace {
            Workspace::FirstRun => (WorkspaceState::FirstRun, None),
            Workspace::Ready(_) => (WorkspaceState::Ready, None),
            Workspace::Broken(e) => (WorkspaceState::Broken, Some(e.clone())),
        };
        Status {
            state,
            data_dir: self.data_dir.display().to_string(),
            problem,
            moved_to: self.moved_to.as_ref().map(|p| p.display().to_string()),
        }
    }

    /// First run: creates the replica with the demo workspace (seed 1), its "today" being the
    /// user's local day (the UI's offset from UTC, in minutes).
    pub fn open_demo(&mut self, utc_offset_minutes: i32) -> Result<Status> {
        let offset = crate::dashboard::utc_offset(utc_offset_minutes)?;
        self.open_demo_on(OffsetDateTime::now_utc().to_offset(offset).date())
    }

    /// [`App::open_demo`] with the demo's "today" given (tests, screenshots).
    pub fn open_demo_on(&mut self, today: Date) -> Result<Status> {
        let mut store = self.create()?;
        let options = eventos_demo::DemoOptions { today, ..eventos_demo::DemoOptions::default() };
        if let Err(e) = eventos_demo::generate(&mut store, &options) {
            // Nothing was written (one transaction); leave no half-made file behind either.
            drop(store);
            remove_db_files(&self.db_path());
            return Err(e.into());
        }
        self.set_workspace(Workspace::Ready(store));
        // The demo stands for an organizer's computer: its events sign their tickets here.
        self.ensure_ticket_keys()?;
        Ok(self.status())
    }

    /// First run: creates an empty replica.
    pub fn start_empty(&mut self) -> Result<Status> {
        let store = self.create()?;
        self.set_workspace(Workspace::Ready(store));
        Ok(self.status())
    }

    /// A broken replica is renamed `eventos.db.broken-<UTC time>` (with its WAL files), never
    /// deleted, and the app returns to its first run.
    pub fn move_aside_and_start_fresh(&mut self) -> Result<Status> {
        if !matches!(self.workspace, Workspace::Broken(_)) {
            return Err(AppError::new(
                ErrorCode::WorkspaceExists,
                "the workspace is not broken; nothing to move aside",
            ));
        }
        self.move_db_aside("broken")?;
        self.set_workspace(Workspace::FirstRun);
        Ok(self.status())
    }

    /// Puts whatever workspace is open aside (never deleted) and starts an empty one in its
    /// place: connecting a demo or another project's workspace does this.
    pub(crate) fn replace_workspace(&mut self, why: &str) -> Result<()> {
        match &self.workspace {
            Workspace::Broken(e) => return Err(e.clone()),
            Workspace::Ready(_) => {
                self.sync = None;
                self.camera = None;
                self.exchange = None;
                // Close the file before moving it.
                self.set_workspace(Workspace::FirstRun);
                self.move_db_aside(why)?;
            }
            Workspace::FirstRun => {}
        }
        let store = self.create()?;
        self.set_workspace(Workspace::Ready(store));
        Ok(())
    }

    /// Renames the replica `eventos.db.<why>-<UTC time>` (with its WAL files) and notes where.
    fn move_db_aside(&mut self, why: &str) -> Result<()> {
        let db = self.db_path();
        let stamp = OffsetDateTime::now_utc().unix_timestamp();
        // A name no earlier move took (two moves within one second get -2, -3, …).
        let target = (1..)
            .map(|n| match n {
                1 => self.data_dir.join(format!("{DB_FILE_NAME}.{why}-{stamp}")),
                n => self.data_dir.join(format!("{DB_FILE_NAME}.{why}-{stamp}-{n}")),
            })
            .find(|candidate| !candidate.exists())
            .expect("some name is free");
        for suffix in ["", "-wal", "-shm"] {
            let from = PathBuf::from(format!("{}{suffix}", db.display()));
            if from.exists() {
                let to = PathBuf::from(format!("{}{suffix}", target.display()));
                std::fs::rename(&from, &to)
                    .map_err(|e| AppError::new(ErrorCode::Io, format!("cannot move {} aside: {e}", from.display())))?;
            }
        }
        self.moved_to = Some(target);
        Ok(())
    }

    /// A use case failed: if the replica turned out damaged while in use, the workspace is
    /// broken from now on, so the UI offers to move it aside (as when damage is found on open).
    pub fn note_failure(&mut self, error: &AppError) {
        if error.code == ErrorCode::CorruptDatabase && matches!(self.workspace, Workspace::Ready(_)) {
            self.set_workspace(Workspace::Broken(error.clone()));
        }
    }

    /// The record layer's reads on a connection of their own, following this App's workspace.
    pub fn reads(&self) -> crate::Reads {
        crate::Reads::new(&self.data_dir, std::sync::Arc::clone(&self.reads))
    }

    /// A ready workspace checkpoints on its own thread (see [`crate::checkpoints`]).
    fn set_workspace(&mut self, workspace: Workspace) {
        self.reads.workspace_changed(matches!(workspace, Workspace::Ready(_)));
        self.checkpoints = None;
        if let Workspace::Ready(store) = &workspace
            && store.checkpoint_elsewhere().is_ok()
        {
            self.checkpoints = Some(crate::checkpoints::Checkpoints::start(self.db_path()));
        }
        self.workspace = workspace;
    }

    /// The open replica, or why there is none.
    pub(crate) fn store(&self) -> Result<&Store> {
        match &self.workspace {
            Workspace::Ready(store) => Ok(store),
            Workspace::FirstRun => Err(AppError::new(ErrorCode::NoWorkspace, "no workspace is open yet")),
            Workspace::Broken(e) => Err(e.clone()),
        }
    }

    pub(crate) fn store_mut(&mut self) -> Result<&mut Store> {
        match &mut self.workspace {
            Workspace::Ready(store) => Ok(store),
            Workspace::FirstRun => Err(AppError::new(ErrorCode::NoWorkspace, "no workspace is open yet")),
            Workspace::Broken(e) => Err(e.clone()),
        }
    }

    /// The replica file in the data folder.
    pub(crate) fn db_path(&self) -> PathBuf {
        self.data_dir.join(DB_FILE_NAME)
    }

    fn create(&self) -> Result<Store> {
        if !matches!(self.workspace, Workspace::FirstRun) {
            return Err(AppError::new(ErrorCode::WorkspaceExists, "a workspace is already open"));
        }
        Ok(Store::open(&self.db_path())?)
    }
}

fn remove_db_files(db: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
    }
}
