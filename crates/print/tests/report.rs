//! A report read back: its blocks flow onto pages with "page x of y", a long table repeats its
//! columns' names on the next page, and every row is there in order.
#![allow(clippy::unwrap_used)]

use eventos_print::readback::{drawn_pages, fonts};
use eventos_print::{Block, Paper, Progress, report};

#[test]
fn a_long_table_flows_onto_pages_that_repeat_its_heads() {
    let dir = tempfile::tempdir().unwrap();
    let rows: Vec<Vec<String>> =
        (0..90).map(|i| vec![format!("Row {i:03} Ελληνικά Кириллица"), i.to_string(), format!("${i}.00")]).collect();
    let blocks = vec![
        Block::Figures(vec![("Rows".into(), "90".into()), ("Sum".into(), "$4,005.00".into())]),
        Block::Heading("Every row".into()),
        Block::Table {
            columns: vec!["Name".into(), "Number".into(), "Money".into()],
            rows: rows.clone(),
            total: false,
        },
        Block::Bars {
            labels: vec!["Mon".into(), "Tue".into()],
            series: vec![("Sold".into(), vec![3.0, 5.0])],
            note: "Most: 5".into(),
        },
    ];
    let printed = report("A long report", "made in a test", &blocks, Paper::A4, &Progress::default()).unwrap();
    assert!(printed.pages >= 3 && printed.missing.is_empty());
    let pdf = dir.path().join("report.pdf");
    std::fs::write(&pdf, &printed.bytes).unwrap();
    let pages = drawn_pages(&pdf).unwrap();
    assert_eq!(pages.len(), printed.pages);
    assert!(fonts(&pdf).unwrap().iter().all(|f| f.embedded && f.subset));
    let mut next = 0;
    for (i, page) in pages.iter().enumerate() {
        assert!(page.contains(&format!("Page {} of {}", i + 1, pages.len())), "{page}");
        if page.contains("Row ") {
            assert!(page.contains("Name Number Money"), "page {} repeats the columns: {page}", i + 1);
        }
        let mut from = 0;
        while next < rows.len() {
            match page[from..].find(&rows[next][0]) {
                Some(at) => {
                    from += at;
                    next += 1;
                }
                None => break,
            }
        }
    }
    assert_eq!(next, rows.len(), "every row, in order");
    assert!(pages.last().unwrap().contains("Most: 5"));
}
