//! The event report for the client: the same read models as the event's screens (its page, its
//! analytics and its budget), so every total is the screens'.

use eventos_print::Paper;
use eventos_print::report::Block;

use super::{EventWords, PdfJob, local_now, money, safe_name};
use crate::organize::{Budget, EventAnalytics, Ratings};
use crate::{App, Result};

impl App {
    /// An event's report: sales per day, revenue, tickets by status, check-ins per 15 minutes,
    /// sessions with attendance, expenses by category and the event's result, feedback averages.
    pub fn event_report_job(&self, event: &str, paper: Paper) -> Result<PdfJob> {
        let id = self.store()?.event_stats(event)?.event_id;
        let detail = self.event(&id)?;
        let analytics = self.event_analytics(&id)?;
        let budget = self.budget(&id)?;
        let words = EventWords::of(&detail);
        let t = &detail.tickets;
        let mut blocks = vec![Block::Figures(vec![
            ("Revenue".into(), money(detail.summary.revenue_cents)),
            ("Tickets sold".into(), t.sold.to_string()),
            ("Checked in".into(), t.used.to_string()),
            ("Result".into(), money(budget.result_cents)),
        ])];
        blocks.push(Block::Heading("Tickets by status".into()));
        let count = |label: &str, n: i64| vec![label.to_owned(), n.to_string()];
        blocks.push(Block::Table {
            columns: vec!["Status".into(), "Tickets".into()],
            rows: vec![
                count("Active (valid, not in yet)", t.active),
                count("Used (checked in)", t.used),
                count("Cancelled or refunded", t.cancelled),
                count("Sold (active or used)", t.sold),
                count("Capacity", t.capacity),
                count("Available", t.available),
            ],
            total: false,
        });
        sales(&mut blocks, &analytics);
        check_ins(&mut blocks, &analytics);
        sessions(&mut blocks, &analytics);
        expenses(&mut blocks, &budget);
        feedback(&mut blocks, &analytics);
        let title = format!("Event report: {}", words.name);
        let subtitle = format!("{} · printed {}", words.when, local_now());
        let file_name = format!("Report {}.pdf", safe_name(&words.name));
        Ok(PdfJob::new(self, file_name, move |progress| {
            eventos_print::report(&title, &subtitle, &blocks, paper, progress)
        }))
    }
}

fn sales(blocks: &mut Vec<Block>, a: &EventAnalytics) {
    blocks.push(Block::Heading("Sales per day".into()));
    if a.sales_per_day.is_empty() {
        blocks.push(Block::Text("No sales yet.".into()));
        return;
    }
    let revenue: Vec<f64> = a.sales_per_day.iter().map(|d| d.revenue_cents as f64 / 100.0).collect();
    let best = a.sales_per_day.iter().map(|d| d.revenue_cents).max().unwrap_or(0);
    blocks.push(Block::Bars {
        labels: a.sales_per_day.iter().map(|d| d.date.get(5..).unwrap_or(&d.date).to_owned()).collect(),
        series: vec![("Revenue".into(), revenue)],
        note: format!("Best day: {}", money(best)),
    });
    let mut rows: Vec<Vec<String>> = a
        .sales_per_day
        .iter()
        .map(|d| vec![d.date.clone(), d.orders.to_string(), d.tickets.to_string(), money(d.revenue_cents)])
        .collect();
    let sum = |f: fn(&crate::organize::DaySales) -> i64| a.sales_per_day.iter().map(f).sum::<i64>();
    rows.push(vec![
        "Total".into(),
        sum(|d| d.orders).to_string(),
        sum(|d| d.tickets).to_string(),
        money(sum(|d| d.revenue_cents)),
    ]);
    blocks.push(Block::Table {
        columns: vec!["Day".into(), "Orders".into(), "Tickets".into(), "Revenue".into()],
        rows,
        total: true,
    });
}

fn check_ins(blocks: &mut Vec<Block>, a: &EventAnalytics) {
    blocks.push(Block::Heading("Check-ins per 15 minutes".into()));
    let Some(busiest) = a.check_ins_per_quarter_hour.iter().max_by_key(|q| q.check_ins) else {
        blocks.push(Block::Text("Nobody has checked in yet.".into()));
        return;
    };
    let time = |local: &str| local.get(11..16).unwrap_or(local).to_owned();
    let total: i64 = a.check_ins_per_quarter_hour.iter().map(|q| q.check_ins).sum();
    blocks.push(Block::Bars {
        labels: a.check_ins_per_quarter_hour.iter().map(|q| time(&q.starts_local)).collect(),
        series: vec![("Check-ins".into(), a.check_ins_per_quarter_hour.iter().map(|q| q.check_ins as f64).collect())],
        note: format!("{total} in all; busiest {} at {}", busiest.check_ins, time(&busiest.starts_local)),
    });
}

fn sessions(blocks: &mut Vec<Block>, a: &EventAnalytics) {
    blocks.push(Block::Heading("Sessions and their attendance".into()));
    if a.sessions.is_empty() {
        blocks.push(Block::Text("No sessions.".into()));
        return;
    }
    let rows = a
        .sessions
        .iter()
        .map(|s| {
            let when = s.starts_local.replace('T', " ");
            let max = s.max_attendees.map_or("—".to_owned(), |m| m.to_string());
            vec![s.title.clone(), when, s.attended.to_string(), max]
        })
        .collect();
    blocks.push(Block::Table {
        columns: vec!["Session".into(), "Starts".into(), "Attended".into(), "Places".into()],
        rows,
        total: false,
    });
}

fn expenses(blocks: &mut Vec<Block>, b: &Budget) {
    blocks.push(Block::Heading("Expenses by category, and the event's result".into()));
    let row = |name: String, t: &crate::organize::StatusTotals| {
        vec![name, money(t.pending_cents), money(t.approved_cents), money(t.paid_cents), money(t.rejected_cents)]
    };
    let mut rows: Vec<Vec<String>> = b
        .categories
        .iter()
        .filter(|c| {
            c.totals.pending_cents + c.totals.approved_cents + c.totals.paid_cents + c.totals.rejected_cents != 0
        })
        .map(|c| row(words(&c.category), &c.totals))
        .collect();
    rows.push(row("Total".into(), &b.totals));
    blocks.push(Block::Table {
        columns: vec!["Category".into(), "Pending".into(), "Approved".into(), "Paid".into(), "Rejected".into()],
        rows,
        total: true,
    });
    blocks.push(Block::Figures(vec![
        ("Ticket revenue".into(), money(b.ticket_revenue_cents)),
        ("Sponsorship".into(), money(b.sponsorship_cents)),
        ("Committed expenses".into(), money(b.committed_cents)),
        ("Result".into(), money(b.result_cents)),
    ]));
}

fn feedback(blocks: &mut Vec<Block>, a: &EventAnalytics) {
    blocks.push(Block::Heading("Feedback".into()));
    if a.feedback.responses == 0 {
        blocks.push(Block::Text("No feedback yet.".into()));
        return;
    }
    let average = |v: Option<f64>| v.map_or("—".to_owned(), |x| format!("{x:.1} / 5"));
    let ratings = |r: &Ratings| {
        [
            ("Overall", r.overall),
            ("Content", r.content),
            ("Speakers", r.speaker),
            ("Venue", r.venue),
            ("Organization", r.organization),
        ]
    };
    let mut rows: Vec<Vec<String>> =
        ratings(&a.feedback).into_iter().map(|(name, v)| vec![name.to_owned(), average(v)]).collect();
    rows.push(vec!["Responses".into(), a.feedback.responses.to_string()]);
    blocks.push(Block::Table { columns: vec!["Average rating".into(), "Score".into()], rows, total: false });
    if !a.session_feedback.is_empty() {
        let rows = a
            .session_feedback
            .iter()
            .map(|s| vec![s.title.clone(), s.ratings.responses.to_string(), average(s.ratings.overall)])
            .collect();
        blocks.push(Block::Table {
            columns: vec!["Session".into(), "Responses".into(), "Overall".into()],
            rows,
            total: false,
        });
    }
}

/// A category as words: "venue_rental" → "Venue rental".
fn words(name: &str) -> String {
    let spaced = name.replace('_', " ");
    let mut chars = spaced.chars();
    chars.next().map_or_else(String::new, |first| first.to_uppercase().collect::<String>() + chars.as_str())
}
