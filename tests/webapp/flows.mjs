// TEST INFRASTRUCTURE. Seed 003's supabase-js examples, run with the real @supabase/supabase-js
// (pinned in package.json) as the existing web app runs them: the homepage and venue finder, the
// complete ticket purchase flow, the check-in app, the organizer dashboard and revenue analytics,
// plus sign-in and token refresh. tests/server/tests/webapp.rs runs it against the local Supabase
// stand-in (tests/supabase-emulator) and then checks that a desktop replica receives what it made.
//
//   SUPABASE_URL=… SUPABASE_ANON_KEY=… node tests/webapp/flows.mjs
//   (Node 20 and 21: node --experimental-websocket …; see the WebSocket check below)
//
// Optional: WEBAPP_EVENT_ID (default: the seed's live event, which door@ works), WEBAPP_PASSWORD.
// Every step asserts its result with node:assert. On failure it prints which step failed and the
// error supabase-js returned, and exits 1. On success it prints progress on stderr and one JSON
// line on stdout (see the end) for the Rust side.
//
// The stand-in does not do resource embedding (`select('*, venues (name)')`). Steps whose seed
// query embeds are rewritten to read the same data with separate queries; each says so in a
// comment marked EMBEDDING, and prints a note (also listed in the JSON line's `without_embedding`).

import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createClient } from '@supabase/supabase-js';

const env = (name) => {
  const value = process.env[name];
  if (!value) {
    console.error(`flows.mjs: ${name} is not set`);
    process.exit(2);
  }
  return value;
};
// supabase-js 2.119 creates its realtime client in createClient and needs a global WebSocket:
// Node has one from 22 on, and in 20 and 21 behind a flag. Nothing here uses realtime.
if (typeof WebSocket === 'undefined') {
  console.error(`flows.mjs: Node ${process.version} has no global WebSocket: run node --experimental-websocket flows.mjs`);
  process.exit(2);
}
const SUPABASE_URL = env('SUPABASE_URL');
const SUPABASE_ANON_KEY = env('SUPABASE_ANON_KEY');
const EVENT_ID = process.env.WEBAPP_EVENT_ID ?? 'e0000001-0000-4000-8000-000000000001';
const PASSWORD = process.env.WEBAPP_PASSWORD ?? 'eventos-demo';
const CUSTOMER = 'customer@demo.eventos.test';
const ORGANIZER = 'organizer@demo.eventos.test';
const SUPABASE_JS = JSON.parse(
  readFileSync(new URL('./node_modules/@supabase/supabase-js/package.json', import.meta.url)),
).version;

// Seed 003's src/lib/supabase.ts: createClient(url, anonKey). In Node there is no browser
// storage to keep a session in, and the test refreshes explicitly (refreshSession) rather than
// on a timer that would keep the process alive.
const newClient = () =>
  createClient(SUPABASE_URL, SUPABASE_ANON_KEY, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
  });

// --- Step bookkeeping -------------------------------------------------------------------------

let currentStep = 'start';
const withoutEmbedding = [];

async function step(name, body) {
  currentStep = name;
  const started = performance.now();
  const result = await body();
  console.error(`ok    ${name} (${Math.round(performance.now() - started)} ms)`);
  return result;
}

/** What supabase-js answered, or a failure naming the error it returned. */
class SupabaseError extends Error {}
function data(response, what) {
  if (response.error) {
    throw new SupabaseError(
      `${what}: supabase-js returned an error (HTTP ${response.status}): ${JSON.stringify(response.error)}`,
    );
  }
  return response.data;
}

/** Marks a step whose seed query embeds resources, rewritten as separate queries. */
function noteWithoutEmbedding(what) {
  withoutEmbedding.push(what);
  console.error(`note  ${what}: the stand-in does no resource embedding; the same data is read with separate queries`);
}

const unique = (values) => [...new Set(values.filter((v) => v != null))];
const byId = (rows, key = 'id') => Object.fromEntries(rows.map((r) => [r[key], r]));

// --- The flows ----------------------------------------------------------------------------------

async function main() {
  // Seed 003, Events: the homepage, visited by anyone (no session: the anon key is the bearer).
  const visitor = newClient();
  await step('homepage: upcoming published public events', async () => {
    // EMBEDDING: the seed selects `…, venues (name, city), profiles (full_name, company)`.
    noteWithoutEmbedding('homepage events with venues and profiles');
    const now = new Date().toISOString();
    const upcoming = data(
      await visitor
        .from('events')
        .select('id, name, slug, type, description, start_at, price_cents, capacity, venue_id, organizer_id')
        .eq('status', 'published')
        .eq('visibility', 'public')
        .gte('start_at', now)
        .order('start_at', { ascending: true })
        .limit(10),
      'upcoming events',
    );
    assert.ok(upcoming.length > 0 && upcoming.length <= 10, 'some upcoming events, at most 10');
    const starts = upcoming.map((e) => Date.parse(e.start_at));
    assert.deepEqual(starts, [...starts].sort((a, b) => a - b), 'ordered by start_at ascending');
    assert.ok(starts.every((t) => t >= Date.parse(now)), 'only events starting from now');
    const venues = data(
      await visitor.from('venues').select('id, name, city').in('id', unique(upcoming.map((e) => e.venue_id))),
      'their venues',
    );
    assert.ok(venues.length > 0 && venues.every((v) => v.city === 'Toronto'), 'venues of published events are public');
    // Seed 003 lets anyone read profiles; this schema grants anon nothing on them (people's
    // names, phones and companies are not public). So the seed's homepage query, which embeds
    // `profiles`, is refused for visitors by real PostgREST as well: 401, 42501.
    const organizers = await visitor
      .from('profiles')
      .select('full_name, company')
      .in('id', unique(upcoming.map((e) => e.organizer_id)));
    assert.equal(organizers.status, 401, JSON.stringify(organizers));
    assert.equal(organizers.error?.code, '42501');
    console.error('note  visitors cannot read organizer profiles in this schema (seed 003 allows it): the seed’s homepage embedding is refused');
  });

  await step('venue finder: capacity ≥ 200 with parking (filter cs)', async () => {
    const venues = data(
      await visitor
        .from('venues')
        .select('name, address, capacity, contact_email, amenities')
        .gte('capacity', 200)
        .filter('amenities', 'cs', '{"parking": true}')
        .order('capacity', { ascending: true }),
      'venues',
    );
    assert.ok(venues.length > 0, 'some venue with parking');
    for (const v of venues) {
      assert.ok(v.capacity >= 200, `${v.name} holds 200`);
      assert.equal(v.amenities.parking, true, `${v.name} has parking`);
    }
    const capacities = venues.map((v) => v.capacity);
    assert.deepEqual(capacities, [...capacities].sort((a, b) => a - b), 'ordered by capacity');
  });

  // Seed 003, Example 1: the complete ticket purchase flow, by a signed-in customer. Its steps 2
  // (the cart), 4 (Stripe) and 8 (the confirmation email) make no Supabase call.
  const shop = newClient();
  const user = await step('sign in as the customer (password grant)', async () => {
    const session = data(await shop.auth.signInWithPassword({ email: CUSTOMER, password: PASSWORD }), 'sign-in');
    assert.equal(session.user.email, CUSTOMER);
    assert.equal(session.session.token_type, 'bearer');
    assert.ok(session.session.access_token && session.session.refresh_token);
    assert.ok(session.session.expires_at * 1000 > Date.now(), 'the access token is not expired');
    return session.user;
  });

  await step('customer profile (select … .eq() .single())', async () => {
    const profile = data(
      await shop.from('profiles').select('full_name, company, phone').eq('id', user.id).single(),
      'profile',
    );
    assert.deepEqual(profile, { full_name: 'Casey Customer', company: null, phone: '+1-647-555-0105' });
  });

  const { selectedEvent, availableBefore } = await step('1. browse published public events', async () => {
    // EMBEDDING: the seed selects `*, venues (name, address), profiles (full_name),
    // event_stats (tickets_available)`.
    noteWithoutEmbedding('purchase flow step 1: events with venues, profiles and event_stats');
    const events = data(
      await shop.from('events').select('*').eq('status', 'published').eq('visibility', 'public'),
      'events',
    );
    assert.ok(events.every((e) => e.status === 'published' && e.visibility === 'public'));
    const venues = byId(
      data(
        await shop.from('venues').select('id, name, address').in('id', unique(events.map((e) => e.venue_id))),
        'venues',
      ),
    );
    const stats = byId(
      data(
        await shop.from('event_stats').select('event_id, tickets_available').in('event_id', events.map((e) => e.id)),
        'event_stats',
      ),
      'event_id',
    );
    assert.equal(Object.keys(stats).length, events.length, 'one event_stats row per visible event');
    const event = events.find((e) => e.id === EVENT_ID);
    assert.ok(event, `event ${EVENT_ID} is on sale`);
    assert.ok(venues[event.venue_id]?.name, 'its venue');
    return { selectedEvent: event, availableBefore: stats[event.id].tickets_available };
  });

  const quantity = 2;
  const order = await step('3. create the order (insert(…).select().single())', async () => {
    const created = data(
      await shop
        .from('orders')
        .insert({
          customer_id: user.id,
          event_id: selectedEvent.id,
          quantity,
          unit_price_cents: selectedEvent.price_cents,
          total_cents: quantity * selectedEvent.price_cents,
          payment_status: 'pending',
        })
        .select()
        .single(),
      'order insert',
    );
    assert.ok(created && !Array.isArray(created), `one object, not ${JSON.stringify(created)}`);
    // The trigger's code: ORD-{YYYYMMDD}-{first 8 hex of the id}; the account from the event.
    assert.match(created.order_number, /^ORD-\d{8}-[0-9a-f]{8}$/);
    assert.equal(created.order_number.slice(-8), created.id.slice(0, 8));
    assert.equal(created.account_id, selectedEvent.account_id);
    assert.equal(created.payment_status, 'pending');
    assert.equal(created.total_cents, quantity * selectedEvent.price_cents);
    assert.equal(created.paid_at, null);
    return created;
  });

  // 4. Stripe is outside this test: a payment intent id shaped like Stripe's stands in for it.
  const paymentIntent = { id: `pi_test_${randomUUID().replaceAll('-', '')}` };

  await step('5. mark the order paid (update(…).eq())', async () => {
    const paidAt = new Date().toISOString();
    const response = await shop
      .from('orders')
      .update({ payment_status: 'paid', stripe_payment_intent_id: paymentIntent.id, paid_at: paidAt })
      .eq('id', order.id);
    data(response, 'order update');
    assert.equal(response.status, 204, 'no representation asked for: 204');
    assert.equal(response.data, null);
    const paid = data(
      await shop.from('orders').select('payment_status, stripe_payment_intent_id, paid_at').eq('id', order.id).single(),
      'order read back',
    );
    assert.equal(paid.payment_status, 'paid');
    assert.equal(paid.stripe_payment_intent_id, paymentIntent.id);
    assert.equal(Date.parse(paid.paid_at), Date.parse(paidAt));
  });

  const attendeeData = [
    { full_name: 'John Doe', email: 'john@example.com', phone: '+1-416-555-1111' },
    { full_name: 'Jane Smith', email: 'jane@example.com', phone: '+1-416-555-2222' },
  ];
  const attendees = await step('6. attendees inserted as an array (insert([…]).select())', async () => {
    const inserted = data(
      await shop
        .from('attendees')
        .insert(attendeeData.map((a) => ({ order_id: order.id, event_id: selectedEvent.id, ...a })))
        .select(),
      'attendees insert',
    );
    assert.equal(inserted.length, attendeeData.length);
    inserted.forEach((a, i) => {
      assert.equal(a.full_name, attendeeData[i].full_name, 'rows come back in the order sent');
      assert.equal(a.email, attendeeData[i].email);
      assert.equal(a.phone, attendeeData[i].phone);
      assert.equal(a.order_id, order.id);
      assert.equal(a.event_id, selectedEvent.id);
      assert.equal(a.account_id, order.account_id, 'the account comes from the order');
    });
    return inserted;
  });

  const tickets = await step('7. tickets inserted as an array (insert([…]).select())', async () => {
    const inserted = data(
      await shop
        .from('tickets')
        .insert(
          attendees.map((attendee) => ({
            event_id: selectedEvent.id,
            order_id: order.id,
            attendee_id: attendee.id,
            status: 'active',
          })),
        )
        .select(),
      'tickets insert',
    );
    assert.equal(inserted.length, attendees.length);
    inserted.forEach((t, i) => {
      assert.equal(t.attendee_id, attendees[i].id);
      assert.equal(t.status, 'active');
      assert.equal(t.checked_in_at, null);
      // The trigger's codes: TKT-{first 8 HEX of the id}-{YYMMDD}; 32 random bytes in base64.
      assert.match(t.ticket_number, /^TKT-[0-9A-F]{8}-\d{6}$/);
      assert.equal(t.ticket_number.slice(4, 12), t.id.slice(0, 8).toUpperCase());
      assert.match(t.qr_code, /^[A-Za-z0-9+/]{43}=$/);
    });
    assert.equal(new Set(inserted.map((t) => t.qr_code)).size, inserted.length, 'distinct QR codes');
    return inserted;
  });

  await step('the customer views their tickets (codes read back)', async () => {
    // EMBEDDING: the seed selects `ticket_number, qr_code, status, checked_in_at,
    // events (name, start_at, venues (name, address)), attendees (full_name, email)`.
    noteWithoutEmbedding('customer tickets with events, venues and attendees');
    const mine = data(
      await shop
        .from('tickets')
        .select('ticket_number, qr_code, status, checked_in_at, event_id, attendee_id')
        .eq('order_id', order.id)
        .order('ticket_number'),
      'tickets',
    );
    const codes = (rows) => rows.map((t) => [t.ticket_number, t.qr_code, t.attendee_id]).sort();
    assert.deepEqual(codes(mine), codes(tickets), 'the codes the triggers made, read back');
    const event = data(await shop.from('events').select('name, start_at, venue_id').eq('id', EVENT_ID).single(), 'event');
    assert.equal(event.name, selectedEvent.name);
    const venue = data(await shop.from('venues').select('name, address').eq('id', event.venue_id).single(), 'venue');
    assert.ok(venue.name && venue.address);
    const holders = data(
      await shop.from('attendees').select('id, full_name, email').in('id', mine.map((t) => t.attendee_id)),
      'attendees',
    );
    assert.deepEqual(holders.map((a) => a.full_name).sort(), ['Jane Smith', 'John Doe']);

    const counted = await shop.from('tickets').select('*', { count: 'exact', head: true }).eq('order_id', order.id);
    data(counted, 'ticket count');
    assert.equal(counted.count, tickets.length, 'count=exact on HEAD');
    assert.equal(counted.data, null, 'HEAD has no body');

    const stats = data(
      await shop.from('event_stats').select('tickets_sold, tickets_available').eq('event_id', EVENT_ID).single(),
      'event_stats',
    );
    assert.equal(stats.tickets_available, availableBefore - tickets.length, 'two fewer seats');
  });

  await step('refresh the customer session (refresh_token grant)', async () => {
    const before = data(await shop.auth.getSession(), 'session').session;
    const refreshed = data(await shop.auth.refreshSession(), 'refresh').session;
    assert.notEqual(refreshed.refresh_token, before.refresh_token, 'refresh tokens rotate');
    assert.equal(refreshed.user.id, user.id);
    assert.ok(refreshed.expires_at >= before.expires_at);
    assert.equal(data(await shop.auth.getSession(), 'session').session.refresh_token, refreshed.refresh_token);
    // The client now sends the new access token, and it works.
    const mine = data(await shop.from('orders').select('id, payment_status').eq('id', order.id).single(), 'order');
    assert.equal(mine.payment_status, 'paid');
  });

  // Seed 003, Examples 2-4: the organizer's side.
  const office = newClient();
  const organizer = await step('sign in as the organizer', async () => {
    const session = data(await office.auth.signInWithPassword({ email: ORGANIZER, password: PASSWORD }), 'sign-in');
    assert.equal(session.user.email, ORGANIZER);
    return session.user;
  });

  const [checkedIn, forTheDoor] = tickets;
  await step('check-in app: update(…).eq(…).select(…).single()', async () => {
    // EMBEDDING: the seed selects `ticket_number, attendees (full_name, email), events (name)`.
    noteWithoutEmbedding('check-in update returning the attendee and event');
    const scannedQRCode = checkedIn.qr_code;
    const checkedInAt = new Date().toISOString();
    const ticket = data(
      await office
        .from('tickets')
        .update({ status: 'used', checked_in_at: checkedInAt })
        .eq('qr_code', scannedQRCode)
        .eq('event_id', EVENT_ID)
        .eq('status', 'active')
        .select('ticket_number, attendee_id, event_id')
        .single(),
      'check-in',
    );
    assert.deepEqual(ticket, { ticket_number: checkedIn.ticket_number, attendee_id: checkedIn.attendee_id, event_id: EVENT_ID });
    const attendee = data(
      await office.from('attendees').select('full_name, email').eq('id', ticket.attendee_id).single(),
      'attendee',
    );
    assert.equal(`Welcome ${attendee.full_name}!`, 'Welcome John Doe!');
    const event = data(await office.from('events').select('name').eq('id', ticket.event_id).single(), 'event');
    assert.equal(event.name, selectedEvent.name);

    // The same code again: no active ticket matches, so .single() fails with PGRST116.
    const again = await office
      .from('tickets')
      .update({ status: 'used', checked_in_at: new Date().toISOString() })
      .eq('qr_code', scannedQRCode)
      .eq('event_id', EVENT_ID)
      .eq('status', 'active')
      .select('ticket_number')
      .single();
    assert.equal(again.error?.code, 'PGRST116', `already checked in: ${JSON.stringify(again.error)}`);
    assert.equal(again.status, 406);
    assert.equal(again.data, null);
    const kept = data(await office.from('tickets').select('checked_in_at').eq('qr_code', scannedQRCode).single(), 'ticket');
    assert.equal(Date.parse(kept.checked_in_at), Date.parse(checkedInAt), 'the first check-in time stays');
  });

  await step('organizer dashboard: events with statistics', async () => {
    // EMBEDDING: the seed selects `…, venues (name, address), event_stats (tickets_sold,
    // tickets_available, tickets_active, tickets_used)`.
    noteWithoutEmbedding('organizer dashboard events with venues and event_stats');
    const mine = data(
      await office
        .from('events')
        .select('id, name, slug, status, start_at, capacity, venue_id')
        .eq('organizer_id', organizer.id)
        .order('start_at', { ascending: false }),
      'events',
    );
    const starts = mine.map((e) => Date.parse(e.start_at));
    assert.deepEqual(starts, [...starts].sort((a, b) => b - a), 'newest first');
    assert.ok(mine.every((e) => e.slug.endsWith(e.id.slice(0, 8))), 'slugs end with the id prefix');
    const venues = byId(
      data(await office.from('venues').select('id, name, address').in('id', unique(mine.map((e) => e.venue_id))), 'venues'),
    );
    const stats = byId(
      data(
        await office
          .from('event_stats')
          .select('event_id, tickets_sold, tickets_available, tickets_active, tickets_used')
          .in('event_id', mine.map((e) => e.id)),
        'event_stats',
      ),
      'event_id',
    );
    const live = mine.find((e) => e.id === EVENT_ID);
    assert.ok(live, 'the event is among the organizer’s');
    const s = stats[EVENT_ID];
    assert.ok(venues[live.venue_id], 'its venue');
    assert.equal(s.tickets_sold, s.tickets_active + s.tickets_used);
    assert.equal(s.tickets_available, live.capacity - s.tickets_sold);
    assert.equal(s.tickets_available, availableBefore - tickets.length);
    console.error(`      ${live.name}: ${s.tickets_sold} / ${live.capacity} sold (${s.tickets_available} remaining), ${s.tickets_used} checked in`);
  });

  const revenue = await step('revenue analytics: paid orders by event', async () => {
    // EMBEDDING: the seed selects `event_id, events (name), total_cents`.
    noteWithoutEmbedding('revenue by event with event names');
    const paid = data(await office.from('orders').select('event_id, total_cents').eq('payment_status', 'paid'), 'orders');
    const names = byId(
      data(await office.from('events').select('id, name').in('id', unique(paid.map((o) => o.event_id))), 'events'),
    );
    const byEvent = {};
    for (const o of paid) {
      assert.ok(names[o.event_id], `the name of ${o.event_id}`);
      byEvent[o.event_id] = (byEvent[o.event_id] ?? 0) + o.total_cents;
    }
    assert.ok(byEvent[EVENT_ID] >= order.total_cents, 'the web order counts');
    return byEvent;
  });

  // For tests/server/tests/webapp.rs: what the web app made, to look for in a desktop replica.
  console.log(
    JSON.stringify({
      supabase_js: SUPABASE_JS,
      event_id: EVENT_ID,
      order: { id: order.id, order_number: order.order_number, total_cents: order.total_cents, stripe_payment_intent_id: paymentIntent.id },
      attendees: attendees.map((a) => ({ id: a.id, full_name: a.full_name, email: a.email })),
      tickets: tickets.map((t) => ({
        id: t.id,
        ticket_number: t.ticket_number,
        qr_code: t.qr_code,
        attendee_id: t.attendee_id,
        checked_in_on_the_web: t.id === checkedIn.id,
      })),
      door_ticket: forTheDoor.id,
      revenue_cents_by_event: revenue,
      without_embedding: withoutEmbedding,
    }),
  );
}

main().then(
  () => process.exit(0),
  (error) => {
    const detail = error instanceof SupabaseError || error instanceof assert.AssertionError ? error.message : error.stack;
    console.error(`FAILED step "${currentStep}": ${detail}`);
    process.exit(1);
  },
);
