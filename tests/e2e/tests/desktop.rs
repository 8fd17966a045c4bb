//! The real `eventos` window, driven as a person would: first run, the demo, every screen, a
//! corrupt database. Assertions use figures read from the replica itself.
#![allow(clippy::unwrap_used)]

use eventos_e2e::{Desktop, Result};

fn count(desktop: &Desktop, sql: &str) -> i64 {
    let conn = rusqlite::Connection::open(desktop.data_dir.path().join("eventos.db")).unwrap();
    conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

/// Tickets sold for today's event of the demo.
const LIVE_SOLD: &str = "SELECT count(*) FROM tickets t JOIN events e ON e.id = t.event_id \
                         WHERE e.name = 'AI & Machine Learning Summit' AND t.status IN ('active', 'used')";

fn digits(text: &str) -> String {
    text.chars().filter(char::is_ascii_digit).collect()
}

/// The first column of `sql`'s rows, as text.
fn column(desktop: &Desktop, sql: &str) -> Vec<String> {
    let conn = rusqlite::Connection::open(desktop.data_dir.path().join("eventos.db")).unwrap();
    let mut stmt = conn.prepare(sql).unwrap();
    stmt.query_map([], |r| r.get(0)).unwrap().map(|r| r.unwrap()).collect()
}

/// Sets an input's value as typing would (a date-time field's picker takes no keys the same way
/// on every engine), announcing it to the page.
fn set_value(desktop: &Desktop, css: &str, value: &str) -> Result<()> {
    let script = format!(
        "const el = document.querySelector({css:?}); el.value = {value:?}; \
         el.dispatchEvent(new Event('input', {{bubbles: true}})); el.dispatchEvent(new Event('change', {{bubbles: true}}));"
    );
    desktop.script(&script).map(|_| ())
}

/// The names in a record list's first column, top to bottom.
fn listed(desktop: &Desktop) -> Result<Vec<String>> {
    desktop.find_all("[data-testid=record-row-link]")?.iter().map(|link| link.text()).collect()
}

/// The record list's total, once it has one.
fn total(desktop: &Desktop) -> Result<i64> {
    let shown = desktop.find("[data-testid=records-total]")?.attribute("data-total")?;
    shown.parse().map_err(|e| format!("records-total {shown:?}: {e}"))
}

#[test]
fn first_run_opens_the_demo_and_every_screen_shows_its_data() -> Result<()> {
    let app = Desktop::start()?;
    app.find("[data-testid=first-run]")?;
    assert!(app.find("[data-testid=connect-supabase]")?.enabled()?);
    app.screenshot("first-run")?;
    app.find("[data-testid=open-demo]")?.click()?;

    // Dashboard: today's event and the figures of the replica.
    app.find("[data-testid=screen-dashboard]")?;
    let today = app.find("[data-testid=today-event]")?.text()?;
    assert!(today.contains("AI & Machine Learning Summit"), "{today}");
    let sold = count(&app, "SELECT count(*) FROM tickets WHERE status IN ('active', 'used')");
    let shown = app.wait("the tickets-sold figure", || {
        let text = app.find("[data-testid=stat-tickets-sold]")?.text()?;
        Ok((!digits(&text).is_empty()).then_some(text))
    })?;
    assert_eq!(digits(&shown), sold.to_string(), "{shown}");
    let used = count(
        &app,
        "SELECT count(*) FROM tickets t JOIN events e ON e.id = t.event_id \
         WHERE e.name = 'AI & Machine Learning Summit' AND t.status = 'used'",
    );
    let on_card = format!("{used} checked in of {} sold", count(&app, LIVE_SOLD));
    assert!(today.contains(&on_card), "'{on_card}' on the card: {today}");
    app.find("[data-testid=sales-chart]")?;
    assert!(!app.find_all("[data-testid=upcoming-event]")?.is_empty());
    app.screenshot("dashboard")?;

    // Events: the list, a search, and one event's page.
    app.find("[data-testid=nav-events]")?.click()?;
    app.find("[data-testid=screen-events]")?;
    app.find_n("[data-testid=event-row]", 7)?;
    app.screenshot("events")?;
    app.find("[data-testid=events-search]")?.send_keys("summit")?;
    // The search waits for a pause in the typing: the list is the answer for "summit" once the
    // subtitle names that search and nothing is loading (a list shown meanwhile is the last one).
    let subtitle = app.wait("the list to answer the search for \"summit\"", || {
        let text = app.find("[data-testid=screen-events] .subtitle")?.text()?;
        let loading = !app.find_all("[data-testid=screen-events] .subtitle .spinner")?.is_empty();
        Ok((text.contains("match \u{201c}summit\u{201d}") && !loading).then_some(text))
    })?;
    let rows = app.find_all("[data-testid=event-row]")?;
    assert_eq!(rows.len(), 2, "{subtitle}");
    assert!(subtitle.starts_with("2 events match"), "{subtitle}");
    let target = rows.iter().find(|r| r.text().is_ok_and(|t| t.contains("AI & Machine Learning"))).unwrap();
    target.click()?;
    app.find("[data-testid=screen-event]")?;
    assert_eq!(app.find("[data-testid=event-name]")?.text()?, "AI & Machine Learning Summit");
    let stats = app.find("[data-testid=ticket-stats]")?.text()?;
    assert!(stats.contains(&on_card), "'{on_card}' in: {stats}");
    app.find_n("[data-testid=session-row]", 4)?;
    app.screenshot("event")?;

    // The box office: two tickets sold for cash, one of them refunded with its reason.
    let buyer = "Zoë Ferreira-Lindqvist";
    app.find("[data-testid=event-sell]")?.click()?;
    app.find("[data-testid=screen-box-office]")?;
    app.find("[data-testid=buyer-name]")?.send_keys(buyer)?;
    app.find("[data-testid=buyer-email]")?.send_keys("zoe@example.com")?;
    app.find("[data-testid=quantity-more]")?.click()?;
    app.find("[data-testid=payment-cash]")?.click()?;
    app.screenshot("box-office")?;
    app.find("[data-testid=sale-submit]")?.click()?;
    app.find("[data-testid=sale-result]")?;
    let cards = app.find_n("[data-testid=ticket-card]", 2)?;
    assert!(cards[0].text()?.contains(buyer));
    let order = app.find("[data-testid=sale-order]")?.text()?;
    let order = order.split_whitespace().find(|w| w.starts_with("ORD-")).unwrap_or_default().to_owned();
    let in_order = |status: &str| {
        count(
            &app,
            &format!(
                "SELECT count(*) FROM tickets t JOIN orders o ON o.id = t.order_id \
                 WHERE o.order_number = '{order}' AND o.payment_method = 'cash' AND t.status = '{status}'"
            ),
        )
    };
    assert_eq!(in_order("active"), 2, "order {order}");
    // What the screen draws is the ticket: the QR in a screenshot of the window reads back as
    // a code signed with the event's key, for a ticket of this order.
    app.find_n("[data-testid=ticket-qr]", 2)?;
    let decoder = eventos_scan::decoder(eventos_scan::DEFAULT_DECODER).ok_or("the default decoder")?;
    // The codes are in the page; a loaded machine may show the window's previous picture a
    // moment longer, so the screen is read until the code is on it.
    let text = app.wait("a QR code read on the screen", || {
        let shot = eventos_scan::load(&app.screenshot("box-office-sold")?).map_err(|e| e.to_string())?;
        Ok(decoder.decode(&shot))
    })?;
    let key =
        column(&app, "SELECT ticket_public_key FROM events WHERE name = 'AI & Machine Learning Summit'").remove(0);
    let claim = eventos_model::signed_ticket::SignedCode::parse(&text)
        .and_then(|code| code.verify(&key))
        .map_err(|e| format!("the QR on screen: {e}"))?;
    let numbers = column(
        &app,
        &format!(
            "SELECT ticket_number FROM tickets WHERE order_id = (SELECT id FROM orders WHERE order_number = '{order}')"
        ),
    );
    assert!(numbers.contains(&claim.ticket_number), "{} not in {numbers:?}", claim.ticket_number);
    assert_eq!(claim.holder, buyer);
    app.find("[data-testid=ticket-refund]")?.click()?;
    app.find("[data-testid=void-reason]")?.send_keys("Cannot come")?;
    app.find("[data-testid=confirm-void]")?.click()?;
    app.find("[data-testid=ticket-voided]")?;
    assert_eq!((in_order("refunded"), in_order("active")), (1, 1));
    let reason = column(
        &app,
        &format!(
            "SELECT status_reason FROM tickets WHERE status = 'refunded' AND order_id = (SELECT id FROM orders WHERE order_number = '{order}')"
        ),
    );
    assert_eq!(reason, ["Cannot come"]);
    // The order on paper ("Save PDF…"): the valid ticket with its signed code, read back from
    // the rendered page; the refunded one printed as not valid.
    app.find("[data-testid=pdf-save]")?.click()?;
    let said = app.wait("the PDF saved", || {
        let said = app.find("[data-testid=pdf-said]")?.text()?;
        Ok(said.starts_with("Saved").then_some(said))
    })?;
    let pdf = app.data_dir.path().join("saved").join(format!("Tickets {order}.pdf"));
    assert!(said.contains("2 pages") && said.contains(pdf.to_str().unwrap_or("?")), "{said}");
    let pages = eventos_print::readback::pages_text(&pdf)?;
    assert!(pages.iter().all(|p| p.contains(buyer) && p.contains(&order)), "{pages:?}");
    let void_page = pages.iter().position(|p| p.contains("NOT VALID")).ok_or("no page is marked not valid")?;
    let drawn = eventos_print::readback::drawn_text(&pdf)?.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(drawn.contains("Refunded: Cannot come"), "{drawn}");
    let rendered = eventos_print::readback::render(&pdf, 150, &app.data_dir.path().join("saved"))?;
    let printed = decoder.decode(&eventos_scan::load(&rendered[1 - void_page]).map_err(|e| e.to_string())?);
    let printed = printed.ok_or("the printed ticket's QR was not read")?;
    let printed = eventos_model::signed_ticket::SignedCode::parse(&printed)
        .and_then(|code| code.verify(&key))
        .map_err(|e| format!("the printed QR: {e}"))?;
    assert_eq!(printed.holder, buyer);

    // The buyer is in the attendee list (both tickets' holders).
    app.find("[data-testid=nav-data]")?.click()?;
    app.find("[data-testid=data-table][data-table=attendees]")?.click()?;
    app.find("[data-testid=screen-records][data-table=attendees]")?;
    app.find("[data-testid=records-search]")?.send_keys("Ferreira")?;
    app.wait("the attendee list to find the buyer", || Ok((total(&app)? == 2).then_some(())))?;
    let names = listed(&app)?;
    assert!(names.iter().all(|n| n == buyer), "{names:?}");
    // Exported as listed: the search's two rows, accents intact, for Excel (UTF-8 with a BOM).
    app.find("[data-testid=records-export]")?.click()?;
    let path = app.find("[data-testid=records-exported]")?.attribute("data-path")?;
    app.screenshot("record-export")?;
    assert!(path.starts_with(app.data_dir.path().join("exports").to_str().unwrap_or("?")), "{path}");
    let csv = std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))?;
    assert!(csv.starts_with('\u{feff}'), "a BOM first");
    assert_eq!(csv.lines().count(), 3, "a header and the two attendees: {csv}");
    assert_eq!(csv.matches(buyer).count(), 2, "{csv}");
    app.find("[data-testid=nav-events]")?.click()?;
    app.find("[data-testid=screen-events]")?;

    // A new event through its form: at an existing venue, on its wall clock (Toronto: 09:00 on
    // 15 March 2027 is 13:00 UTC, the clocks having gone forward the day before), then published.
    app.find("[data-testid=events-new]")?.click()?;
    app.find("[data-testid=screen-new-event]")?;
    app.find("[data-testid=new-event-name]")?.send_keys("Harbour Data Day")?;
    app.find("[data-testid=venue-picker]")?.send_keys("Metro Toronto")?;
    // The search's answer: the venue first (WebKit's driver reads only the option's second
    // line, its city and zone), then "New venue …" and "No venue"; Enter takes the first.
    app.wait("the venue found by the picker", || {
        let options = app.find_all("[data-testid=venue-option]")?;
        let first = options.first().map(|o| o.text()).transpose()?.unwrap_or_default();
        Ok((options.len() == 3 && first.contains("America/Toronto")).then_some(()))
    })?;
    app.find("[data-testid=venue-picker]")?.send_keys("\u{E007}")?;
    app.wait("the venue's zone under the times", || {
        let zone = app.find("[data-testid=new-event-zone]")?.text()?;
        Ok(zone.contains("America/Toronto").then_some(()))
    })?;
    set_value(&app, "[data-testid=new-event-starts]", "2027-03-15T09:00")?;
    set_value(&app, "[data-testid=new-event-ends]", "2027-03-15T17:00")?;
    let capacity = app.find("[data-testid=new-event-capacity]")?;
    capacity.clear()?;
    capacity.send_keys("150")?;
    app.find("[data-testid=new-event-price]")?.send_keys("45.50")?;
    app.screenshot("new-event")?;
    app.find("[data-testid=new-event-create]")?.click()?;
    app.wait("the new event's page", || {
        let names = app.find_all("[data-testid=event-name]")?;
        Ok(names.first().map(|n| n.text()).transpose()?.filter(|n| n == "Harbour Data Day"))
    })?;
    let created = column(
        &app,
        "SELECT e.start_at || ' ' || e.status || ' ' || e.price_cents || ' ' || v.name FROM events e \
         JOIN venues v ON v.id = e.venue_id WHERE e.name = 'Harbour Data Day'",
    );
    assert_eq!(created, ["2027-03-15T13:00:00.000000Z draft 4550 Metro Toronto Convention Centre"]);
    app.find("[data-testid=event-status-published]")?.click()?;
    app.find("[data-testid=status-consequence]")?;
    app.find("[data-testid=confirm-status]")?.click()?;
    app.wait("the event published", || {
        let status = column(&app, "SELECT status FROM events WHERE name = 'Harbour Data Day'");
        Ok((status == ["published"]).then_some(()))
    })?;

    // A session added from the event's page, in the generic form with the event filled in.
    app.find("[data-testid=event-add-session]")?.click()?;
    app.find("[data-testid=record-form]")?;
    let clock = app.find("[data-testid=form-zone]")?.text()?;
    assert!(clock.contains("America/Toronto"), "{clock}");
    app.find("[data-testid=form-title]")?.send_keys("Opening talk")?;
    set_value(&app, "[data-testid=form-start_time]", "2027-03-15T13:30")?;
    set_value(&app, "[data-testid=form-end_time]", "2027-03-15T14:15")?;
    app.find("[data-testid=form-save]")?.click()?;
    app.wait("the new session's page", || {
        let title = app.find_all("[data-testid=record-title]")?;
        Ok(title.first().map(|t| t.text()).transpose()?.filter(|t| t == "Opening talk"))
    })?;
    let session = column(
        &app,
        "SELECT s.start_time FROM sessions s JOIN events e ON e.id = s.event_id \
         WHERE e.name = 'Harbour Data Day' AND s.title = 'Opening talk'",
    );
    assert_eq!(session, ["2027-03-15T17:30:00.000000Z"], "typed on the venue's clock (Toronto), the app in UTC");

    // The event's programme shows the session on the venue's clock.
    let harbour = column(&app, "SELECT id FROM events WHERE name = 'Harbour Data Day'").remove(0);
    app.script(&format!("location.hash = '#/events/{harbour}/programme'"))?;
    let block = app.wait("the session on the programme", || {
        let text =
            app.script("return document.querySelector('[data-testid=programme-session]')?.textContent ?? null")?;
        Ok(text.as_str().map(str::to_owned))
    })?;
    assert!(block.contains("Opening talk") && block.contains("1:30"), "{block}");
    app.screenshot("programme")?;

    // Its waitlist: a person added is offered a free place at once, held against sales.
    app.script(&format!("location.hash = '#/events/{harbour}/waitlist'"))?;
    app.find("[data-testid=waitlist-name]")?.send_keys("Ingrid Þórsdóttir")?;
    app.find("[data-testid=waitlist-email]")?.send_keys("ingrid@example.is\u{E007}")?;
    app.wait("the person offered a place", || {
        let entries = app.find_all("[data-testid=waitlist-entry][data-status=offered]")?;
        entries.first().map(|e| e.text()).transpose()
    })?;
    assert_eq!(app.find("[data-testid=waitlist-held]")?.text()?, "1");
    app.screenshot("waitlist")?;

    // The demo summit's budget and figures, as the replica has them.
    let summit = column(&app, "SELECT id FROM events WHERE name = 'AI & Machine Learning Summit'").remove(0);
    app.script(&format!("location.hash = '#/events/{summit}/budget'"))?;
    let result = app.find("[data-testid=budget-result-amount]")?.text()?;
    assert!(result.starts_with('$') || result.starts_with("-$") || result.starts_with('−'), "{result}");
    // Its return, from the replica's event_roi view: a percentage of the expenses.
    let roi = app.find("[data-testid=budget-roi-percent]")?.text()?;
    assert!(roi.ends_with('%'), "{roi}");
    app.script("document.querySelector('[data-testid=budget-roi]').scrollIntoView({ block: 'center' })")?;
    app.screenshot("budget")?;
    app.script(&format!("location.hash = '#/events/{summit}/analytics'"))?;
    let checked_in = app.find("[data-testid=analytics-checked-in]")?.text()?;
    let scans = count(
        &app,
        &format!("SELECT count(*) FROM event_checkins WHERE event_id = '{summit}' AND check_in_time IS NOT NULL"),
    );
    assert_eq!(checked_in.replace(',', ""), scans.to_string(), "the figures count what the replica holds");
    app.screenshot("analytics")?;

    // CRM: every company, with its people.
    app.find("[data-testid=nav-crm]")?.click()?;
    app.find("[data-testid=screen-crm]")?;
    let companies = app.find_n("[data-testid=company-row]", 12)?;
    let texts: Vec<String> = companies.iter().map(|c| c.text().unwrap_or_default()).collect();
    assert!(texts.iter().any(|t| t.contains("Maple Leaf Analytics")), "{texts:?}");
    app.screenshot("crm")?;

    // Check-in says what is coming, with no made-up data; Sync offers to connect.
    app.find("[data-testid=nav-checkin]")?.click()?;
    assert!(!app.find("[data-testid=screen-checkin]")?.text()?.is_empty());
    app.find("[data-testid=nav-sync]")?.click()?;
    app.find("[data-testid=screen-sync]")?;
    app.find("[data-testid=connect-url]")?;
    assert_eq!(app.find("[data-testid=sync-badge]")?.attribute("data-state")?, "not_connected");

    // Data: every table by area, with the replica's counts.
    app.find("[data-testid=nav-data]")?.click()?;
    app.find("[data-testid=screen-data]")?;
    let venues = count(&app, "SELECT count(*) FROM venues");
    let tile = app.find("[data-testid=data-table][data-table=venues]")?;
    assert_eq!(digits(&tile.text()?), venues.to_string());
    assert_eq!(app.find_all("[data-testid=data-area]")?.len(), 5, "Account, Events, Production, CRM and Outreach");
    let attendees = app.find("[data-testid=data-table][data-table=attendees]")?.text()?;
    assert_eq!(digits(&attendees), count(&app, "SELECT count(*) FROM attendees").to_string(), "{attendees}");
    app.screenshot("data")?;

    // Venues: every one listed; a header click sorts by capacity, a second click reverses it.
    tile.click()?;
    app.find("[data-testid=screen-records][data-table=venues]")?;
    app.find_n("[data-testid=record-row]", venues as usize)?;
    assert_eq!(total(&app)?, venues);
    app.find("[data-testid=sort-capacity]")?.click()?;
    let ascending = column(&app, "SELECT name FROM venues ORDER BY capacity, id");
    app.wait("the venues by capacity", || Ok((listed(&app)? == ascending).then_some(())))?;
    app.find("[data-testid=sort-capacity]")?.click()?;
    let descending: Vec<String> = ascending.iter().rev().cloned().collect();
    app.wait("the venues by capacity, largest first", || Ok((listed(&app)? == descending).then_some(())))?;
    app.screenshot("record-table")?;

    // The largest venue's page: its fields and the events held there.
    let largest = &descending[0];
    app.find("[data-testid=record-row-link]")?.click()?;
    app.find("[data-testid=screen-record][data-table=venues]")?;
    assert_eq!(&app.find("[data-testid=record-title]")?.text()?, largest);
    let venue_id = column(&app, &format!("SELECT id FROM venues WHERE name = '{largest}'")).remove(0);
    let held = count(&app, &format!("SELECT count(*) FROM events WHERE venue_id = '{venue_id}'"));
    let shown = app.find("[data-testid=child-card][data-table=events] [data-testid=child-total]")?.text()?;
    assert_eq!(shown, held.to_string());
    app.screenshot("record-page")?;

    // Edit its city: only that field is sent, and the page shows it once saved.
    app.find("[data-testid=record-edit]")?.click()?;
    app.find("[data-testid=record-form]")?;
    let city = app.find("[data-testid=form-city]")?;
    city.clear()?;
    city.send_keys("Hamilton")?;
    app.find("[data-testid=form-dirty]")?;
    app.screenshot("record-form")?;
    app.find("[data-testid=form-save]")?.click()?;
    app.find("[data-testid=record-saved]")?;
    assert_eq!(app.find("[data-testid=field-city]")?.text()?, "Hamilton");
    assert_eq!(column(&app, &format!("SELECT city FROM venues WHERE id = '{venue_id}'")), ["Hamilton"]);

    // Deleting it would unlink its events (they stay): the dialog says so, and Cancel keeps it.
    app.find("[data-testid=record-delete]")?.click()?;
    let plan = app.find("[data-testid=delete-plan]")?.text()?;
    assert!(plan.contains(&format!("{held} events")), "{plan}");
    app.find("[data-testid=dialog-cancel]")?.click()?;

    // A new venue through the form: counted in the list, then deleted.
    app.find("[data-testid=back]")?.click()?;
    app.find("[data-testid=screen-records][data-table=venues]")?;
    app.find("[data-testid=records-new]")?.click()?;
    app.find("[data-testid=record-form]")?;
    app.find("[data-testid=form-name]")?.send_keys("Harbourfront Centre")?;
    app.find("[data-testid=form-capacity]")?.send_keys("450")?;
    app.find("[data-testid=form-save]")?.click()?;
    app.wait("the new venue's page", || {
        let title = app.find_all("[data-testid=record-title]")?;
        Ok(title.first().map(|t| t.text()).transpose()?.filter(|t| t == "Harbourfront Centre"))
    })?;
    assert_eq!(count(&app, "SELECT count(*) FROM venues"), venues + 1);
    app.find("[data-testid=back]")?.click()?;
    app.wait("the list to count the new venue", || Ok((total(&app)? == venues + 1).then_some(())))?;
    let row = app.wait("the new venue's row", || {
        let links = app.find_all("[data-testid=record-row-link]")?;
        Ok(links.into_iter().find(|l| l.text().is_ok_and(|t| t == "Harbourfront Centre")))
    })?;
    row.click()?;
    app.find("[data-testid=record-delete]")?.click()?;
    let plan = app.find("[data-testid=delete-plan]")?.text()?;
    assert!(plan.contains("Nothing else goes with it"), "{plan}");
    app.screenshot("record-delete")?;
    app.find("[data-testid=confirm-delete]")?.click()?;
    app.find("[data-testid=screen-records][data-table=venues]")?;
    app.wait("the list to count the venue gone", || Ok((total(&app)? == venues).then_some(())))?;
    assert_eq!(count(&app, "SELECT count(*) FROM venues WHERE name = 'Harbourfront Centre'"), 0);

    // Seed 001's production has an area of its own: a show's run opens with the models booked
    // on it and its looks, through the same generic screens, each booking named by its model.
    app.find("[data-testid=nav-data]")?.click()?;
    app.find("[data-testid=data-area][data-area=production]")?;
    app.find("[data-testid=data-table][data-table=production_runs]")?.click()?;
    app.find("[data-testid=screen-records][data-table=production_runs]")?;
    app.find_n("[data-testid=record-row]", count(&app, "SELECT count(*) FROM production_runs") as usize)?;
    let run = column(&app, "SELECT id FROM production_runs WHERE title = 'Tidal'").remove(0);
    app.find(&format!("[data-testid=record-row][data-id='{run}'] [data-testid=record-row-link]"))?.click()?;
    app.find("[data-testid=screen-record][data-table=production_runs]")?;
    assert_eq!(app.find("[data-testid=record-title]")?.text()?, "Tidal");
    for (child, table) in [("production_run_models", "bookings"), ("production_looks", "looks")] {
        let shown =
            app.find(&format!("[data-testid=child-card][data-table={child}] [data-testid=child-total]"))?.text()?;
        let kept = count(&app, &format!("SELECT count(*) FROM {child} WHERE production_run_id = '{run}'"));
        assert_eq!(shown, kept.to_string(), "{table} of the run");
    }
    let models = column(
        &app,
        &format!(
            "SELECT m.full_name FROM production_run_models b JOIN models m ON m.id = b.model_id \
             WHERE b.production_run_id = '{run}' ORDER BY m.full_name"
        ),
    );
    app.wait("the bookings named by their models", || {
        // The names' text (WebKit's driver reads a clipped one-line name as no text at all).
        let shown = app.script(
            "return [...document.querySelectorAll('[data-table=production_run_models] [data-testid=child-row] .name')]\
             .map((n) => n.textContent).sort()",
        )?;
        Ok((shown == serde_json::json!(models)).then_some(()))
    })?;
    app.screenshot("record-production-run")?;
    app.find("[data-testid=theme-dark]")?.click()?;
    app.find("[data-testid=theme-dark][aria-pressed=true]")?;
    app.screenshot("record-production-run-dark")?;
    app.find("[data-testid=theme-system]")?.click()?;
    app.find("[data-testid=theme-system][aria-pressed=true]")?;

    // A meeting booking (the CRM area) names the CRM activity it keeps on the host's timeline.
    app.find("[data-testid=nav-data]")?.click()?;
    app.find("[data-testid=data-table][data-table=meeting_bookings]")?.click()?;
    app.find("[data-testid=screen-records][data-table=meeting_bookings]")?;
    let (booking, subject) = {
        let ids = column(
            &app,
            "SELECT b.id FROM meeting_bookings b WHERE b.status = 'confirmed' ORDER BY b.starts_at LIMIT 1",
        );
        let subject = column(
            &app,
            &format!(
                "SELECT a.subject FROM meeting_bookings b JOIN crm_activities a ON a.id = b.activity_id WHERE b.id = '{}'",
                ids[0]
            ),
        );
        (ids[0].clone(), subject[0].clone())
    };
    app.find(&format!("[data-testid=record-row][data-id='{booking}'] [data-testid=record-row-link]"))?.click()?;
    app.find("[data-testid=screen-record][data-table=meeting_bookings]")?;
    app.wait("the booking's activity by its subject", || {
        let text = app.find("[data-testid=field-activity_id]")?.text()?;
        Ok((text == subject).then_some(()))
    })?;
    app.screenshot("record-meeting-booking")?;

    // Keyboard: Alt+1 goes back to the dashboard.
    app.script("document.activeElement && document.activeElement.blur()")?;
    app.find("body")?.send_keys("\u{E00A}1")?; // Alt (W3C key code), then 1
    app.find("[data-testid=screen-dashboard]")?;
    app.stop()
}

#[test]
fn a_corrupt_database_is_explained_and_moved_aside_not_lost() -> Result<()> {
    let garbage = b"this is not a database".repeat(400);
    let app = Desktop::start_with(|dir| std::fs::write(dir.join("eventos.db"), &garbage).map_err(|e| e.to_string()))?;
    let data_dir = app.data_dir.path().to_owned();
    let broken = app.find("[data-testid=broken]")?.text()?;
    assert!(broken.to_lowercase().contains("damaged") || broken.contains("not an EventOS replica"), "{broken}");
    app.screenshot("broken")?;
    app.find("[data-testid=move-aside]")?.click()?;
    app.find("[data-testid=first-run]")?;
    let moved = app.find("[data-testid=moved-to]")?.text()?;
    assert!(moved.contains("eventos.db.broken-"), "{moved}");
    let kept: Vec<_> = std::fs::read_dir(&data_dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with("eventos.db.broken-"))
        .collect();
    assert_eq!(kept.len(), 1);
    assert_eq!(std::fs::read(kept[0].path()).unwrap(), garbage, "kept byte for byte");
    app.stop()
}

#[test]
fn start_empty_gives_an_empty_dashboard() -> Result<()> {
    let app = Desktop::start()?;
    app.find("[data-testid=start-empty]")?.click()?;
    app.find("[data-testid=screen-dashboard]")?;
    // The figures show once the dashboard's data is in; only then does "no event today" mean
    // anything.
    let shown = app.find("[data-testid=stat-tickets-sold]")?.text()?;
    assert_eq!(digits(&shown), "0", "{shown}");
    app.find("[data-testid=no-events]")?;
    assert!(app.find_all("[data-testid=today-event]")?.is_empty());
    app.stop()
}

#[test]
fn a_sales_rep_logs_a_call_and_works_their_day() -> Result<()> {
    let app = Desktop::start()?;
    app.find("[data-testid=open-demo]")?.click()?;
    app.find("[data-testid=screen-dashboard]")?;

    // A call logged on a company from its quick-log bar: Ctrl+L, a subject, Enter.
    let company = column(&app, "SELECT id FROM crm_organizers ORDER BY company_name LIMIT 1").remove(0);
    app.script(&format!("location.hash = '#/data/crm_organizers/{company}'"))?;
    app.find("[data-testid=quick-log]")?;
    app.find("[data-testid=quick-log-subject]")?.send_keys("Called about the spring dates\u{E007}")?;
    let logged = app.wait("the call in the replica", || {
        let rows = column(
            &app,
            "SELECT type || '|' || organizer_id FROM crm_activities WHERE subject = 'Called about the spring dates'",
        );
        Ok(rows.first().cloned())
    })?;
    assert_eq!(logged, format!("call|{company}"));
    app.find("[data-testid=quick-log-said]")?;
    app.screenshot("quick-log")?;

    // A contract attached on the same page, offline: its row and its bytes in the replica, and
    // the list says it is on this computer. (The file as the OS picker would give it.)
    app.find("[data-testid=document-kind]")?;
    app.script(
        "const kind = document.querySelector('[data-testid=document-kind]'); kind.value = 'contract'; \
         kind.dispatchEvent(new Event('change', { bubbles: true })); \
         const input = document.querySelector('[data-testid=document-file]'); const files = new DataTransfer(); \
         const bytes = new Uint8Array(3000).map((_, i) => i % 251); \
         files.items.add(new File([bytes], 'Contrat signé.pdf', { type: 'application/pdf' })); input.files = files.files; \
         input.dispatchEvent(new Event('change', { bubbles: true }));",
    )?;
    let kept = app.wait("the document in the replica", || {
        let rows = column(
            &app,
            "SELECT d.document_type || '|' || d.file_size || '|' || f.size || '|' || d.organizer_id FROM crm_documents d \
             JOIN document_files f ON f.storage_path = d.storage_path WHERE d.file_name = 'Contrat signé.pdf'",
        );
        Ok(rows.first().cloned())
    })?;
    assert_eq!(kept, format!("contract|3000|3000|{company}"));
    app.find("[data-testid=document][data-state=here]")?;
    app.script("document.querySelector('[data-testid=documents]').scrollIntoView({ block: 'start' })")?;
    app.screenshot("documents")?;

    // My day lists the owner's open tasks and coming meetings (a booked one among them); a
    // task is marked done.
    app.find("[data-testid=nav-my-day]")?.click()?;
    app.find("[data-testid=screen-my-day]")?;
    let owners = "FROM crm_activities a JOIN account_users u ON u.user_id = a.user_id AND u.role = 'owner'";
    let tasks = count(&app, &format!("SELECT count(*) {owners} WHERE a.is_task = 1 AND a.task_status = 'pending'"));
    let meetings = count(
        &app,
        &format!(
            "SELECT count(*) {owners} WHERE a.type = 'meeting' AND a.task_status IS NULL \
             AND a.activity_date >= strftime('%Y-%m-%dT00:00:00', 'now')"
        ),
    );
    assert!(meetings > 0, "the owner's booked meeting");
    app.find_n("[data-testid=myday-item]", usize::try_from(tasks + meetings).unwrap_or(0))?;
    app.screenshot("my-day")?;
    app.find("[data-testid=myday-item] [data-testid=myday-done]")?.click()?;
    app.wait("the task done in the replica", || {
        let pending =
            count(&app, &format!("SELECT count(*) {owners} WHERE a.is_task = 1 AND a.task_status = 'pending'"));
        Ok((pending == tasks - 1).then_some(()))
    })?;

    // The pipeline board: a deal moved to the next stage with the keyboard (Alt+→) takes that
    // stage's probability, and the weighted forecast changes with it.
    let deal = column(
        &app,
        "SELECT p.id FROM crm_opportunities p JOIN crm_pipeline_stages s ON s.id = p.stage_id \
         WHERE p.status = 'open' AND s.name = 'Lead' ORDER BY p.name LIMIT 1",
    )
    .remove(0);
    app.script("location.hash = '#/crm/board'")?;
    app.find("[data-testid=screen-board]")?;
    let forecast = app.find("[data-testid=board-weighted]")?.text()?;
    app.screenshot("board")?;
    app.find(&format!("[data-card='{deal}'] [data-testid=board-card-link]"))?.send_keys("\u{E00A}\u{E014}\u{E000}")?;
    let moved = app.wait("the deal in the next stage", || {
        let rows = column(
            &app,
            &format!(
                "SELECT s.name || ' ' || p.probability FROM crm_opportunities p \
                 JOIN crm_pipeline_stages s ON s.id = p.stage_id WHERE p.id = '{deal}'"
            ),
        );
        Ok(rows.first().filter(|r| !r.starts_with("Lead")).cloned())
    })?;
    assert_eq!(moved, "Qualified 25");
    app.wait("the forecast to change", || {
        let now = app.find("[data-testid=board-weighted]")?.text()?;
        Ok((now != forecast).then_some(()))
    })?;

    // Ctrl+K from anywhere finds a contact by name, and Enter opens it.
    let contact = column(&app, "SELECT full_name FROM crm_contacts ORDER BY full_name LIMIT 1").remove(0);
    app.find("body")?.send_keys("\u{E009}k\u{E000}")?;
    app.find("[data-testid=palette-input]")?.send_keys(&contact)?;
    app.wait("the contact among the matches", || {
        let text = app.script("return document.querySelector('[data-testid=palette]')?.textContent ?? ''")?;
        Ok(text.as_str().is_some_and(|t| t.contains("Contacts") && t.contains(&contact)).then_some(()))
    })?;
    app.screenshot("command-palette")?;
    app.find("[data-testid=palette-input]")?.send_keys("\u{E007}")?;
    app.wait("the contact's page", || {
        let title = app.find_all("[data-testid=record-title]")?;
        Ok(title.first().map(|t| t.text()).transpose()?.filter(|t| *t == contact))
    })?;

    // A CSV of contacts with two duplicates — one of a contact already here (its email in
    // capitals), one of an earlier line — imported with merges: the existing contact gets the
    // mobile it lacked, the new person is made once.
    let (existing, email) = {
        let row = column(&app, "SELECT id || ' ' || email FROM crm_contacts WHERE mobile IS NULL ORDER BY id LIMIT 1")
            .remove(0);
        let (id, email) = row.split_once(' ').map(|(a, b)| (a.to_owned(), b.to_owned())).unwrap_or_default();
        (id, email)
    };
    let csv = format!(
        "First Name,Last Name,E-mail,Company,Mobile\n\
         Åsa,Lindqvist,asa.e2e@example.com,Rideau Events,\n\
         Known,Person,{},Rideau Events,+1 613 555 0142\n\
         Åsa,L.,ASA.E2E@example.com,Rideau Events,+1 613 555 0199\n",
        email.to_uppercase()
    );
    app.script("location.hash = '#/crm/import'")?;
    app.find("[data-testid=screen-import]")?;
    app.find("[data-testid=import-kind-contacts]")?.click()?;
    // The person's file choice (a WebDriver cannot drive the OS file picker): the same File the
    // picker would give the page.
    app.script(&format!(
        "const input = document.querySelector('[data-testid=import-file]'); const files = new DataTransfer(); \
         files.items.add(new File([{csv:?}], 'contacts.csv', {{ type: 'text/csv' }})); input.files = files.files; \
         input.dispatchEvent(new Event('change', {{ bubbles: true }}));"
    ))?;
    app.find_n("[data-testid=import-duplicate]", 2)?;
    app.screenshot("import")?;
    app.find("[data-testid=import-run]")?.click()?;
    app.find("[data-testid=import-result]")?;
    let made = count(&app, "SELECT count(*) FROM crm_contacts WHERE lower(email) = 'asa.e2e@example.com'");
    assert_eq!(made, 1, "the repeated line merged into the first");
    let mobile = column(&app, &format!("SELECT mobile FROM crm_contacts WHERE id = '{existing}'"));
    assert_eq!(mobile, ["+1 613 555 0142"], "the existing contact's gap filled");
    app.screenshot("import-done")?;
    app.stop()
}
