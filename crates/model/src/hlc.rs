//! Hybrid logical clocks: the order of edits across devices and the server.
//!
//! A clock is text, `MMMMMMMMMMMMM-CCCCC-node`: milliseconds since 1970 (13 digits), a counter
//! (5 digits) and the node that made it (a device id, or `server`). Fixed widths make text
//! order (byte order; the server compares in the "C" collation) the clocks' order. A clock
//! never goes backwards: it follows the wall clock when that moves on, and otherwise counts.

use std::fmt;

const COUNTER_LIMIT: u32 = 99_999;

/// One point in hybrid-logical time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Timestamp {
    pub ms: u64,
    pub counter: u32,
}

impl Timestamp {
    /// Reads the time part of a clock's text (its node is ignored), if it is one.
    pub fn parse(text: &str) -> Option<Timestamp> {
        let bytes = text.as_bytes();
        let digits = |range: std::ops::Range<usize>| {
            let part = text.get(range)?;
            part.bytes().all(|b| b.is_ascii_digit()).then(|| part.parse::<u64>().ok()).flatten()
        };
        if bytes.len() < 21 || bytes[13] != b'-' || bytes[19] != b'-' {
            return None;
        }
        Some(Timestamp { ms: digits(0..13)?, counter: u32::try_from(digits(14..19)?).ok()? })
    }
}

/// A device's clock: the last timestamp it gave out, and its node name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clock {
    last: Timestamp,
    node: String,
}

impl Clock {
    /// `last` is what the clock gave out before (stored by the caller between runs).
    pub fn new(node: impl Into<String>, last: Timestamp) -> Clock {
        Clock { last, node: node.into() }
    }

    pub fn last(&self) -> Timestamp {
        self.last
    }

    /// The next clock, later than every clock this one gave out or saw.
    pub fn tick(&mut self, now_ms: u64) -> Stamp<'_> {
        self.last = if now_ms > self.last.ms {
            Timestamp { ms: now_ms, counter: 0 }
        } else if self.last.counter < COUNTER_LIMIT {
            Timestamp { ms: self.last.ms, counter: self.last.counter + 1 }
        } else {
            Timestamp { ms: self.last.ms + 1, counter: 0 }
        };
        Stamp { at: self.last, node: &self.node }
    }

    /// Moves past a clock seen elsewhere (a pulled row's), so this device's next edit orders
    /// after it even if its wall clock is behind.
    pub fn observe(&mut self, seen: &str) {
        if let Some(seen) = Timestamp::parse(seen) {
            self.last = self.last.max(seen);
        }
    }
}

/// A clock value with its node, displayed as the clock's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp<'n> {
    pub at: Timestamp,
    pub node: &'n str,
}

impl fmt::Display for Stamp<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:013}-{:05}-{}", self.at.ms, self.at.counter, self.node)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_order_is_clock_order_and_the_server_format() {
        let mut clock = Clock::new("laptop-a", Timestamp { ms: 0, counter: 0 });
        let first = clock.tick(1_795_300_000_000).to_string();
        assert_eq!(first, "1795300000000-00000-laptop-a");
        let same_ms = clock.tick(1_795_300_000_000).to_string();
        let wall_clock_back = clock.tick(1_795_299_999_000).to_string();
        assert_eq!(same_ms, "1795300000000-00001-laptop-a");
        assert_eq!(wall_clock_back, "1795300000000-00002-laptop-a");
        assert!(first < same_ms && same_ms < wall_clock_back);
        let later = clock.tick(1_795_300_000_001).to_string();
        assert_eq!(later, "1795300000001-00000-laptop-a");
    }

    #[test]
    fn a_seen_clock_pulls_this_one_forward() {
        let mut clock = Clock::new("laptop-a", Timestamp { ms: 1_000, counter: 0 });
        clock.observe("1795300000005-00007-server");
        assert_eq!(clock.tick(2_000).to_string(), "1795300000005-00008-laptop-a");
        clock.observe("not a clock");
        clock.observe("0000000000001-00000-old");
        assert_eq!(clock.last(), Timestamp { ms: 1_795_300_000_005, counter: 8 });
    }

    #[test]
    fn the_counter_rolls_into_the_next_millisecond() {
        let mut clock = Clock::new("n", Timestamp { ms: 10, counter: COUNTER_LIMIT });
        assert_eq!(clock.tick(5).to_string(), "0000000000011-00000-n");
    }

    #[test]
    fn parse_reads_only_well_formed_clocks() {
        assert_eq!(
            Timestamp::parse("1795300000005-00007-server"),
            Some(Timestamp { ms: 1_795_300_000_005, counter: 7 })
        );
        assert_eq!(Timestamp::parse("1795300000005-0007-server"), None);
        assert_eq!(Timestamp::parse("179530000000x-00007-server"), None);
        assert_eq!(Timestamp::parse(""), None);
    }
}
