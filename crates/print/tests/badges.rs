//! Badge sheets read back: every layout's page size, the names in the text, each label's QR
//! decoded from its own part of the page rendered at 150 dpi, and the QR's place on the page
//! measured against the layout's geometry (to within 0.5 mm).
#![allow(clippy::unwrap_used)]

use eventos_print::badges::qr_area;
use eventos_print::readback::{drawn_text, fonts, page_sizes, pages_text, render};
use eventos_print::{Area, Badge, BadgeLayout, LAYOUTS, Progress, badges};
use eventos_scan::Gray;

const NAMES: [&str; 7] = [
    "Ana Lima",
    "Zoë Ångström-Müller",
    "Αλέξανδρος Παπαδόπουλος",
    "Анна Кузнецова",
    "Maximilian Alexander Oberhauser-Wittgenstein von Hohenberg",
    "Li Wei",
    "Siobhán Ní Bhriain",
];

fn people(n: usize) -> Vec<Badge> {
    (0..n)
        .map(|i| Badge {
            name: NAMES[i % NAMES.len()].into(),
            company: Some(format!("Company {i}")),
            role: Some(if i % 2 == 0 { "Speaker" } else { "General admission" }.into()),
            code: Some(format!("EVT1.badge-{i:03}")),
        })
        .collect()
}

/// The part of a page (rendered at `dpi`) inside `area` (millimetres), with a little room.
fn crop(page: &Gray, area: Area, dpi: f32) -> Gray {
    let px = |mm: f32| (mm / 25.4 * dpi).round() as i64;
    let (x0, y0) = (px(area.x - 1.0).max(0) as u32, px(area.y - 1.0).max(0) as u32);
    let x1 = (px(area.x + area.w + 1.0) as u32).min(page.width);
    let y1 = (px(area.y + area.h + 1.0) as u32).min(page.height);
    let mut pixels = Vec::with_capacity(((x1 - x0) * (y1 - y0)) as usize);
    for y in y0..y1 {
        let row = (y * page.width) as usize;
        pixels.extend_from_slice(&page.pixels[row + x0 as usize..row + x1 as usize]);
    }
    Gray { width: x1 - x0, height: y1 - y0, pixels }
}

/// The box of the dark pixels in `area` of the page, in millimetres from the page's corner.
fn dark_box(page: &Gray, area: Area, dpi: f32) -> (f32, f32, f32, f32) {
    let part = crop(page, area, dpi);
    let (mut left, mut top, mut right, mut bottom) = (u32::MAX, u32::MAX, 0, 0);
    for y in 0..part.height {
        for x in 0..part.width {
            if part.pixels[(y * part.width + x) as usize] < 128 {
                (left, top, right, bottom) = (left.min(x), top.min(y), right.max(x + 1), bottom.max(y + 1));
            }
        }
    }
    let mm = |px: u32| px as f32 / dpi * 25.4;
    let (ox, oy) = ((area.x - 1.0).max(0.0), (area.y - 1.0).max(0.0));
    (ox + mm(left), oy + mm(top), ox + mm(right), oy + mm(bottom))
}

#[test]
fn every_layout_puts_each_badge_where_its_geometry_says_and_each_code_reads_back() {
    let dir = tempfile::tempdir().unwrap();
    let decoder = eventos_scan::decoder(eventos_scan::DEFAULT_DECODER).unwrap();
    for layout in LAYOUTS {
        let list = people(layout.per_page() + 1);
        let printed = badges("Badges", "Toronto Tech Summit 2026", &list, layout, &Progress::default()).unwrap();
        let per = layout.per_page();
        assert_eq!(printed.pages, list.len().div_ceil(per), "{}", layout.name);
        assert!(printed.missing.is_empty());
        let pdf = dir.path().join(format!("{}.pdf", layout.name));
        std::fs::write(&pdf, &printed.bytes).unwrap();

        let (w, h) = layout.page;
        for (pw, ph) in page_sizes(&pdf).unwrap() {
            let (ew, eh) = (w / 25.4 * 72.0, h / 25.4 * 72.0);
            assert!((pw - ew).abs() < 0.5 && (ph - eh).abs() < 0.5, "{}: {pw} x {ph}", layout.name);
        }
        assert!(fonts(&pdf).unwrap().iter().all(|f| f.embedded && f.subset));
        // Each name, whole or as far as it fits (wrapped lines joined): spaces aside.
        let text: String = drawn_text(&pdf).unwrap().chars().filter(|c| !c.is_whitespace()).collect();
        for badge in &list {
            let start: String = badge.name.chars().filter(|c| !c.is_whitespace()).take(12).collect();
            assert!(text.contains(&start), "{}: {start:?} not in\n{text}", layout.name);
        }

        let shots = dir.path().join(layout.name);
        std::fs::create_dir_all(&shots).unwrap();
        let dpi = 150.0;
        let rendered = render(&pdf, dpi as u32, &shots).unwrap();
        for (i, badge) in list.iter().enumerate() {
            let page = eventos_scan::load(&rendered[i / per]).unwrap();
            let label = layout.label_area(i % per);
            let read = decoder.decode(&crop(&page, label, dpi));
            assert_eq!(read.as_deref(), badge.code.as_deref(), "{} badge {i}", layout.name);
            // The code's modules (its finder patterns mark their corners) start four modules in
            // from its square: measured on the page against the layout's geometry.
            let qr = qr_area(label);
            let n = qrcode::QrCode::with_error_correction_level(badge.code.as_deref().unwrap(), qrcode::EcLevel::M)
                .unwrap()
                .width() as f32;
            let module = qr.w / (n + 8.0);
            let want =
                (qr.x + 4.0 * module, qr.y + 4.0 * module, qr.x + qr.w - 4.0 * module, qr.y + qr.h - 4.0 * module);
            let got = dark_box(&page, qr, dpi);
            for (g, w) in [(got.0, want.0), (got.1, want.1), (got.2, want.2), (got.3, want.3)] {
                assert!((g - w).abs() <= 0.5, "{} badge {i}: {got:?} mm, the geometry says {want:?}", layout.name);
            }
        }
    }
}

#[test]
fn an_event_with_no_attendees_gives_one_page_that_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let layout = BadgeLayout::named("a4-3x8-70x36").unwrap();
    let printed = badges("Badges", "Quiet Evening", &[], layout, &Progress::default()).unwrap();
    assert_eq!(printed.pages, 1);
    let pdf = dir.path().join("none.pdf");
    std::fs::write(&pdf, &printed.bytes).unwrap();
    assert!(pages_text(&pdf).unwrap()[0].contains("No attendees to print badges for in Quiet Evening"));
}
