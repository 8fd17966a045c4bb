//! The CRM's pipeline report, from the board's own figures.

use eventos_print::Paper;
use eventos_print::report::Block;

use super::{PdfJob, local_now, money};
use crate::{App, Result};

impl App {
    /// The CRM's pipeline report: open deals by stage and by owner, and the weighted forecast by
    /// month of expected close — the board's own figures, so its totals are the screen's.
    pub fn pipeline_report_job(&self, paper: Paper) -> Result<PdfJob> {
        let board = self.pipeline_board(&crate::crm::BoardQuery::default())?;
        let open: Vec<&crate::crm::BoardColumn> = board.columns.iter().filter(|c| !c.is_closed).collect();
        let deals: i64 = open.iter().map(|c| c.count).sum();
        let mut blocks = vec![Block::Figures(vec![
            ("Open pipeline".into(), money(board.open_cents)),
            ("Weighted forecast".into(), money(board.weighted_cents)),
            ("Open deals".into(), deals.to_string()),
            ("Weighted share".into(), share(board.weighted_cents, board.open_cents)),
        ])];
        let row =
            |name: String, n: i64, total: i64, weighted: i64| vec![name, n.to_string(), money(total), money(weighted)];
        let heads = |first: &str| vec![first.to_owned(), "Deals".into(), "Value".into(), "Weighted".into()];
        // By stage, in the pipeline's order.
        let mut stages: Vec<Vec<String>> = open
            .iter()
            .map(|c| row(format!("{} ({}%)", c.name, c.probability), c.count, c.total_cents, c.weighted_cents))
            .collect();
        stages.push(row("Total".into(), deals, board.open_cents, board.weighted_cents));
        blocks.push(Block::Heading("Open deals by stage".into()));
        blocks.push(Block::Table { columns: heads("Stage"), rows: stages, total: true });
        // By owner, the largest pipeline first.
        let mut owners: std::collections::BTreeMap<String, (i64, i64, i64)> = std::collections::BTreeMap::new();
        for card in open.iter().flat_map(|c| &c.cards) {
            let slot = owners.entry(card.owner_name.clone().unwrap_or_else(|| "Unassigned".into())).or_default();
            *slot = (slot.0 + 1, slot.1 + card.value_cents, slot.2 + card.expected_revenue_cents);
        }
        let mut by_owner: Vec<(String, (i64, i64, i64))> = owners.into_iter().collect();
        by_owner.sort_by(|a, b| b.1.1.cmp(&a.1.1).then_with(|| a.0.cmp(&b.0)));
        let mut owner_rows: Vec<Vec<String>> =
            by_owner.into_iter().map(|(name, (n, t, w))| row(name, n, t, w)).collect();
        owner_rows.push(row("Total".into(), deals, board.open_cents, board.weighted_cents));
        blocks.push(Block::Heading("Open deals by owner".into()));
        blocks.push(Block::Table { columns: heads("Owner"), rows: owner_rows, total: true });
        // The forecast by month of expected close.
        blocks.push(Block::Heading("Forecast by month of expected close".into()));
        let labels: Vec<String> = board.months.iter().map(|m| month_label(&m.month)).collect();
        let weighted: Vec<f64> = board.months.iter().map(|m| m.weighted_cents as f64 / 100.0).collect();
        let totals: Vec<f64> = board.months.iter().map(|m| m.total_cents as f64 / 100.0).collect();
        let highest = board.months.iter().map(|m| m.total_cents).max().unwrap_or(0);
        blocks.push(Block::Bars {
            labels: labels.clone(),
            series: vec![("Weighted".into(), weighted), ("Value".into(), totals)],
            note: format!("Highest month: {}", money(highest)),
        });
        let mut months: Vec<Vec<String>> = board
            .months
            .iter()
            .zip(labels)
            .map(|(m, label)| row(label, m.deals, m.total_cents, m.weighted_cents))
            .collect();
        months.push(row("Total".into(), deals, board.open_cents, board.weighted_cents));
        blocks.push(Block::Table { columns: heads("Month"), rows: months, total: true });
        let title = "Pipeline report".to_owned();
        let subtitle = format!("Open deals and the weighted forecast (value × probability) · printed {}", local_now());
        Ok(PdfJob::new(self, "Pipeline report.pdf".into(), move |progress| {
            eventos_print::report(&title, &subtitle, &blocks, paper, progress)
        }))
    }
}
fn share(part: i64, whole: i64) -> String {
    if whole == 0 { "—".into() } else { format!("{}%", (part * 100 + whole / 2) / whole) }
}

/// "2027-01" → "Jan 2027"; "none" → "No date".
fn month_label(month: &str) -> String {
    const NAMES: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    match (month.get(..4), month.get(5..7).and_then(|m| m.parse::<usize>().ok())) {
        (Some(year), Some(m @ 1..=12)) => format!("{} {year}", NAMES[m - 1]),
        _ if month == "none" => "No date".into(),
        _ => month.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::month_label;

    #[test]
    fn months_read_as_words() {
        assert_eq!((month_label("2027-01"), month_label("none")), ("Jan 2027".to_owned(), "No date".to_owned()));
    }
}
