//! Writes a sample ticket on each paper, badges on each layout and a door list into a folder, to look at (`pdftoppm -png` renders
//! them): `cargo run -p eventos-print --example samples -- /tmp/tickets`.

use eventos_print::{Badge, DoorListRow, LAYOUTS, Paper, Progress, TicketPage, badges, door_list, tickets};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::args().nth(1).unwrap_or_else(|| "sample-tickets".into());
    std::fs::create_dir_all(&dir)?;
    let ticket = TicketPage {
        event_name: "Toronto Tech Summit 2026".into(),
        when: "Saturday 12 December 2026, 19:00 – 23:00 (America/Toronto)".into(),
        venue: Some("Metro Toronto Convention Centre".into()),
        address: Some("255 Front St W, Toronto M5V 2W6".into()),
        holder: Some("Αλέξανδρος Παπαδόπουλος".into()),
        ticket_type: "General admission".into(),
        price: "CA$45.00".into(),
        ticket_number: "TKT-B1111111-251013".into(),
        order_number: Some("ORD-20251013-01111111".into()),
        code: Some("EVT1.a-sample-code-that-no-door-admits".into()),
        not_valid: None,
    };
    for paper in Paper::ALL {
        let printed = tickets("Sample ticket", std::slice::from_ref(&ticket), paper, &Progress::default())?;
        std::fs::write(format!("{dir}/ticket-{}.pdf", paper.name()), &printed.bytes)?;
    }
    let names = [
        "Ana Lima",
        "Zoë Ångström-Müller",
        "Αλέξανδρος Παπαδόπουλος",
        "Анна Кузнецова",
        "Maximilian Alexander Oberhauser-Wittgenstein",
        "Li Wei",
        "Siobhán Ní Bhriain",
        "Sam Lee",
    ];
    let people: Vec<Badge> = names
        .iter()
        .enumerate()
        .map(|(i, name)| Badge {
            name: (*name).into(),
            company: Some(["Northwind Traders", "Maple Leaf Analytics", "CN Tower Tourism Board"][i % 3].into()),
            role: Some(if i % 3 == 0 { "Speaker" } else { "General admission" }.into()),
            code: Some(format!("EVT1.a-sample-badge-{i}")),
        })
        .collect();
    for layout in LAYOUTS {
        let printed = badges("Sample badges", "Toronto Tech Summit 2026", &people, layout, &Progress::default())?;
        std::fs::write(format!("{dir}/badges-{}.pdf", layout.name), &printed.bytes)?;
    }
    let rows: Vec<DoorListRow> = people
        .iter()
        .cycle()
        .take(60)
        .enumerate()
        .map(|(i, b)| DoorListRow {
            name: b.name.clone(),
            ticket_number: format!("TKT-{:08X}-261207", 0x5D4F_4B2A_u32.wrapping_mul(i as u32 + 1)),
            ticket_type: "General admission".into(),
            checked_in: i % 3 == 0,
        })
        .collect();
    let list = door_list(
        "Toronto Tech Summit 2026",
        &ticket.when,
        "2026-12-07 15:50",
        &rows,
        Paper::A4,
        &Progress::default(),
    )?;
    std::fs::write(format!("{dir}/door-list.pdf"), &list.bytes)?;
    println!("wrote {dir}/ticket-{{a4,letter,wallet}}.pdf, {dir}/badges-*.pdf and {dir}/door-list.pdf");
    Ok(())
}
