//! Ticket PDFs read back with independent tools: poppler's text, fonts and page sizes, and each
//! page rendered at 150 dpi and its QR decoded with the door's own decoder.
#![allow(clippy::unwrap_used)]

use std::path::Path;

use eventos_print::readback::{drawn_pages, fonts, page_sizes, pages_text, render};
use eventos_print::{Paper, Progress, REPLACEMENT, TicketPage, tickets};

fn ticket(n: usize, holder: &str) -> TicketPage {
    TicketPage {
        event_name: "Toronto Tech Summit 2026".into(),
        when: "Saturday 12 December 2026, 19:00 – 23:00 (America/Toronto)".into(),
        venue: Some("Metro Toronto Convention Centre".into()),
        address: Some("255 Front St W, Toronto M5V 2W6".into()),
        holder: Some(holder.into()),
        ticket_type: "General admission".into(),
        price: "CA$45.00".into(),
        ticket_number: format!("TKT-B111111{n}-251013"),
        order_number: Some("ORD-20251013-01111111".into()),
        code: Some(format!("EVT1.signed-payload-of-ticket-{n}.xyz")),
        not_valid: None,
    }
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn decode(png: &Path) -> Option<String> {
    let decoder = eventos_scan::decoder(eventos_scan::DEFAULT_DECODER).unwrap();
    decoder.decode(&eventos_scan::load(png).unwrap())
}

#[test]
fn each_ticket_is_a_page_with_its_words_and_a_qr_that_decodes_to_its_code() {
    let dir = tempfile::tempdir().unwrap();
    let holders = ["Zoë Ångström-Müller", "Αλέξανδρος Παπαδόπουλος", "Анна Кузнецова"];
    let list: Vec<TicketPage> = holders.iter().enumerate().map(|(i, h)| ticket(i, h)).collect();
    for paper in Paper::ALL {
        let printed = tickets("Tickets", &list, paper, &Progress::default()).unwrap();
        assert_eq!(printed.pages, 3);
        assert!(printed.missing.is_empty(), "{:?}", printed.missing);
        let pdf = write(dir.path(), &format!("{}.pdf", paper.name()), &printed.bytes);

        let (w, h) = paper.size();
        let expected = (w / 25.4 * 72.0, h / 25.4 * 72.0);
        for (pw, ph) in page_sizes(&pdf).unwrap() {
            assert!((pw - expected.0).abs() < 0.5 && (ph - expected.1).abs() < 0.5, "{paper:?}: {pw} x {ph}");
        }
        let used = fonts(&pdf).unwrap();
        assert!(!used.is_empty() && used.iter().all(|f| f.embedded && f.subset), "{used:?}");

        let pages = drawn_pages(&pdf).unwrap();
        assert_eq!(pages.len(), 3);
        for (page, t) in pages.iter().zip(&list) {
            for words in [t.holder.as_deref().unwrap(), &t.ticket_number, "ORD-20251013-01111111", "CA$45.00"] {
                assert!(page.contains(words), "{paper:?}: {words:?} not in\n{page}");
            }
            assert!(page.contains("Toronto Tech Summit 2026"), "{page}");
        }

        let shots = tempfile::tempdir().unwrap();
        let rendered = render(&pdf, 150, shots.path()).unwrap();
        assert_eq!(rendered.len(), 3);
        for (png, t) in rendered.iter().zip(&list) {
            assert_eq!(decode(png).as_deref(), t.code.as_deref(), "{paper:?} {}", t.ticket_number);
        }
    }
}

#[test]
fn a_ticket_that_is_not_valid_has_no_code_and_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let mut refunded = ticket(1, "Sam Lee");
    refunded.code = None;
    refunded.not_valid = Some("Refunded".into());
    let pdf =
        write(dir.path(), "void.pdf", &tickets("Void", &[refunded], Paper::A4, &Progress::default()).unwrap().bytes);
    let text = &pages_text(&pdf).unwrap()[0];
    assert!(text.contains("NOT VALID") && text.contains("Refunded"), "{text}");
    let shots = tempfile::tempdir().unwrap();
    assert_eq!(decode(&render(&pdf, 150, shots.path()).unwrap()[0]), None);
}

#[test]
fn a_character_the_font_lacks_is_shown_replaced_and_reported_and_long_text_is_cut() {
    let dir = tempfile::tempdir().unwrap();
    let mut t = ticket(1, "山田 太郎 Yamada");
    t.event_name = "The Annual General Meeting of the Greater Toronto Association of Event Professionals \
                    and Friends, with Workshops, Keynotes, Panels and an Evening Reception"
        .into();
    let printed = tickets("Odd", &[t], Paper::Wallet, &Progress::default()).unwrap();
    assert_eq!(printed.missing, ['太', '山', '田', '郎']);
    let pdf = write(dir.path(), "odd.pdf", &printed.bytes);
    let text = &pages_text(&pdf).unwrap()[0];
    assert!(text.contains(&format!("{REPLACEMENT}{REPLACEMENT} {REPLACEMENT}{REPLACEMENT} Yamada")), "{text}");
    assert!(text.contains('…'), "the long name is cut with an ellipsis:\n{text}");
    assert!(text.contains("The Annual General"), "{text}");
}

#[test]
fn no_tickets_gives_one_page_that_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let printed = tickets("None", &[], Paper::Letter, &Progress::default()).unwrap();
    assert_eq!(printed.pages, 1);
    let pdf = write(dir.path(), "none.pdf", &printed.bytes);
    assert!(pages_text(&pdf).unwrap()[0].contains("No tickets to print"));
}
