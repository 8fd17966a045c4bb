//! Per-operation latency percentiles, printed one line per operation: the bars are
//! percentiles (p95, p99), which criterion's means do not show. Shared by the benches that
//! `#[path]` this file in.

use std::time::{Duration, Instant};

pub fn percentiles(name: &str, mut samples: Vec<Duration>) {
    samples.sort();
    let at = |p: f64| samples[((samples.len() as f64 * p) as usize).min(samples.len() - 1)];
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{name:<28} n={:<6} p50 {:.3} ms  p95 {:.3} ms  p99 {:.3} ms  max {:.3} ms",
        samples.len(),
        ms(at(0.50)),
        ms(at(0.95)),
        ms(at(0.99)),
        ms(*samples.last().expect("samples"))
    );
}

pub fn timed(n: usize, mut op: impl FnMut(usize)) -> Vec<Duration> {
    (0..n)
        .map(|i| {
            let t = Instant::now();
            op(i);
            t.elapsed()
        })
        .collect()
}
