//! When to sync next — decisions only, no clock or thread of its own: the caller passes the
//! time (and, for jitter, a random fraction), so every rule here is tested without waiting.
//!
//! - on start and on request: at once;
//! - after a local edit: once edits have paused for `debounce` (a burst of edits is one sync);
//! - while online: every `interval`;
//! - offline (the server could not be reached): a cheap reachability probe every `probe`, and a
//!   sync at once when it answers — edits made meanwhile wait for that;
//! - after a failure the server reported: exponential backoff with jitter, capped at `max_backoff`;
//! - signed out: nothing until the user signs in again.

use std::time::{Duration, Instant};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timing {
    pub interval: Duration,
    pub debounce: Duration,
    pub probe: Duration,
    pub first_backoff: Duration,
    pub max_backoff: Duration,
}

impl Default for Timing {
    fn default() -> Self {
        Timing {
            interval: Duration::from_secs(30),
            debounce: Duration::from_millis(1500),
            probe: Duration::from_secs(2),
            first_backoff: Duration::from_secs(2),
            max_backoff: Duration::from_secs(300),
        }
    }
}

/// What the worker should do when it wakes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Next {
    /// Sync at this time.
    Sync(Instant),
    /// Check the server answers at all at this time (offline); sync if it does.
    Probe(Instant),
    /// Wait to be told (signed out, or stopped).
    Idle,
}

#[derive(Debug, Clone)]
pub struct Schedule {
    timing: Timing,
    /// The periodic (or backoff, or requested) sync time.
    due: Option<Instant>,
    /// A local edit's sync time, pushed back by each new edit.
    edit_due: Option<Instant>,
    /// When the latest local edit was made (a sync that started before it may have missed it).
    last_edit: Option<Instant>,
    failures: u32,
    offline: bool,
    signed_out: bool,
}

impl Schedule {
    /// A new schedule syncs at once.
    pub fn new(timing: Timing, now: Instant) -> Schedule {
        Schedule {
            timing,
            due: Some(now),
            edit_due: None,
            last_edit: None,
            failures: 0,
            offline: false,
            signed_out: false,
        }
    }

    pub fn next(&self) -> Next {
        if self.signed_out {
            return Next::Idle;
        }
        let sync = match (self.due, self.edit_due) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        match sync {
            Some(at) if self.offline => Next::Probe(at),
            Some(at) => Next::Sync(at),
            None => Next::Idle,
        }
    }

    /// The user asked for a sync (or signed in, or the network came back).
    pub fn sync_now(&mut self, now: Instant) {
        self.signed_out = false;
        self.due = Some(now);
    }

    /// A local edit was made.
    pub fn edited(&mut self, now: Instant) {
        self.last_edit = Some(now);
        if !self.offline {
            self.edit_due = Some(now + self.timing.debounce);
        }
    }

    /// The sync that started at `started` worked. An edit made while it ran may have missed
    /// its push: that edit's sync stays due.
    pub fn succeeded(&mut self, started: Instant, now: Instant) {
        self.failures = 0;
        self.offline = false;
        if self.last_edit.is_none_or(|edit| edit < started) {
            self.edit_due = None;
        }
        self.due = Some(now + self.timing.interval);
    }

    /// The server could not be reached: probe until it can.
    pub fn unreachable(&mut self, now: Instant) {
        self.offline = true;
        self.edit_due = None;
        self.due = Some(now + self.timing.probe);
    }

    /// The probe reached the server: sync at once.
    pub fn reachable(&mut self, now: Instant) {
        self.offline = false;
        self.due = Some(now);
    }

    /// The server answered with an error: back off. `jitter` is a random fraction in [0, 1):
    /// the wait is between half and all of `first_backoff · 2^(failures-1)`, so devices that
    /// failed together do not retry together.
    pub fn failed(&mut self, now: Instant, jitter: f64) {
        self.failures = self.failures.saturating_add(1);
        self.offline = false;
        self.edit_due = None;
        self.due = Some(now + self.backoff(jitter));
    }

    /// The session ended: nothing more until [`Schedule::sync_now`] (after signing in).
    pub fn signed_out(&mut self) {
        self.signed_out = true;
        self.edit_due = None;
        self.due = None;
    }

    pub fn is_offline(&self) -> bool {
        self.offline
    }

    fn backoff(&self, jitter: f64) -> Duration {
        let exponent = self.failures.saturating_sub(1).min(20);
        let ceiling = self.timing.first_backoff.saturating_mul(1 << exponent).min(self.timing.max_backoff);
        ceiling.mul_f64(0.5 + 0.5 * jitter.clamp(0.0, 1.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn timing() -> Timing {
        Timing::default()
    }

    fn at(next: Next) -> Instant {
        match next {
            Next::Sync(t) | Next::Probe(t) => t,
            Next::Idle => panic!("idle"),
        }
    }

    #[test]
    fn it_syncs_at_once_on_start_then_every_interval() {
        let t0 = Instant::now();
        let mut s = Schedule::new(timing(), t0);
        assert_eq!(s.next(), Next::Sync(t0));
        s.succeeded(t0, t0);
        assert_eq!(s.next(), Next::Sync(t0 + timing().interval));
    }

    #[test]
    fn a_burst_of_edits_is_one_sync_after_the_last() {
        let t0 = Instant::now();
        let mut s = Schedule::new(timing(), t0);
        s.succeeded(t0, t0);
        s.edited(t0 + Duration::from_secs(1));
        s.edited(t0 + Duration::from_secs(2));
        assert_eq!(s.next(), Next::Sync(t0 + Duration::from_secs(2) + timing().debounce));
        s.succeeded(t0 + Duration::from_secs(4), t0 + Duration::from_secs(4));
        assert_eq!(s.next(), Next::Sync(t0 + Duration::from_secs(4) + timing().interval));
    }

    #[test]
    fn an_edit_made_while_a_sync_ran_keeps_its_own_sync() {
        let t0 = Instant::now();
        let mut s = Schedule::new(timing(), t0);
        // The sync started at t0 (its push read the outbox then); the edit came during its pull.
        s.edited(t0 + Duration::from_secs(1));
        s.succeeded(t0, t0 + Duration::from_secs(2));
        assert_eq!(s.next(), Next::Sync(t0 + Duration::from_secs(1) + timing().debounce));
        // The sync after it covered the edit.
        s.succeeded(t0 + Duration::from_secs(3), t0 + Duration::from_secs(4));
        assert_eq!(s.next(), Next::Sync(t0 + Duration::from_secs(4) + timing().interval));
    }

    #[test]
    fn offline_it_probes_and_syncs_at_once_when_the_server_answers() {
        let t0 = Instant::now();
        let mut s = Schedule::new(timing(), t0);
        s.unreachable(t0);
        assert_eq!(s.next(), Next::Probe(t0 + timing().probe));
        // An edit offline does not bring a doomed sync forward.
        s.edited(t0 + Duration::from_millis(100));
        assert_eq!(s.next(), Next::Probe(t0 + timing().probe));
        s.reachable(t0 + timing().probe);
        assert_eq!(s.next(), Next::Sync(t0 + timing().probe));
        assert!(!s.is_offline());
    }

    #[test]
    fn failures_back_off_exponentially_with_jitter_up_to_a_cap() {
        let t0 = Instant::now();
        let mut s = Schedule::new(timing(), t0);
        let mut waits = Vec::new();
        for _ in 0..12 {
            s.failed(t0, 1.0);
            waits.push(at(s.next()) - t0);
        }
        assert_eq!(waits[0], Duration::from_secs(2));
        assert_eq!(waits[1], Duration::from_secs(4));
        assert_eq!(waits[2], Duration::from_secs(8));
        assert_eq!(*waits.last().unwrap(), timing().max_backoff);
        // Jitter: the least random draw waits half the ceiling, never less.
        s.failed(t0, 0.0);
        assert_eq!(at(s.next()) - t0, timing().max_backoff / 2);
        // A success resets the count.
        s.succeeded(t0, t0);
        s.failed(t0, 1.0);
        assert_eq!(at(s.next()) - t0, Duration::from_secs(2));
    }

    #[test]
    fn signed_out_it_waits_for_a_sign_in() {
        let t0 = Instant::now();
        let mut s = Schedule::new(timing(), t0);
        s.signed_out();
        s.edited(t0);
        assert_eq!(s.next(), Next::Idle);
        s.sync_now(t0);
        assert_eq!(s.next(), Next::Sync(t0));
    }
}
