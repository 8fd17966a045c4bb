//! 1,000 name badges (bar: ≤ 3 s and ≤ 5 MB) on a label sheet and one per page, with codes as
//! long as signed tickets' (150 characters) and names in several scripts; the door list of
//! 100,000 tickets (bar: ≤ 20 s), its size and this process's peak memory.
//!
//! `cargo bench -p eventos-print --bench paper`.
#![allow(clippy::unwrap_used)]

use std::time::Instant;

use eventos_print::{Badge, BadgeLayout, DoorListRow, Paper, Progress, badges, door_list};

fn main() {
    let names = ["Ana Lima", "Zoë Ångström-Müller", "Αλέξανδρος Παπαδόπουλος", "Анна Кузнецова", "Siobhán Ní Bhriain"];
    let people: Vec<Badge> = (0..1000)
        .map(|i| Badge {
            name: format!("{} {i}", names[i % names.len()]),
            company: Some(format!("Company {}", i % 37)),
            role: Some("General admission".into()),
            code: Some(format!("EVT1.{i:06}.{}", "x".repeat(140))),
        })
        .collect();
    for layout in ["a4-2x5-90x54", "a4-3x8-70x36", "thermal-4x3in"] {
        let layout = BadgeLayout::named(layout).unwrap();
        let mut runs = Vec::new();
        let mut size = 0;
        for _ in 0..3 {
            let started = Instant::now();
            let printed = badges("Badges", "Toronto Tech Summit 2026", &people, layout, &Progress::default()).unwrap();
            runs.push(started.elapsed().as_secs_f64());
            size = printed.bytes.len();
        }
        runs.sort_by(f64::total_cmp);
        println!("1,000 badges, {:<16} median {:.2} s (of 3), {:.2} MB", layout.name, runs[1], size as f64 / 1e6);
    }
    let rows: Vec<DoorListRow> = (0..100_000)
        .map(|i| DoorListRow {
            name: format!("{} {i}", names[i % names.len()]),
            ticket_number: format!("TKT-{i:08X}-261207"),
            ticket_type: "General admission".into(),
            checked_in: i % 4 == 0,
        })
        .collect();
    let started = Instant::now();
    let printed = door_list(
        "Toronto Tech Summit 2026",
        "Saturday 12 December 2026",
        "now",
        &rows,
        Paper::A4,
        &Progress::default(),
    )
    .unwrap();
    println!(
        "door list of 100,000 tickets, A4: {:.1} s, {} pages, {:.1} MB; peak memory {}",
        started.elapsed().as_secs_f64(),
        printed.pages,
        printed.bytes.len() as f64 / 1e6,
        peak_memory()
    );
}

/// This process's peak resident memory, as Linux counts it.
fn peak_memory() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM"))
                .map(|l| l.split_whitespace().skip(1).collect::<Vec<_>>().join(" "))
        })
        .unwrap_or_else(|| "unknown".into())
}
