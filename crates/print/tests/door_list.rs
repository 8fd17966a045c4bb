//! The door list read back: every row in the order given, "page x of y" on every page, a page
//! holding what `rows_per_page` says, the ticked boxes drawn, any script printed.
#![allow(clippy::unwrap_used)]

use eventos_print::door_list::rows_per_page;
use eventos_print::readback::{drawn_pages, fonts, page_sizes};
use eventos_print::{DoorListRow, Paper, Progress, door_list};

#[test]
fn every_row_in_order_with_page_x_of_y_on_every_page() {
    let dir = tempfile::tempdir().unwrap();
    let surnames = ["Abadi", "Ångström", "Brown", "Кузнецова", "Ní Bhriain", "Παπαδόπουλος", "Zhou"];
    let per = rows_per_page(Paper::Letter);
    let n = per * 2 + 3;
    let rows: Vec<DoorListRow> = (0..n)
        .map(|i| DoorListRow {
            name: format!("Guest{i:04} {}", surnames[i % surnames.len()]),
            ticket_number: format!("TKT-{i:08}-261207"),
            ticket_type: "General admission".into(),
            checked_in: i % 3 == 0,
        })
        .collect();
    let printed = door_list(
        "Toronto Tech Summit 2026",
        "Saturday 12 December 2026",
        "2026-12-07 15:50",
        &rows,
        Paper::Letter,
        &Progress::default(),
    )
    .unwrap();
    assert_eq!(printed.pages, 3);
    assert!(printed.missing.is_empty());
    let pdf = dir.path().join("door.pdf");
    std::fs::write(&pdf, &printed.bytes).unwrap();
    assert!(page_sizes(&pdf).unwrap().iter().all(|(w, h)| (*w, *h) == (612.0, 792.0)));
    assert!(fonts(&pdf).unwrap().iter().all(|f| f.embedded && f.subset));
    let pages = drawn_pages(&pdf).unwrap();
    assert_eq!(pages.len(), 3);
    let mut at = 0;
    for (p, text) in pages.iter().enumerate() {
        assert!(text.contains(&format!("Page {} of 3", p + 1)), "{text}");
        assert!(text.contains("Toronto Tech Summit 2026") && text.contains(&format!("{n} tickets")), "{text}");
        // This page's rows, in order.
        let mut from = 0;
        for row in &rows[at..(at + per).min(n)] {
            let found = text[from..].find(&row.ticket_number).map(|i| i + from);
            let found = found.unwrap_or_else(|| panic!("{} not after {from} on page {}", row.ticket_number, p + 1));
            assert!(text[..found].contains(&row.name), "{} before its number", row.name);
            from = found;
        }
        at += per;
    }
}

#[test]
fn no_tickets_gives_a_page_that_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let printed = door_list("Quiet Evening", "Tomorrow", "now", &[], Paper::A4, &Progress::default()).unwrap();
    assert_eq!(printed.pages, 1);
    let pdf = dir.path().join("none.pdf");
    std::fs::write(&pdf, &printed.bytes).unwrap();
    let text = &drawn_pages(&pdf).unwrap()[0];
    assert!(text.contains("No valid tickets") && text.contains("Page 1 of 1"), "{text}");
}
