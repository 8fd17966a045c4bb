#!/usr/bin/env node
// Dev-only preview of the built UI without the desktop app. Never imported by src/.
//
// It serves ui/dist under the app's real CSP and answers the Tauri bridge
// (window.__TAURI_INTERNALS__.invoke) from JSON fixtures the facade produced for the demo.
//
//   npm run build && node dev/preview.mjs            screenshots into /tmp/ui-shots/
//   node dev/preview.mjs --serve [--port 4173]       serve for a browser, bridge injected
//
// Options (env): FIXTURES=/tmp/ui-fixtures  SHOTS=/tmp/ui-shots  CHROMIUM=/usr/bin/chromium
//                ONLY=box-office (only the runs whose name holds it)
// The fixtures come from `cargo run -p eventos-app --example ui_fixtures -- /tmp/ui-fixtures`.
// In --serve mode, ?scenario=first_run|broken|ready|today|failing|empty picks the bridge's answers;
// the sync scenarios (ready, sync not as "not connected") are synced|offline|signed_out|bootstrapping|sync_error|door;
// the Check-in screen's camera: no_camera (none found), camera_busy (one, in use by another program).
// The Programme page's warnings: clashes (a speaker and a room booked twice, and more).

import { createServer } from "node:http";
import { existsSync, mkdirSync, readFileSync, statSync } from "node:fs";
import { extname, join, normalize, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const DIST = resolve(here, "..", "dist");
const FIXTURES = process.env.FIXTURES ?? "/tmp/ui-fixtures";
const SHOTS = process.env.SHOTS ?? "/tmp/ui-shots";
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const ONLY = process.env.ONLY ?? "";
// As the app's (tauri.conf.json), less what only the desktop app needs (the IPC origins).
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const args = process.argv.slice(2);
const serveOnly = args.includes("--serve");
const portArg = args.indexOf("--port");
const port = portArg >= 0 ? Number(args[portArg + 1]) : serveOnly ? 4173 : 0;

function fixture(name) {
  return JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), "utf8"));
}

const fixtures = {
  status_first_run: fixture("status_first_run"),
  status: fixture("status"),
  dashboard: fixture("dashboard"),
  events: fixture("events"),
  event: fixture("event"),
  companies: fixture("companies"),
  programme: fixture("programme"),
  event_analytics: fixture("event_analytics"),
  waitlist: fixture("waitlist"),
  budget: fixture("budget"),
};

/**
 * The stand-in bridge, as page-side source. `scenario` is one of
 * first_run (welcome screen, the demo opens after ~1 s), ready, broken, today
 * (ready, with the first upcoming event moved into "today" to show the door cards),
 * failing (ready, but companies() fails once with `busy` to show the error banner),
 * empty (ready, as after "Start empty": no events, no companies, no sales).
 * Sync (an in-memory stand-in for the facade's connection, outbox and conflict log): every
 * scenario above is "not connected", and connect() works (password "wrong" fails sign-in,
 * a URL with "unreachable" in it can't be reached). These start connected (ready workspace):
 * synced (one change waiting, one refused, one conflict), offline, signed_out, sync_error,
 * bootstrapping (a first download in progress, moving on with each status poll), door (synced,
 * keeping one event, nothing waiting). scope_choices lists the account and three of its events;
 * set_scopes keeps them and starts a download again (refused while changes wait and one is dropped).
 */
function bridgeSource(scenario) {
  return `(() => {
  const F = ${JSON.stringify(fixtures)};
  const scenario = new URLSearchParams(location.search).get("scenario") || ${JSON.stringify(scenario)};
  const clone = (v) => JSON.parse(JSON.stringify(v));
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
  const key = "preview.state";
  const initial = scenario === "first_run" ? "first_run" : scenario === "broken" ? "broken" : "ready";
  let state = sessionStorage.getItem(key) || initial;
  let movedTo = null;
  const setState = (s) => { state = s; sessionStorage.setItem(key, s); };
  const status = () => ({
    ...F.status,
    state,
    problem: state === "broken"
      ? { code: "corrupt_database", message: "database disk image is malformed (" + F.status.data_dir + "/eventos.db)" }
      : null,
    moved_to: movedTo,
  });
  const fail = (code, message, field) => { throw field ? { code, message, field } : { code, message }; };
  const needReady = () => {
    if (state === "first_run") fail("no_workspace", "no workspace is open yet");
    if (state === "broken") fail("corrupt_database", "database disk image is malformed");
  };
  const statusRank = { draft: 0, published: 1, cancelled: 2, completed: 3 };

  // ---- Sync stand-in ----
  const nowIso = (offsetMs = 0) => new Date(Date.now() + offsetMs).toISOString().replace("Z", "000Z");
  const ACCOUNT = "7c0e3b52-4a8e-4f8a-9d1c-2b5e6f7a8b9c";
  const connectedScenarios = ["synced", "offline", "signed_out", "sync_error", "bootstrapping", "door"];
  const eventId = F.event.summary.id;
  const sync = {
    connected: connectedScenarios.includes(scenario),
    phase: scenario === "bootstrapping" ? "bootstrapping" : scenario === "sync_error" ? "error"
      : connectedScenarios.includes(scenario) && scenario !== "door" ? scenario : "synced",
    url: "https://qzkxbnvtrelmwpoa.supabase.co",
    email: "maya.chen@northwind-events.ca",
    lastSyncedAt: scenario === "bootstrapping" ? null : nowIso(-2 * 60 * 1000),
    done: 12000,
    total: 300000,
    syncingPolls: 0,
    scopes: scenario === "door" ? ["event:" + eventId] : connectedScenarios.includes(scenario) ? ["account:" + ACCOUNT] : [],
    /** The scope the download in progress fills. */
    downloading: null,
  };
  const scopeChoices = () => [
    { scope: "account:" + ACCOUNT, label: "Northwind Events" },
    ...F.events.slice(1, 4).map((e) => ({ scope: "event:" + e.id, label: e.name + " (" + e.start_at.slice(0, 10) + ")" })),
  ].map((c) => ({ ...c, kept: sync.scopes.includes(c.scope) }));
  let outbox = sync.connected && !["bootstrapping", "door"].includes(scenario) ? [
    { change_id: "0193a5c2-7d1e-7b4a-9f3e-5c2d1a0b9e8f", table: "events", row_id: eventId, op: "update",
      fields: ["capacity", "name"], created_at: nowIso(-4 * 60 * 1000), error: null, attempts: 0 },
    { change_id: "0193a5c2-8a2f-7c5b-8e4d-6d3e2b1c0f9a", table: "tickets", row_id: "5b1f0e2d-3c4b-4a59-8687-9a0b1c2d3e4f", op: "update",
      fields: ["status"], created_at: nowIso(-35 * 60 * 1000),
      error: "new row violates row-level security policy for table \\"tickets\\"", attempts: 3 },
  ] : [];
  let conflicts = sync.connected && !["bootstrapping", "door"].includes(scenario) ? [
    { id: 2, table: "events", row_id: eventId, field: "description",
      mine: JSON.stringify("Talks and workshops on applied AI, with an evening mixer."),
      winner: JSON.stringify(F.event.description), winner_by: "the web", at: nowIso(-50 * 60 * 1000), undone_at: null },
    { id: 1, table: "sessions", row_id: "9e8d7c6b-5a49-4382-9170-a1b2c3d4e5f6", field: "room",
      mine: JSON.stringify("Hall B"), winner: "null", winner_by: "device 4f9a2c1e", at: nowIso(-26 * 3600 * 1000),
      undone_at: nowIso(-25 * 3600 * 1000) },
  ] : [];
  const edits = {};
  /** Events the organize stand-in made (created or duplicated): what their summary doesn't hold. */
  const made = {};
  /** Tickets a cancellation cancelled, per event. */
  const cancelledHere = {};
  const syncStatus = () => {
    const waiting = outbox.length;
    const failed = outbox.filter((c) => c.error !== null).length;
    const base = { waiting, failed, conflicts: conflicts.filter((c) => c.winner !== null && !c.undone_at).length };
    if (!sync.connected) {
      // As the facade: connecting puts the file aside when it holds data (the demo's; not "Start empty").
      return { state: "not_connected", project_url: null, email: null, ...base, last_synced_at: null,
               error: null, progress: null, scopes: [], session_kept_in: null,
               connect_moves_aside: scenario !== "empty" };
    }
    let state = sync.phase, progress = null, error = null;
    if (sync.phase === "bootstrapping") {
      state = "syncing";
      progress = { scope: sync.downloading || sync.scopes[0], done: sync.done, total: sync.total };
      sync.done = Math.min(sync.total, sync.done + 4000);
      if (sync.done >= sync.total) { sync.phase = "synced"; sync.lastSyncedAt = nowIso(); sync.downloading = null; }
    } else if (sync.syncingPolls > 0 && sync.phase === "synced") {
      state = "syncing";
      sync.syncingPolls -= 1;
      if (sync.syncingPolls === 0) { sync.phase = "synced"; sync.lastSyncedAt = nowIso(); }
    }
    if (state === "error") error = { code: "server_refused", message: "push_changes: 503 Service Unavailable (the project is paused or restarting)" };
    if (state === "offline") error = { code: "unreachable", message: "error sending request for url (" + sync.url + "/rest/v1/rpc/pull_changes): dns error" };
    return { state, project_url: sync.url, email: sync.email, ...base, last_synced_at: sync.lastSyncedAt,
             error, progress, scopes: sync.scopes, session_kept_in: "the system keychain", connect_moves_aside: false };
  };
  const queueChange = (table, rowId, fields) => {
    outbox.push({ change_id: crypto.randomUUID(), table, row_id: rowId, op: "update", fields,
                  created_at: nowIso(), error: null, attempts: 0 });
    if (sync.connected && sync.phase === "synced") sync.syncingPolls = 2;
  };
  const withEdits = (summary) => ({ ...summary, ...(edits[summary.id] || {}) });
  const handlers = {
    status: async () => status(),
    open_demo: async () => { await sleep(1000); setState("ready"); return status(); },
    start_empty: async () => { await sleep(300); setState("ready"); return status(); },
    move_aside_and_start_fresh: async () => {
      await sleep(300);
      if (state !== "broken") fail("workspace_exists", "the workspace is not broken; nothing to move aside");
      movedTo = F.status.data_dir + "/eventos.db.broken-" + Math.floor(Date.now() / 1000);
      setState("first_run");
      return status();
    },
    dashboard: async () => {
      needReady();
      if (scenario === "empty") {
        return { today: [], upcoming: [], revenue_cents: 0, tickets_sold: 0,
                 sales: F.dashboard.sales.map((s) => ({ date: s.date, tickets: 0 })) };
      }
      const d = clone(F.dashboard);
      if (scenario === "today" && d.today.length === 0 && d.upcoming.length > 0) {
        // Preview only: pretend the next event runs today, shifted to the same local times.
        const e = d.upcoming.shift();
        const start = new Date(e.start_at), end = new Date(e.end_at), now = new Date();
        const shift = new Date(now.getFullYear(), now.getMonth(), now.getDate(), start.getHours(), start.getMinutes()) - start;
        e.start_at = new Date(+start + shift).toISOString();
        e.end_at = new Date(+end + shift).toISOString();
        d.today.push(e);
      }
      return d;
    },
    events: async ({ query }) => {
      needReady();
      const words = String(query.search || "").toLowerCase().split(/\\s+/).filter(Boolean);
      let rows = (scenario === "empty" ? [] : clone(F.events).map(withEdits)).filter((e) => {
        const hay = [e.name, e.venue_name || "", e.slug].join(" ").toLowerCase();
        return words.every((w) => hay.includes(w));
      });
      const by = {
        start_at: (a, b) => a.start_at.localeCompare(b.start_at),
        name: (a, b) => a.name.localeCompare(b.name),
        tickets_sold: (a, b) => a.tickets_sold - b.tickets_sold,
        status: (a, b) => (statusRank[a.status] ?? 9) - (statusRank[b.status] ?? 9),
      }[query.sort];
      rows.sort((a, b) => by(a, b) || a.start_at.localeCompare(b.start_at));
      if (query.descending) rows.reverse();
      await sleep(40);
      return rows;
    },
    event: async ({ id }) => {
      needReady();
      const edit = edits[id] || {};
      let d;
      if (F.event.summary.id === id) {
        d = clone(F.event);
        d.summary = withEdits(d.summary);
        if ("description" in edit) d.description = edit.description;
        d.tickets.capacity = d.summary.capacity;
        // What the box office stand-in sold (less what it voided) counts as sold and valid.
        const soldHere = office.taken[id] || 0;
        d.tickets.sold += soldHere;
        d.tickets.active += soldHere;
        d.summary.tickets_sold += soldHere;
      } else {
        const found = F.events.find((e) => e.id === id);
        const s = found && withEdits(found);
        if (!s) fail("not_found", "no event " + id);
        // Preview only: the fixtures hold one event's detail; others are built from their summary.
        const extra = made[id] || {};
        d = {
          summary: clone(s), description: "description" in edit ? edit.description : extra.description ?? null,
          visibility: extra.visibility ?? "public", price_cents: extra.price_cents ?? 0, venue_address: extra.venue_address ?? null,
          tickets: { capacity: s.capacity, sold: s.tickets_sold, available: 0,
                     active: s.tickets_sold - s.tickets_used, used: s.tickets_used, cancelled: 0 },
          sessions: clone(extra.sessions ?? []),
        };
      }
      // A cancellation cancelled the valid tickets: no longer sold, not in the revenue's places.
      const gone = cancelledHere[id] || 0;
      d.tickets.active -= gone;
      d.tickets.sold -= gone;
      d.tickets.cancelled += gone;
      d.summary.tickets_sold -= gone;
      d.tickets.available = Math.max(0, d.summary.capacity - d.tickets.sold);
      return d;
    },
    companies: async () => {
      needReady();
      // Fails once, so Retry shows the data.
      if (scenario === "failing" && !sessionStorage.getItem("preview.failed")) {
        sessionStorage.setItem("preview.failed", "1");
        fail("busy", "the workspace is busy (database is locked); try again in a moment");
      }
      return scenario === "empty" ? [] : clone(F.companies);
    },
    update_event: async ({ id, edit }) => {
      needReady();
      await sleep(250);
      const name = String(edit.name || "").trim();
      if (!name) fail("invalid", "events.name: the event needs a name");
      if (!Number.isInteger(edit.capacity) || edit.capacity < 10 || edit.capacity > 10000) {
        fail("invalid", "events.capacity: must be between 10 and 10000");
      }
      if (!(edit.status in statusRank)) fail("invalid", "events.status: must be one of draft, published, cancelled, completed");
      const description = edit.description && edit.description.trim() ? edit.description.trim() : null;
      edits[id] = { name, capacity: edit.capacity, status: edit.status, description };
      queueChange("events", id, ["capacity", "description", "name", "status"]);
      return handlers.event({ id });
    },
    sync_status: async () => { needReady(); return syncStatus(); },
    connect: async ({ form }) => {
      await sleep(1500);
      const url = String(form.url || "").trim().replace(/\\/+$/, "");
      if (!/^https?:\\/\\//.test(url) || url.length < 12) fail("invalid", "the project URL looks like https://<project>.supabase.co");
      if (!String(form.anon_key || "").trim()) fail("invalid", "the anon key is missing (Project Settings → API in Supabase)");
      if (!String(form.email || "").includes("@")) fail("invalid", "the email address is missing its @");
      if (!form.password) fail("invalid", "the password is missing");
      if (url.includes("unreachable")) fail("unreachable", "error sending request for url (" + url + "/auth/v1/token): connection refused");
      if (form.password === "wrong") fail("sign_in_failed", "Invalid login credentials");
      const same = sync.connected && sync.url === url && sync.email === form.email.trim();
      if (!same && state === "ready" && scenario !== "empty") {
        movedTo = F.status.data_dir + "/eventos.db.before-connect-" + Math.floor(Date.now() / 1000);
        outbox = [];
        conflicts = [];
      }
      setState("ready");
      Object.assign(sync, { connected: true, url, email: form.email.trim(), scopes: ["account:" + ACCOUNT], downloading: null });
      if (same) { sync.phase = "synced"; sync.syncingPolls = 2; }
      else { sync.phase = "bootstrapping"; sync.done = 0; sync.lastSyncedAt = null; }
      return syncStatus();
    },
    sign_out: async () => {
      if (!sync.connected) fail("not_connected", "this workspace is not connected to Supabase");
      await sleep(200);
      sync.phase = "signed_out";
      sync.syncingPolls = 0;
      return syncStatus();
    },
    sync_now: async () => {
      if (!sync.connected) fail("not_connected", "this workspace is not connected to Supabase");
      if (sync.phase === "signed_out") fail("session_ended", "the session ended: sign in again");
      if (sync.phase !== "bootstrapping" && sync.phase !== "offline") { sync.phase = "synced"; sync.syncingPolls = 2; }
      return syncStatus();
    },
    scope_choices: async () => {
      if (!sync.connected) fail("not_connected", "this workspace is not connected to Supabase");
      await sleep(600);
      if (sync.phase === "signed_out") fail("session_ended", "sign in again to see what this computer can keep");
      if (sync.phase === "offline") fail("unreachable", "error sending request for url (" + sync.url + "/rest/v1/rpc/scope_choices): dns error");
      return scopeChoices();
    },
    set_scopes: async ({ scopes }) => {
      if (!sync.connected) fail("not_connected", "this workspace is not connected to Supabase");
      if (!scopes.length) fail("invalid", "choose at least one thing for this computer to keep");
      await sleep(300);
      const dropping = sync.scopes.some((s) => !scopes.includes(s));
      if (dropping && outbox.length > 0) {
        fail("invalid", outbox.length + " change(s) still wait to go up: sync them (or discard them) before this computer stops keeping something");
      }
      const added = scopes.filter((s) => !sync.scopes.includes(s));
      sync.scopes = [...scopes];
      if (dropping) conflicts = [];
      if (dropping || added.length) {
        Object.assign(sync, { phase: "bootstrapping", done: 0, total: 48000, downloading: dropping ? scopes[0] : added[0] });
        if (dropping) sync.lastSyncedAt = null;
      }
      return syncStatus();
    },
    outbox: async () => { needReady(); return clone(outbox); },
    retry_change: async ({ changeId }) => {
      const c = outbox.find((x) => x.change_id === changeId && x.error !== null);
      if (!c) fail("not_found", "that change is not waiting for a retry");
      await sleep(300);
      c.error = null;
      return clone(outbox);
    },
    discard_change: async ({ changeId }) => {
      if (!outbox.some((x) => x.change_id === changeId)) fail("not_found", "that change is no longer in the outbox");
      await sleep(300);
      outbox = outbox.filter((x) => x.change_id !== changeId);
      return clone(outbox);
    },
    conflicts: async () => { needReady(); return clone(conflicts); },
    undo_conflict: async ({ id }) => {
      const c = conflicts.find((x) => x.id === id);
      if (!c) fail("not_found", "there is no conflict " + id);
      if (c.undone_at) fail("invalid", "this conflict was undone already");
      await sleep(300);
      c.undone_at = nowIso();
      queueChange(c.table, c.row_id, [c.field]);
      return clone(conflicts);
    },
  };
  // ---- Door stand-in (Check-in screen) ----
  // A few fake tickets for whichever event the door checks: the first scan of one is admitted,
  // the next says already checked in; "CANCELLED…", "REFUNDED…", "WRONG…", "EOS1.FORGED…" and
  // "EOS1.…" give those verdicts, an unknown TKT-… number "unknown", anything else "not a ticket".
  // The camera is a folder of images (scenario no_camera: none; camera_busy: one, in use);
  // window.__previewCameraRead(payload) makes it read a code.
  const ago = (minutes) => nowIso(-minutes * 60 * 1000);
  const tickets = [
    { ticket_id: "a1f3c2d4-0001", ticket_number: "TKT-B1111111-251013", name: "Priya Ramanathan",
      email: "priya.ramanathan@northwind.example", order_number: "ORD-20251013-0042", status: "active",
      // A legacy QR code (base64) that starts with "/", the search's key: the screen must still scan it.
      qr: "/x1Hq9ZpLm0aQe3Rt7YuIo2Pb5Nc8Vd4Wf6Gh1Jk0Ls=" },
    { ticket_id: "a1f3c2d4-0002", ticket_number: "TKT-C2222222-251014", name: "Jonathan Okonkwo-Bellamy",
      email: "j.okonkwo-bellamy@example.ca", order_number: "ORD-20251014-0107", status: "active" },
    { ticket_id: "a1f3c2d4-0003", ticket_number: "TKT-D3333333-251020", name: "Mei Lin",
      email: "mei.lin@example.com", order_number: "ORD-20251020-0311", status: "used",
      entry: { at: ago(38), gate: "Gate B", device_id: "device-4f9a", this_device: false } },
    { ticket_id: "a1f3c2d4-0004", ticket_number: "TKT-E4444444-251021", name: "Alex Tremblay",
      email: "alex.tremblay@example.ca", order_number: "ORD-20251021-0099", status: "cancelled" },
    { ticket_id: "a1f3c2d4-0005", ticket_number: "TKT-F5555555-251022", name: "Sofia Marchetti",
      email: "sofia.marchetti@example.it", order_number: "ORD-20251022-0150", status: "active" },
    { ticket_id: "a1f3c2d4-0006", ticket_number: "TKT-A6666666-251023", name: "Daniel Park",
      email: "daniel.park@example.com", order_number: "ORD-20251023-0201", status: "refunded" },
    { ticket_id: "a1f3c2d4-0007", ticket_number: "TKT-B7777777-251024", name: "Mei-Ling Chow",
      email: "meiling.chow@example.ca", order_number: "ORD-20251020-0311", status: "active" },
  ];
  const door = { admitted: 0, exited: 0, camera: null, verdicts: [], seq: 0, frames: 0, frame: null };
  const inside = (t) => Boolean(t.entry) && !t.exit;
  const hit = (t) => ({ ticket_id: t.ticket_id, ticket_number: t.ticket_number, name: t.name, email: t.email,
                        order_number: t.order_number, status: t.status, inside: inside(t) });
  const verdict = (kind, t, extra = {}) => ({
    kind, name: t ? t.name : null, ticket_number: t ? t.ticket_number : null, order_number: t ? t.order_number : null,
    previous: null, other_event: null, detail: null, not_yet_synced: false, scanned_at: nowIso(), ...extra });
  const decide = (scan) => {
    if (!F.events.some((e) => e.id === scan.event_id)) fail("not_found", "this event is not on this computer");
    const text = String(scan.payload || "").trim();
    const upper = text.toUpperCase();
    const t = tickets.find((x) => x.ticket_number === upper || x.qr === text);
    if (upper.startsWith("CANCELLED")) return verdict("cancelled", tickets[3], { detail: "This ticket was cancelled." });
    if (upper.startsWith("REFUNDED")) return verdict("refunded", tickets[5], { detail: "This ticket was refunded." });
    if (upper.startsWith("WRONG")) {
      const other = F.events.find((e) => e.id !== scan.event_id);
      return verdict("wrong_event", { ...tickets[4], name: "Hannah Schultz", ticket_number: "TKT-9C0FFEE1-251001" },
                     { other_event: other ? other.name : null });
    }
    if (upper.startsWith("EOS1.FORGED")) {
      return verdict("invalid_signature", null, { detail: "the signature does not match the event's key: it may be forged." });
    }
    if (upper.startsWith("EOS1.")) {
      return verdict(scan.mode === "exit" ? "exited" : "admitted",
                     { name: "Oliver Bennett", ticket_number: "TKT-0B1E55ED-251101", order_number: null },
                     { not_yet_synced: true });
    }
    if (!t) {
      if (/^TKT-/.test(upper)) return verdict("unknown", null, { detail: "No ticket with this code is on this computer." });
      return verdict("not_a_ticket", null, { detail: "What was read is not an EventOS ticket code." });
    }
    if (t.status === "cancelled") return verdict("cancelled", t, { detail: "This ticket was cancelled." });
    if (t.status === "refunded") return verdict("refunded", t, { detail: "This ticket was refunded." });
    const here = { at: nowIso(), gate: scan.gate, device_id: "this-device", this_device: true };
    if (scan.mode === "exit") {
      if (!inside(t)) return verdict("not_inside", t, { previous: t.exit || null,
        detail: "This ticket has not been checked in, or has already left." });
      t.exit = here; door.exited += 1;
      return verdict("exited", t);
    }
    if (inside(t)) return verdict("already_checked_in", t, { previous: t.entry });
    t.entry = here; t.exit = null; t.status = "used"; door.admitted += 1;
    return verdict("admitted", t);
  };
  const previewFrame = () => {
    if (door.frame) return door.frame;
    // A ticket held up to the camera: a dark room, a white card, a QR-like pattern.
    const c = document.createElement("canvas");
    c.width = 640; c.height = 360;
    const g = c.getContext("2d");
    const bg = g.createLinearGradient(0, 0, 640, 360);
    bg.addColorStop(0, "#2b3140"); bg.addColorStop(1, "#151821");
    g.fillStyle = bg; g.fillRect(0, 0, 640, 360);
    g.save(); g.translate(320, 180); g.rotate(-0.06);
    g.fillStyle = "#f4f1ea"; g.fillRect(-150, -125, 300, 250);
    let seed = 7;
    const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const n = 25, m = 7, x0 = -n * m / 2 + 40, y0 = -n * m / 2;
    g.fillStyle = "#111";
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (rnd() > 0.5) g.fillRect(x0 + i * m, y0 + j * m, m, m);
    for (const [fx, fy] of [[0, 0], [n - 7, 0], [0, n - 7]]) {
      g.fillStyle = "#111"; g.fillRect(x0 + fx * m, y0 + fy * m, 7 * m, 7 * m);
      g.fillStyle = "#f4f1ea"; g.fillRect(x0 + (fx + 1) * m, y0 + (fy + 1) * m, 5 * m, 5 * m);
      g.fillStyle = "#111"; g.fillRect(x0 + (fx + 2) * m, y0 + (fy + 2) * m, 3 * m, 3 * m);
    }
    g.fillStyle = "#6b7280"; g.fillRect(-135, -100, 40, 8); g.fillRect(-135, -85, 30, 8);
    g.restore();
    door.frame = c.toDataURL("image/jpeg", 0.8);
    return door.frame;
  };
  window.__previewCameraRead = (payload) => {
    if (!door.camera) return false;
    door.seq += 1;
    door.verdicts.push({ seq: door.seq, frame_at: new Date().toISOString(), verdict: decide({ ...door.camera.door, method: "qr_code", payload }) });
    return true;
  };
  Object.assign(handlers, {
    check_in: async ({ scan }) => { needReady(); await sleep(15); return decide(scan); },
    door_counts: async ({ eventId: id }) => {
      needReady();
      const e = F.events.find((x) => x.id === id);
      if (!e) fail("not_found", "this event is not on this computer");
      const checkedIn = e.tickets_used + door.admitted;
      return { checked_in: checkedIn, sold: e.tickets_sold, inside: Math.max(0, checkedIn - 6 - door.exited) };
    },
    door_search: async ({ query }) => {
      needReady();
      await sleep(30);
      const words = String(query || "").toLowerCase().split(" ").filter(Boolean);
      return tickets.filter((t) => {
        const hay = [t.name, t.email, t.ticket_number, t.order_number].join(" ").toLowerCase();
        return words.length > 0 && words.every((w) => hay.includes(w));
      }).map(hit);
    },
    duplicate_entries: async () => {
      needReady();
      return [{ ticket_id: "a1f3c2d4-0099", ticket_number: "TKT-F00D1234-251009", name: "Grace Oduya",
                first: { at: ago(52), gate: "Gate B", device_id: "device-4f9a", this_device: false },
                again: { at: ago(9), gate: "Main entrance", device_id: "this-device", this_device: true } }];
    },
    cameras: async () => {
      await sleep(50);
      if (scenario === "no_camera") return [];
      if (scenario === "camera_busy") return [{ id: "camera:0", name: "HD Pro Webcam C920" }];
      return [{ id: "dir:/tmp/door-demo", name: "Images in /tmp/door-demo" }, { id: "camera:0", name: "Integrated Camera" }];
    },
    start_scanner: async ({ door: setup, cameraId }) => {
      await sleep(120);
      if (scenario === "camera_busy") fail("camera", "the camera is in use by another program; close it and try again");
      door.camera = { door: setup, source: cameraId.startsWith("dir:") ? "/tmp/door-demo (6 images)" : "Integrated Camera" };
      door.verdicts = []; door.seq = 0; door.frames = 0;
      return null;
    },
    stop_scanner: async () => { door.camera = null; return null; },
    scanner_poll: async ({ after }) => {
      if (!door.camera) return { running: false, source: "", frames: 0, frame_size: null, frame: null, verdicts: [], error: null };
      door.frames += 1;
      return { running: true, source: door.camera.source, frames: door.frames, frame_size: "1280×720", frame: previewFrame(),
               verdicts: door.verdicts.filter((v) => v.seq > after), error: null };
    },
  });
  // ---- Box office stand-in ----
  // Sales take places from the event's capacity (as this computer knows it) and count as sold
  // here, unsynced; cancel and refund follow the facade's rules (only valid tickets are voided;
  // a refusal names each ticket and why). window.__previewCheckIn(ticketNumber) marks a ticket
  // sold here as checked in, to show what a refund leaves as it was.
  // The QR codes are a STAND-IN: a QR-like pattern of squares made from the payload, which no
  // scanner reads. The app draws real ones (the facade's eventos_scan::qr_path).
  const office = { taken: {}, unsynced: {}, orders: {}, orderOf: {}, seed: 0x1a2b3c4d };
  const sellRandom = () => (office.seed = (Math.imul(office.seed, 1103515245) + 12345) >>> 0);
  const hex8 = () => sellRandom().toString(16).padStart(8, "0");
  const pad2 = (n) => String(n).padStart(2, "0");
  const hashOf = (text) => { let h = 2166136261; for (const c of text) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0; return h; };
  const standInQr = (payload) => {
    const n = 29, quiet = 4;
    let h = hashOf(payload) || 1;
    const rnd = () => (h = (Math.imul(h, 1664525) + 1013904223) >>> 0) / 4294967296;
    const dark = Array.from({ length: n }, () => Array.from({ length: n }, () => rnd() < 0.48));
    for (const [fx, fy] of [[0, 0], [n - 7, 0], [0, n - 7]]) {
      for (let y = -1; y <= 7; y++) for (let x = -1; x <= 7; x++) {
        const X = fx + x, Y = fy + y;
        if (X < 0 || Y < 0 || X >= n || Y >= n) continue;
        const ring = Math.max(Math.abs(x - 3), Math.abs(y - 3));
        dark[Y][X] = ring !== 2 && ring !== 4;
      }
    }
    for (let i = 8; i < n - 8; i++) { dark[6][i] = i % 2 === 0; dark[i][6] = i % 2 === 0; }
    let d = "";
    dark.forEach((row, y) => {
      for (let x = 0; x < n; x++) {
        if (!row[x]) continue;
        const start = x;
        while (x < n && row[x]) x++;
        d += "M" + (start + quiet) + " " + (y + quiet) + "h" + (x - start) + "v1h-" + (x - start) + "z";
      }
    });
    return { size: n + 2 * quiet, d };
  };
  const findEvent = (ref) => {
    const e = F.events.find((x) => x.id === ref || x.slug === ref);
    if (!e) fail("not_found", "no event '" + ref + "' on this computer");
    return withEdits(e);
  };
  const priceOf = (id) => (id === F.event.summary.id ? F.event.price_cents : made[id]?.price_cents ?? 0);
  const boxOffice = (ref) => {
    needReady();
    const e = findEvent(ref);
    const taken = e.tickets_sold + (office.taken[e.id] || 0);
    const left = e.capacity - taken;
    const closed = e.status === "published" ? (left <= 0 ? "sold out as this computer knows it" : null)
      : e.status === "draft" ? "the event is a draft: publish it to sell tickets" : "the event is " + e.status;
    return { event_id: e.id, event_name: e.name, status: e.status, price_cents: priceOf(e.id), capacity: e.capacity,
             places_taken: taken, places_left: left, sold_here_unsynced: office.unsynced[e.id] || 0, closed_because: closed };
  };
  const checkedHolder = (h, at) => {
    const name = String(h.name || "").trim(), email = String(h.email || "").trim();
    if (!name) fail("invalid", "a name is needed", at + ".name");
    const [user, domain = ""] = email.split("@");
    if (!user || !domain.includes(".") || domain.startsWith(".") || domain.endsWith(".") || /\\s/.test(email) || email.split("@").length !== 2) {
      fail("invalid", "'" + email + "' is not an email address", at + ".email");
    }
    return { name, email };
  };
  const ticketCode = (t, eventId) => {
    const signed = eventId === F.event.summary.id;
    const payload = signed ? "EOS1." + btoa(JSON.stringify({ t: t.ticket_number, h: t.name })).replace(/=+$/, "") + ".c3RhbmQtaW4"
                           : t.stored;
    return { ticket_number: t.ticket_number, name: t.name, payload, signed };
  };
  const queueInsert = (table, fields) => {
    outbox.push({ change_id: crypto.randomUUID(), table, row_id: crypto.randomUUID(), op: "insert", fields,
                  created_at: nowIso(), error: null, attempts: 0 });
  };
  const voidTickets = (orderNumber, only, kind, reason) => {
    const order = office.orders[orderNumber];
    if (!order) fail("not_found", "no order " + orderNumber + " on this computer");
    const mine = order.tickets.filter((t) => !only || t.ticket_number === only);
    const voided = [], kept = [];
    for (const t of mine) {
      if (t.status === "active") { t.status = kind === "refund" ? "refunded" : "cancelled"; t.reason = reason; voided.push(t.ticket_number); }
      else kept.push(t.ticket_number);
    }
    if (voided.length === 0) {
      const why = mine.map((t) => t.ticket_number + (t.status === "used" ? " was checked in at " + t.checked_in_at : " is " + t.status));
      fail("invalid", "nothing to " + kind + " in " + orderNumber + ": " + (why.join("; ") || "it has no tickets"));
    }
    office.taken[order.eventId] -= voided.length;
    for (const n of voided) queueChange("tickets", n, ["status", "status_reason"]);
    const allVoid = order.tickets.every((t) => t.status === "cancelled" || t.status === "refunded");
    return { order_number: orderNumber, voided, kept, order_refunded: allVoid && order.tickets.some((t) => t.status === "refunded") };
  };
  window.__previewCheckIn = (ticketNumber) => {
    const order = office.orders[office.orderOf[ticketNumber]];
    const t = order && order.tickets.find((x) => x.ticket_number === ticketNumber);
    if (!t || t.status !== "active") return false;
    t.status = "used";
    t.checked_in_at = nowIso();
    return true;
  };
  Object.assign(handlers, {
    box_office: async ({ event }) => { await sleep(30); return boxOffice(event); },
    sell: async ({ request }) => {
      needReady();
      await sleep(250);
      const q = request.quantity;
      if (!Number.isInteger(q) || q < 1 || q > 20) fail("invalid", "must be between 1 and 20", "quantity");
      const given = request.holders || [];
      if (given.length > q) fail("invalid", given.length + " holders given for " + q + " tickets", "holders");
      const buyer = checkedHolder(request.buyer || {}, "buyer");
      const holders = Array.from({ length: q }, (_, i) => (given[i] ? checkedHolder(given[i], "holders." + i) : buyer));
      const before = boxOffice(request.event);
      if (before.status !== "published") fail("invalid", "cannot sell tickets for " + before.event_name + ": " + before.closed_because);
      if (q > before.places_left) {
        fail("sold_out", "only " + Math.max(0, before.places_left) + " of " + before.capacity + " places are left for " + before.event_name +
             " as this computer knows it; other laptops may be selling too", "quantity");
      }
      const now = new Date();
      const day = now.getFullYear() + pad2(now.getMonth() + 1) + pad2(now.getDate());
      const orderNumber = "ORD-" + day + "-" + hex8();
      const unit = request.payment === "complimentary" ? 0 : before.price_cents;
      const tickets = holders.map((h) => ({
        ticket_number: "TKT-" + hex8().toUpperCase() + "-" + day.slice(2), name: h.name, email: h.email,
        status: "active", stored: hex8() + hex8() + hex8() + hex8(), reason: null, checked_in_at: null,
      })).sort((a, b) => a.ticket_number.localeCompare(b.ticket_number));
      office.orders[orderNumber] = { eventId: before.event_id, tickets };
      for (const t of tickets) office.orderOf[t.ticket_number] = orderNumber;
      office.taken[before.event_id] = (office.taken[before.event_id] || 0) + q;
      office.unsynced[before.event_id] = (office.unsynced[before.event_id] || 0) + q;
      queueInsert("orders", ["event_id", "payment_method", "payment_status", "quantity", "unit_price_cents"]);
      for (let i = 0; i < q; i++) { queueInsert("attendees", ["email", "full_name", "order_id"]); queueInsert("tickets", ["attendee_id", "order_id"]); }
      return { order_id: crypto.randomUUID(), order_number: orderNumber, total_cents: unit * q, payment: request.payment,
               tickets: tickets.map((t) => ticketCode(t, before.event_id)), box_office: boxOffice(before.event_id) };
    },
    void_order: async ({ orderNumber, kind, reason }) => {
      needReady();
      await sleep(200);
      return voidTickets(orderNumber, null, kind, reason);
    },
    void_ticket: async ({ ticketNumber, kind, reason }) => {
      needReady();
      await sleep(200);
      const orderNumber = office.orderOf[ticketNumber];
      if (!orderNumber) fail("not_found", "no ticket " + ticketNumber + " on this computer");
      return voidTickets(orderNumber, ticketNumber, kind, reason);
    },
    ticket_qr: async ({ payload }) => standInQr(payload),
    change_holder: async ({ ticketNumber, holder }) => {
      needReady();
      await sleep(150);
      const h = checkedHolder(holder || {}, "holder");
      const order = office.orders[office.orderOf[ticketNumber]];
      const t = order && order.tickets.find((x) => x.ticket_number === ticketNumber);
      if (!t) fail("not_found", "no ticket " + ticketNumber + " on this computer");
      Object.assign(t, h);
      queueChange("attendees", ticketNumber, ["email", "full_name"]);
      return ticketCode(t, order.eventId);
    },
  });
  // ---- Organize stand-in (new event, status steps, duplicate) ----
  // Venues for the picker (the fixtures' venues, with a few in other zones); times typed on a
  // venue's wall clock are read in its zone as the facade does: a time the clocks skip is
  // refused, a bad zone name too. Statuses follow the facade's steps; a cancellation cancels the
  // valid tickets. A duplicate moves its sessions on the venue's wall clock.
  const localZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const venueId = (n) => "0e5a1c00-7b2d-4c3e-8f10-" + String(n).padStart(12, "0");
  const venues = [
    ["Metro Toronto Convention Centre", "255 Front St W", "Toronto", "America/Toronto"],
    ["Fairmont Royal York", "100 Front St W", "Toronto", "America/Toronto"],
    ["Design Exchange", "234 Bay St", "Toronto", "America/Toronto"],
    ["Steam Whistle Brewing", "255 Bremner Blvd", "Toronto", "America/Toronto"],
    ["Evergreen Brick Works", "550 Bayview Ave", "Toronto", "America/Toronto"],
    ["Palais des congrès de Montréal", "1001 Pl. Jean-Paul-Riopelle", "Montréal", "America/Toronto"],
    ["Vancouver Convention Centre", "1055 Canada Pl", "Vancouver", "America/Vancouver"],
    ["TELUS Convention Centre", "120 9 Ave SE", "Calgary", "America/Edmonton"],
    ["Halifax Convention Centre", "1650 Argyle St", "Halifax", "America/Halifax"],
    ["The Rooms", "9 Bonaventure Ave", "St. John's", null],
  ].map(([name, address, city, timezone], i) => ({ id: venueId(i + 1), name, address, city, timezone }));
  const venueOf = (eventId) => {
    if (made[eventId]) return venues.find((v) => v.id === made[eventId].venue_id) || null;
    const e = F.events.find((x) => x.id === eventId);
    return (e && venues.find((v) => v.name === e.venue_name)) || null;
  };
  const zoneOf = (venue) => (venue && venue.timezone) || localZone;
  const wall = (instant, zone) => {
    const f = new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit",
                                                 hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
    const p = Object.fromEntries(f.formatToParts(new Date(instant)).map((x) => [x.type, x.value]));
    return p.year + "-" + p.month + "-" + p.day + "T" + p.hour + ":" + p.minute;
  };
  const civilMs = (local) => {
    const [d, t] = local.split("T");
    const [y, m, day] = d.split("-").map(Number);
    const [h, mi] = t.split(":").map(Number);
    return Date.UTC(y, m - 1, day, h, mi);
  };
  const civilText = (ms) => new Date(ms).toISOString().slice(0, 16);
  const utcText = (ms) => new Date(ms).toISOString().replace(".000Z", ".000000Z");
  const knownZone = (zone) => { try { new Intl.DateTimeFormat("en", { timeZone: zone }); return true; } catch { return false; } };
  /** A wall-clock time in a zone as the instant it names (ms), or null when the clocks skip it. */
  const wallToMs = (local, zone) => {
    const want = civilMs(local);
    let guess = want;
    for (let i = 0; i < 3; i++) {
      guess = want - (civilMs(wall(guess, zone)) - guess);
      if (wall(guess, zone) === local) return guess;
    }
    return null;
  };
  const readTime = (local, zone, field) => {
    if (!knownZone(zone)) fail("invalid", "events." + field + ": '" + zone + "' is not a time zone", field);
    if (!/^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}$/.test(String(local || "").trim())) {
      fail("invalid", "events." + field + ": '" + local + "' is not a date and time like 2026-03-08T09:30", field);
    }
    const ms = wallToMs(local.trim(), zone);
    if (ms === null) {
      fail("invalid", "events." + field + ": " + local.replace("T", " ") + " does not exist in " + zone +
           ": the clocks go forward then; choose another time", field);
    }
    return ms;
  };
  const slugOf = (name, id) => name.toLowerCase().normalize("NFD").replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") + "-" + id.slice(0, 8);
  const refusal = (from, to, sold) => {
    if (from === to) return "the event is already " + from;
    if (from === "draft" && (to === "published" || to === "cancelled")) return null;
    if (from === "published" && (to === "completed" || to === "cancelled")) return null;
    if (from === "published" && to === "draft") return sold === 0 ? null : sold + " tickets are sold: cancel the event instead";
    if (from === "cancelled" || from === "completed") return "a " + from + " event stays " + from;
    if (to === "completed") return "only a published event can be completed";
    return "'" + to + "' is not a status (draft, published, completed, cancelled)";
  };
  // What a sync from another laptop would do: the event's status changes under the page.
  window.__previewSetStatus = (id, status) => { edits[id] = { ...(edits[id] || {}), status }; };
  Object.assign(handlers, {
    list_records: async ({ table, query }) => {
      needReady();
      await sleep(60);
      const byId = (query.filters || []).find((f) => f.field === "id" && f.op === "is");
      let rows;
      if (table === "venues") {
        rows = venues.map((v) => ({ id: v.id, name: v.name, address: v.address, city: v.city, timezone: v.timezone }));
      } else if (table === "events") {
        rows = F.events.map((e) => ({ id: e.id, name: e.name, venue_id: venueOf(e.id)?.id ?? null }));
      } else {
        fail("internal", "preview bridge: list_records answers venues and events only, not " + table);
      }
      if (byId) rows = rows.filter((r) => r.id === byId.value);
      const words = String(query.search || "").toLowerCase().split(" ").filter(Boolean);
      rows = rows.filter((r) => words.every((w) => [r.name, r.city || ""].join(" ").toLowerCase().includes(w)));
      rows.sort((a, b) => String(a.name).localeCompare(String(b.name)));
      return { rows: rows.slice(0, query.limit || 50), total: rows.length, next: null };
    },
    create_event: async ({ draft }) => {
      needReady();
      await sleep(250);
      const name = String(draft.name || "").trim();
      if (!name) fail("invalid", "an event needs a name", "name");
      let venue = null;
      if (draft.venue.kind === "existing") {
        venue = venues.find((v) => v.id === draft.venue.id);
        if (!venue) fail("not_found", "there is no venue with id " + draft.venue.id, "venue_id");
      }
      const zone = draft.venue.kind === "new" ? String(draft.venue.timezone || "").trim() || localZone : zoneOf(venue);
      const start = readTime(draft.starts, zone, "start_at");
      const end = readTime(draft.ends, zone, "end_at");
      if (!Number.isInteger(draft.capacity) || draft.capacity < 10 || draft.capacity > 10000) {
        fail("invalid", "events.capacity: must be between 10 and 10000", "capacity");
      }
      if (!Number.isInteger(draft.price_cents) || draft.price_cents < 0) fail("invalid", "events.price_cents: must be at least 0", "price_cents");
      if (end <= start) fail("invalid", "events.end_at: must be after start_at", "end_at");
      if (draft.venue.kind === "new") {
        if (!String(draft.venue.name || "").trim()) fail("invalid", "venues.name: a venue needs a name", "name");
        venue = { id: crypto.randomUUID(), name: draft.venue.name.trim(), address: draft.venue.address, city: draft.venue.city, timezone: zone };
        venues.push(venue);
        queueInsert("venues", ["address", "city", "name", "timezone"]);
      }
      const id = crypto.randomUUID();
      F.events.push({ id, name, slug: slugOf(name, id), kind: draft.kind, status: "draft", start_at: utcText(start), end_at: utcText(end),
                      venue_name: venue ? venue.name : null, capacity: draft.capacity, tickets_sold: 0, tickets_used: 0, revenue_cents: 0 });
      made[id] = { description: draft.description, visibility: draft.visibility, price_cents: draft.price_cents,
                   venue_address: venue ? [venue.address, venue.city].filter(Boolean).join(", ") || null : null,
                   venue_id: venue ? venue.id : null, sessions: [] };
      queueInsert("events", ["capacity", "end_at", "name", "start_at", "status", "type", "venue_id", "visibility"]);
      return handlers.event({ id });
    },
    status_plan: async ({ eventId, to }) => {
      await sleep(120);
      const d = await handlers.event({ id: eventId });
      const t = d.tickets;
      const consequence = to === "cancelled"
        ? (t.active > 0 ? t.active + " tickets not yet used will be cancelled: every door refuses them once it has synced. " +
                          "Refunds are made order by order at the box office." : "No valid tickets are affected.")
        : to === "published" ? "The event goes on sale: the box office and the web can sell tickets."
        : to === "completed" ? "The event is over: nothing more is sold." : "The event is hidden from sale again.";
      return { from: d.summary.status, to, refused: refusal(d.summary.status, to, t.sold), active_tickets: t.active,
               used_tickets: t.used, consequence };
    },
    set_event_status: async ({ eventId, to }) => {
      const plan = await handlers.status_plan({ eventId, to });
      if (plan.refused) fail("invalid", "cannot make the event " + to + ": " + plan.refused, "status");
      await sleep(200);
      edits[eventId] = { ...(edits[eventId] || {}), status: to };
      if (to === "cancelled") cancelledHere[eventId] = (cancelledHere[eventId] || 0) + plan.active_tickets;
      queueChange("events", eventId, ["status"]);
      return handlers.event({ id: eventId });
    },
    duplicate_event: async ({ eventId, starts }) => {
      const d = await handlers.event({ id: eventId });
      const venue = venueOf(eventId);
      const zone = zoneOf(venue);
      const start = readTime(starts, zone, "start_at");
      await sleep(300);
      // On the wall clock: a session at 09:00 the day after the start stays at 09:00 the day after.
      const by = civilMs(starts) - civilMs(wall(d.summary.start_at, zone));
      const shift = (utc) => {
        const moved = civilText(civilMs(wall(utc, zone)) + by);
        return utcText(wallToMs(moved, zone) ?? Date.parse(utc) + by);
      };
      const id = crypto.randomUUID();
      const name = d.summary.name + " (copy)";
      F.events.push({ ...d.summary, id, name, slug: slugOf(name, id), status: "draft", start_at: utcText(start),
                      end_at: shift(d.summary.end_at), tickets_sold: 0, tickets_used: 0, revenue_cents: 0 });
      made[id] = { description: d.description, visibility: d.visibility, price_cents: d.price_cents, venue_address: d.venue_address,
                   venue_id: venue ? venue.id : null,
                   sessions: d.sessions.map((s) => ({ ...s, id: crypto.randomUUID(), start_time: shift(s.start_time), end_time: shift(s.end_time) })) };
      queueInsert("events", ["name", "start_at", "end_at", "status"]);
      return handlers.event({ id });
    },
  });
  // ---- Programme and analytics stand-in (the event's Programme and Analytics pages) ----
  // The fixture event's programme and figures as the facade gave them; any other event has an
  // empty programme and no figures yet. Scenario "clashes" adds to the fixture's programme what
  // makes warnings (a second room, a speaker in two sessions at once, a room booked twice, a
  // session over its room's capacity, one the day after the event, a cancelled one and a short
  // break), with the warnings the facade would give. The fixture event has no feedback, networking
  // or session check-ins: the figures get made-up ones, so those parts show.
  const emptyRatings = () => ({ responses: 0, overall: null, content: null, speaker: null, venue: null, organization: null });
  const addClashes = (p) => {
    const day = p.days[0];
    const byTitle = (t) => day.sessions.find((s) => s.title === t);
    const main = p.rooms[0];
    const hall = { id: "5d2c7e0a-1b3f-4c8d-9e6a-7f8b9c0d1e2f", name: "Design Exchange", capacity: 120 };
    p.rooms = [hall, ...p.rooms];
    const speaker = (name) => p.speakers.find((s) => s.name === name);
    const maya = speaker("Dr. Maya Patel"), jonah = speaker("Jonah Whitfield"), hiroshi = speaker("Hiroshi Sato");
    const priya = { id: "8e1f2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b", name: "Priya Nair", status: "pending", sessions: [] };
    const session = (id, title, type, start, end, room, who, max, status = "scheduled") => ({
      id, title, session_type: type, status, start_local: start, end_local: end, room_id: room.id,
      speaker_id: who ? who.id : null, speaker_name: who ? who.name : null, max_attendees: max, warnings: [] });
    const keynote = byTitle("Opening Keynote"), lunch = byTitle("Networking Lunch");
    const workshop = session("3f9a1c2e-5b7d-4e8f-9a0b-1c2d3e4f5a6b", "Workshop: Fine-tuning in practice", "workshop",
      "2026-12-07T09:00", "2026-12-07T10:30", hall, maya, 150);
    const coffee = session("4a0b2d3f-6c8e-4f9a-8b1c-2d3e4f5a6b7c", "Coffee break", "break",
      "2026-12-07T10:30", "2026-12-07T10:45", hall, null, null);
    const lightning = session("5b1c3e4a-7d9f-4a0b-9c2d-3e4f5a6b7c8d", "Lightning talks", "talk",
      "2026-12-07T11:00", "2026-12-07T11:45", hall, jonah, 100, "cancelled");
    const demo = session("6c2d4f5b-8e0a-4b1c-8d3e-4f5a6b7c8d9e", "Sponsor demo: Maple Cloud", "demo",
      "2026-12-07T10:45", "2026-12-07T11:30", main, priya, 200);
    const bootcamp = session("7d3e5a6c-9f1b-4c2d-9e4f-5a6b7c8d9e0f", "MLOps bootcamp", "workshop",
      "2026-12-08T09:00", "2026-12-08T12:00", hall, hiroshi, 80);
    day.sessions.push(workshop, coffee, lightning, demo);
    day.sessions.sort((a, b) => a.start_local.localeCompare(b.start_local) || a.title.localeCompare(b.title));
    p.days.push({ date: "2026-12-08", sessions: [bootcamp] });
    p.warnings = [
      { kind: "speaker_double_booked", sessions: [keynote.id, workshop.id],
        message: "Dr. Maya Patel is in two sessions at once: Opening Keynote and Workshop: Fine-tuning in practice" },
      { kind: "over_room_capacity", sessions: [workshop.id],
        message: "Workshop: Fine-tuning in practice expects 150 people but Design Exchange holds 120" },
      { kind: "room_double_booked", sessions: [lunch.id, demo.id],
        message: main.name + " is booked twice: Networking Lunch and Sponsor demo: Maple Cloud overlap" },
      { kind: "outside_event_dates", sessions: [bootcamp.id], message: "MLOps bootcamp is outside the event's dates" },
    ];
    const order = ["speaker_double_booked", "room_double_booked", "outside_event_dates", "over_room_capacity"];
    for (const d of p.days) for (const s of d.sessions) {
      s.warnings = order.filter((k) => p.warnings.some((w) => w.kind === k && w.sessions.includes(s.id)));
    }
    maya.sessions.push(workshop.title);
    jonah.sessions.push(lightning.title);
    hiroshi.sessions.push(bootcamp.title);
    priya.sessions.push(demo.title);
    p.speakers.push(priya);
    p.speakers.sort((a, b) => a.name.localeCompare(b.name));
    const tier = (name) => p.sponsor_tiers.find((t) => t.tier === name);
    tier("gold").sponsors.push({ id: "9f5a7c8e-1b3d-4e4f-8a6b-7c8d9e0f1a2b", company_name: "Northwind Analytics", amount_cents: 750000, status: "pending" });
    p.sponsor_tiers.push({ tier: "partner", confirmed_cents: 0, sponsors: [
      { id: "0a6b8d9f-2c4e-4f5a-9b7c-8d9e0f1a2b3c", company_name: "Toronto AI Meetup", amount_cents: null, status: "confirmed" }] });
    p.materials.push(
      { id: "1b7c9e0a-3d5f-4a6b-8c8d-9e0f1a2b3c4d", title: "Keynote slides", material_type: "presentation",
        session_title: "Opening Keynote", file_url: "https://files.example.com/ai-summit-2026/keynote-maya-patel.pdf" },
      { id: "2c8d0f1b-4e6a-4b7c-9d9e-0f1a2b3c4d5e", title: "Fine-tuning notebook", material_type: "link",
        session_title: workshop.title, file_url: null });
  };
  const analyticsExtras = (a) => {
    const attended = [412, 268, 301, 187];
    a.sessions.forEach((s, i) => { s.attended = attended[i % attended.length]; });
    a.feedback = { responses: 46, overall: 4.34, content: 4.41, speaker: 4.62, venue: 3.87, organization: 4.05 };
    const ratings = [
      { responses: 18, overall: 4.61, content: 4.5, speaker: 4.83, venue: 4.0, organization: 4.2 },
      { responses: 11, overall: 4.09, content: 4.27, speaker: 4.36, venue: null, organization: 3.9 },
      { responses: 7, overall: 3.71, content: 3.43, speaker: null, venue: 3.57, organization: null },
      { responses: 4, overall: 4.5, content: 4.25, speaker: 4.75, venue: 4.0, organization: 4.25 },
    ];
    a.session_feedback = a.sessions.map((s, i) => ({ session_id: s.id, title: s.title, ratings: ratings[i % ratings.length] }));
    const at = (h, m) => "2026-12-07T" + String(h).padStart(2, "0") + ":" + String(m).padStart(2, "0") + ":00.000000Z";
    a.comments = [
      { author: "Grace Oduya", session_title: "Closing Keynote", overall_rating: 5, created_at: at(17, 48),
        comments: "Best closing talk I've seen in years: concrete, funny, and the Q&A ran long for good reason." },
      { author: null, session_title: null, overall_rating: 3, created_at: at(17, 31),
        comments: "Great speakers, but the registration line at 8:15 was far too long. A second check-in desk would help." },
      { author: "Jonathan Okonkwo-Bellamy", session_title: "Panel: The Future of Work", overall_rating: 4, created_at: at(16, 2),
        comments: "Good panel. I'd have liked more time for audience questions." },
      { author: "Mei Lin", session_title: "Networking Lunch", overall_rating: 4, created_at: at(15, 20),
        comments: "Loved the format.\\nThe food ran out by 11:05 though." },
      { author: null, session_title: "Opening Keynote", overall_rating: 5, created_at: at(14, 5),
        comments: "Inspiring start to the day." },
    ];
    a.connections = [{ label: "accepted", count: 38 }, { label: "declined", count: 3 }, { label: "pending", count: 14 }];
    return a;
  };
  Object.assign(handlers, {
    programme: async ({ event }) => {
      needReady();
      await sleep(40);
      const e = findEvent(event);
      if (e.id !== F.programme.event_id) {
        const zone = zoneOf(venueOf(e.id));
        return { event_id: e.id, event_name: e.name, zone, starts_local: wall(e.start_at, zone), ends_local: wall(e.end_at, zone),
                 rooms: [], days: [], speakers: [], sponsor_tiers: [], materials: [], warnings: [] };
      }
      const p = clone(F.programme);
      p.event_name = e.name;
      if (scenario === "clashes") addClashes(p);
      return p;
    },
    event_analytics: async ({ event }) => {
      needReady();
      await sleep(40);
      const e = findEvent(event);
      if (e.id !== F.event_analytics.event_id) {
        return { event_id: e.id, event_name: e.name, zone: zoneOf(venueOf(e.id)), sales_per_day: [], check_ins_per_quarter_hour: [],
                 sessions: [], feedback: emptyRatings(), session_feedback: [], comments: [], connections: [] };
      }
      const a = analyticsExtras(clone(F.event_analytics));
      a.event_name = e.name;
      return a;
    },
  });
  // ---- Waitlist, budget and workflow steps stand-in ----
  // The fixture's waitlist (a workshop's; other events start with none): each look lets expired
  // offers go and offers the free places (capacity less taken and held) to the next people
  // waiting, as the facade does, and says so in "moved" (the fixture's own words on the first
  // look). Places sold by the box office stand-in are taken; window.__previewTakePlaces(eventId, n)
  // takes n more (other laptops' sales, once synced). Converting an offer sells its one ticket
  // through the box office stand-in. The budget is the fixture's for its event (empty for
  // others); expenses take the facade's steps (record_steps, step_record) and the totals follow.
  // record_tables, record and record_titles answer for expenses (and event_teams' list, with its
  // note), enough for a record page.
  const OFFER_HOURS = F.waitlist.offer_hours;
  const SIGNED_IN = "Maya Chen";
  const profileIds = { "Olivia Owens": "5e1d2c3b-4a59-4687-9a0b-000000000001", "Maya Chen": "5e1d2c3b-4a59-4687-9a0b-000000000002",
                       "Jamal Reid": "5e1d2c3b-4a59-4687-9a0b-000000000003", "Sofia Marchetti": "5e1d2c3b-4a59-4687-9a0b-000000000004" };
  // The fixtures hold one event's detail: the workshop gets a price, so an order from its waitlist costs something.
  if (!made[F.waitlist.event_id] && F.waitlist.event_id !== F.event.summary.id) {
    const v = venueOf(F.waitlist.event_id);
    made[F.waitlist.event_id] = { description: null, visibility: "public", price_cents: 45000, sessions: [],
                                  venue_id: v ? v.id : null, venue_address: v ? v.address + ", " + v.city : null };
  }
  const lists = {};
  const waitlistOf = (eventId) => {
    if (!lists[eventId]) {
      const own = F.waitlist.event_id === eventId;
      lists[eventId] = { entries: own ? clone(F.waitlist.entries) : [], fresh: own ? clone(F.waitlist.moved) : [] };
    }
    return lists[eventId];
  };
  const takenOf = (e) => e.tickets_sold + (office.taken[e.id] || 0);
  const heldOf = (list, now) => list.entries.filter((x) => x.status === "offered" && (!x.expires_at || x.expires_at > now)).length;
  const moveWaitlist = (e) => {
    const list = waitlistOf(e.id);
    const now = nowIso();
    let expired = 0, offered = 0;
    for (const x of list.entries) {
      if (x.status === "offered" && x.expires_at && x.expires_at <= now) { x.status = "expired"; expired += 1; }
    }
    if (e.status === "published") {
      let free = e.capacity - takenOf(e) - heldOf(list, now);
      for (const x of list.entries) {
        if (free <= 0) break;
        if (x.status !== "waiting") continue;
        Object.assign(x, { status: "offered", offered_at: now, expires_at: nowIso(OFFER_HOURS * 3600 * 1000) });
        offered += 1; free -= 1;
      }
    }
    if (expired + offered > 0) queueChange("event_waitlists", e.id, ["expires_at", "notification_sent_at", "status"]);
    const words = list.fresh.splice(0);
    if (expired) words.push(expired + (expired === 1 ? " offer expired" : " offers expired") + " and moved on");
    if (offered) words.push(offered + (offered === 1 ? " place" : " places") + " offered, held for " + OFFER_HOURS + " hours");
    return words;
  };
  const readWaitlist = (e, moved) => {
    const list = waitlistOf(e.id);
    return { event_id: e.id, event_name: e.name, capacity: e.capacity, places_taken: takenOf(e), places_held: heldOf(list, nowIso()),
             offer_hours: OFFER_HOURS, entries: clone(list.entries), moved };
  };
  const entryOf = (entryId) => {
    for (const [eventId, list] of Object.entries(lists)) {
      const x = list.entries.find((y) => y.id === entryId);
      if (x) return { eventId, x };
    }
    fail("not_found", "there is no waitlist entry " + entryId + " on this computer");
  };
  window.__previewTakePlaces = (eventId, n) => { office.taken[eventId] = (office.taken[eventId] || 0) + n; };

  const zero = () => ({ pending_cents: 0, approved_cents: 0, rejected_cents: 0, paid_cents: 0 });
  const budgets = {};
  const budgetOf = (eventId) => {
    if (!budgets[eventId]) {
      const e = findEvent(eventId);
      budgets[eventId] = F.budget.event_id === e.id ? clone(F.budget)
        : { event_id: e.id, event_name: e.name, currency: "CAD", categories: F.budget.categories.map((c) => ({ category: c.category })),
            expenses: [], ticket_revenue_cents: e.revenue_cents, sponsorship_cents: 0 };
    }
    return budgets[eventId];
  };
  const totalsOf = (lines) => {
    const t = zero();
    for (const x of lines) t[(x.status || "pending") + "_cents"] += x.amount_cents;
    return t;
  };
  const readBudget = (eventId) => {
    const b = budgetOf(eventId);
    const totals = totalsOf(b.expenses);
    const committed = totals.approved_cents + totals.paid_cents;
    return clone({ ...b, totals, committed_cents: committed, result_cents: b.ticket_revenue_cents + b.sponsorship_cents - committed,
                   categories: b.categories.map((c) => ({ category: c.category, totals: totalsOf(b.expenses.filter((x) => x.category === c.category)) })) });
  };
  const expenseOf = (id) => {
    budgetOf(F.budget.event_id);
    for (const b of Object.values(budgets)) {
      const x = b.expenses.find((y) => y.id === id);
      if (x) return { b, x };
    }
    fail("not_found", "there is no row " + id + " on this computer");
  };
  const expenseRow = (b, x) => ({
    id: x.id, account_id: ACCOUNT, event_id: b.event_id, created_by: profileIds["Olivia Owens"], expense_name: x.name,
    expense_category: x.category, description: null, amount: (x.amount_cents / 100).toFixed(2), currency: b.currency,
    vendor_name: x.vendor_name, invoice_number: null, status: x.status, approved_by: x.approved_by ? profileIds[x.approved_by] ?? null : null,
    approved_at: x.approved_at, payment_date: x.payment_date, receipt_url: x.receipt_url, invoice_url: null,
    created_at: "2026-08-20T14:00:00.000000Z", updated_at: x.updated_at || "2026-08-29T10:00:00.000000Z",
  });
  // As organize/steps.rs: (table, from, to, button, effect).
  const STEPS = [
    ["event_expenses", "pending", "approved", "Approve", "records you as approver, now"],
    ["event_expenses", "pending", "rejected", "Reject", "records you as the one who rejected it, now"],
    ["event_expenses", "approved", "paid", "Mark paid", "records today as the payment date"],
    ["event_expenses", "rejected", "pending", "Reopen", "clears the approval"],
    ["event_announcements", "draft", "scheduled", "Schedule", "needs a time in the future to send it"],
    ["event_announcements", "draft", "sent", "Publish now", "records now as the time it was sent"],
    ["event_announcements", "scheduled", "sent", "Publish now", "records now as the time it was sent"],
    ["event_announcements", "scheduled", "draft", "Back to draft", "keeps the scheduled time"],
    ["event_announcements", "draft", "cancelled", "Cancel", "nothing is sent"],
    ["event_announcements", "scheduled", "cancelled", "Cancel", "nothing is sent"],
  ];
  const stepsFrom = (table, from) => STEPS.filter((s) => s[0] === table && s[1] === from).map((s) => ({ to: s[2], label: s[3], effect: s[4] }));
  const today = () => { const d = new Date(); return d.getFullYear() + "-" + pad2(d.getMonth() + 1) + "-" + pad2(d.getDate()); };

  const fld = (name, label, kind, more = {}) => ({ name, label, kind, required: false, filled: false, generated: false, choices: [],
                                                   references: null, scale: null, rule: null, ...more });
  const ALL = { read: true, create: true, update: true, delete: true };
  const bookkeeping = [fld("id", "ID", "id", { filled: true }), fld("account_id", "Account", "reference", { references: "accounts" }),
                       fld("created_at", "Created", "timestamp", { filled: true }), fld("updated_at", "Updated", "timestamp", { filled: true })];
  const tableInfos = () => [
    { name: "events", label: "Events", singular: "event", area: "events", naming: ["name"], list: ["name", "status", "start_at"],
      fields: [...bookkeeping, fld("name", "Name", "text", { required: true })], allowed: ALL, count: F.events.length },
    { name: "event_expenses", label: "Expenses", singular: "expense", area: "events", naming: ["expense_name"],
      list: ["expense_name", "expense_category", "amount", "status", "payment_date"],
      fields: [bookkeeping[0], bookkeeping[1], fld("event_id", "Event", "reference", { references: "events", required: true }),
        fld("created_by", "Created by", "reference", { references: "profiles" }), fld("expense_name", "Expense name", "text", { required: true }),
        fld("expense_category", "Expense category", "choice", { choices: F.budget.categories.map((c) => c.category) }),
        fld("description", "Description", "text"), fld("amount", "Amount", "decimal", { required: true, scale: 2 }),
        fld("currency", "Currency", "text"), fld("vendor_name", "Vendor name", "text"), fld("invoice_number", "Invoice number", "text"),
        fld("status", "Status", "choice", { choices: ["pending", "approved", "rejected", "paid"] }),
        fld("approved_by", "Approved by", "reference", { references: "profiles" }), fld("approved_at", "Approved at", "timestamp"),
        fld("payment_date", "Payment date", "date"), fld("receipt_url", "Receipt URL", "text"), fld("invoice_url", "Invoice URL", "text"),
        bookkeeping[2], bookkeeping[3]],
      allowed: ALL, count: Object.values(budgets).reduce((n, b) => n + b.expenses.length, 0) || F.budget.expenses.length },
    { name: "event_teams", label: "Event teams", singular: "team member", area: "events", naming: ["member_id"],
      list: ["member_id", "role", "status", "event_id"],
      fields: [bookkeeping[0], bookkeeping[1], fld("event_id", "Event", "reference", { references: "events", required: true }),
        fld("member_id", "Member", "reference", { references: "profiles", required: true }),
        fld("role", "Role", "choice", { required: true, choices: ["organizer", "coordinator", "volunteer", "speaker_liaison", "tech_support", "registration", "marketing"] }),
        fld("status", "Status", "choice", { choices: ["active", "inactive", "removed"] }), bookkeeping[2]],
      allowed: ALL, count: 4 },
    { name: "profiles", label: "Profiles", singular: "profile", area: "account", naming: ["full_name"], list: ["full_name"],
      fields: [bookkeeping[0], fld("full_name", "Full name", "text")], allowed: ALL, count: Object.keys(profileIds).length },
  ];
  const team = [["Maya Chen", "organizer"], ["Jamal Reid", "registration"], ["Sofia Marchetti", "volunteer"], ["Olivia Owens", "tech_support"]]
    .map(([n, role], i) => ({ id: "7a1b2c3d-0000-4000-8000-00000000000" + (i + 1), account_id: ACCOUNT, event_id: eventId,
                              member_id: profileIds[n], role, status: "active", created_at: "2026-09-01T14:00:00.000000Z" }));
  const listRecords = handlers.list_records;
  Object.assign(handlers, {
    waitlist: async ({ event }) => {
      needReady();
      await sleep(60);
      const e = findEvent(event);
      return readWaitlist(e, moveWaitlist(e));
    },
    join_waitlist: async ({ event, person, reason }) => {
      needReady();
      await sleep(200);
      const p = checkedHolder(person || {}, "person");
      const e = findEvent(event);
      const list = waitlistOf(e.id);
      const position = list.entries.reduce((m, x) => Math.max(m, x.position || 0), 0) + 1;
      list.entries.push({ id: crypto.randomUUID(), position, name: p.name, email: p.email, status: "waiting",
                          reason: String(reason || "").trim() || "event_full", offered_at: null, expires_at: null });
      queueInsert("orders", ["event_id", "payment_status", "quantity", "unit_price_cents"]);
      queueInsert("attendees", ["email", "event_id", "full_name", "order_id"]);
      queueInsert("event_waitlists", ["attendee_id", "event_id", "status", "waitlist_position", "waitlist_reason"]);
      return readWaitlist(e, moveWaitlist(e));
    },
    convert_waitlist_entry: async ({ entryId, payment }) => {
      needReady();
      const { eventId: id, x } = entryOf(entryId);
      if (x.status !== "offered" || (x.expires_at && x.expires_at <= nowIso())) {
        const why = x.status === "offered" ? "its offer expired" : "it is " + x.status;
        fail("invalid", "this waitlist entry cannot become an order: " + why, "status");
      }
      // The place held for them is the one sold.
      const sale = await handlers.sell({ request: { event: id, quantity: 1, buyer: { name: x.name, email: x.email }, holders: [], payment } });
      x.status = "converted";
      queueChange("event_waitlists", entryId, ["status"]);
      return { ...sale, box_office: { ...sale.box_office, places_held: heldOf(waitlistOf(id), nowIso()) } };
    },
    cancel_waitlist_entry: async ({ entryId }) => {
      needReady();
      await sleep(150);
      const { eventId: id, x } = entryOf(entryId);
      if (x.status !== "waiting" && x.status !== "offered") fail("invalid", "this waitlist entry is " + x.status + " already", "status");
      x.status = "cancelled";
      queueChange("event_waitlists", entryId, ["status"]);
      const e = findEvent(id);
      return readWaitlist(e, moveWaitlist(e));
    },
    budget: async ({ event }) => {
      needReady();
      await sleep(60);
      return readBudget(findEvent(event).id);
    },
    record_steps: async ({ table, id }) => {
      needReady();
      if (table !== "event_expenses") return [];
      const { x } = expenseOf(id);
      return stepsFrom(table, x.status || "pending");
    },
    step_record: async ({ table, id, to }) => {
      needReady();
      await sleep(150);
      if (table !== "event_expenses") fail("invalid", "a " + table + " row does not move any more", "status");
      const { b, x } = expenseOf(id);
      const from = x.status || "pending";
      const allowed = stepsFrom(table, from).map((s) => s.to);
      if (!allowed.includes(to)) {
        fail("invalid", allowed.length ? "from " + from + " it can become " + allowed.join(" or ") + ", not " + to
                                       : "a " + from + " row does not move any more", "status");
      }
      if (to === "approved" || to === "rejected") Object.assign(x, { approved_by: SIGNED_IN, approved_at: nowIso() });
      if (to === "paid") x.payment_date = today();
      if (to === "pending") Object.assign(x, { approved_by: null, approved_at: null });
      x.status = to;
      x.updated_at = nowIso();
      queueChange(table, id, ["approved_at", "approved_by", "payment_date", "status"]);
      return expenseRow(b, x);
    },
    record_tables: async () => { needReady(); await sleep(30); return tableInfos(); },
    record: async ({ table, id }) => {
      needReady();
      await sleep(40);
      if (table !== "event_expenses") fail("not_found", "preview bridge: record answers expenses only, not " + table);
      const { b, x } = expenseOf(id);
      return { table, title: x.name, row: expenseRow(b, x), children: [], allowed: ALL };
    },
    record_titles: async ({ table, ids }) => {
      const all = table === "events" ? Object.fromEntries(F.events.map((e) => [e.id, e.name]))
        : table === "profiles" ? Object.fromEntries(Object.entries(profileIds).map(([n, pid]) => [pid, n])) : {};
      return Object.fromEntries(ids.filter((i) => all[i]).map((i) => [i, all[i]]));
    },
    list_records: async (args) => {
      if (args.table !== "event_teams") return listRecords(args);
      needReady();
      await sleep(40);
      return { rows: clone(team), total: team.length, next: null };
    },
  });
  let nextId = 1;
  window.__TAURI_INTERNALS__ = {
    invoke: async (cmd, args = {}) => {
      const h = handlers[cmd];
      if (!h) throw { code: "internal", message: "preview bridge: unknown command " + cmd };
      return h(args);
    },
    transformCallback: (callback, once = false) => {
      const id = nextId++;
      const name = "_" + id;
      window[name] = (payload) => { if (once) delete window[name]; return callback && callback(payload); };
      return id;
    },
    unregisterCallback: (id) => { delete window["_" + id]; },
    convertFileSrc: (path) => path,
    metadata: { currentWindow: { label: "main" }, currentWebview: { windowLabel: "main", label: "main" } },
  };
})();`;
}

const types = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".json": "application/json",
};

function startServer(injectBridge) {
  if (!existsSync(join(DIST, "index.html"))) {
    console.error(`No build in ${DIST}: run \`npm run build\` first.`);
    process.exit(1);
  }
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const headers = { "Content-Security-Policy": CSP, "Cache-Control": "no-store" };
    if (injectBridge && url.pathname === "/__preview_bridge.js") {
      res.writeHead(200, { ...headers, "Content-Type": types[".js"] });
      res.end(bridgeSource("first_run"));
      return;
    }
    const rel = url.pathname === "/" ? "index.html" : decodeURIComponent(url.pathname).replace(/^\/+/, "");
    const file = normalize(join(DIST, rel));
    if (!file.startsWith(DIST) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, headers);
      res.end("not found");
      return;
    }
    let body = readFileSync(file);
    if (injectBridge && rel === "index.html") {
      // A same-origin script before the app's module script: allowed by script-src 'self'.
      body = Buffer.from(
        body.toString("utf8").replace("<head>", '<head>\n    <script src="./__preview_bridge.js"></script>'),
      );
    }
    res.writeHead(200, { ...headers, "Content-Type": types[extname(file)] ?? "application/octet-stream" });
    res.end(body);
  });
  return new Promise((ok) => server.listen(port, "127.0.0.1", () => ok(server)));
}

if (serveOnly) {
  const server = await startServer(true);
  const { port: p } = server.address();
  console.log(`Preview on http://127.0.0.1:${p}/?scenario=first_run (or ready, today, broken, failing, empty)`);
  console.log("Clear sessionStorage (or open a new tab) to restart a scenario. Ctrl+C to stop.");
} else {
  await screenshots();
}

async function screenshots() {
  const { chromium } = await import("playwright-core");
  mkdirSync(SHOTS, { recursive: true });
  const server = await startServer(false);
  const base = `http://127.0.0.1:${server.address().port}/`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      // The door beeps on verdicts the camera decided, with no key pressed first.
      "--autoplay-policy=no-user-gesture-required",
    ],
  });
  // The demo's "today" is the last day of the sales series; look at it in the afternoon, Toronto time.
  const lastDay = fixtures.dashboard.sales.at(-1)?.date;
  const fixedNow = lastDay ? new Date(`${lastDay}T20:00:00Z`) : new Date();
  const problems = [];
  const shots = [];

  async function open(name, { scenario = "ready", hash = "#/dashboard", colorScheme = "light", width = 1280, height = 800 } = {}) {
    const context = await browser.newContext({
      viewport: { width, height },
      colorScheme,
      timezoneId: "America/Toronto",
      locale: "en-CA",
    });
    const page = await context.newPage();
    await page.clock.setFixedTime(fixedNow);
    await page.addInitScript({ content: bridgeSource(scenario) });
    page.on("console", (m) => {
      if (m.type() === "error" || m.type() === "warning") problems.push(`${name}: console ${m.type()}: ${m.text()}`);
    });
    page.on("pageerror", (e) => problems.push(`${name}: page error: ${e.message}`));
    await page.goto(base + hash);
    return { page, context };
  }

  async function shot(page, name) {
    const path = join(SHOTS, `${name}.png`);
    await page.screenshot({ path });
    shots.push(path);
  }

  async function run(name, opts, steps) {
    if (ONLY && !name.includes(ONLY)) return;
    const { page, context } = await open(name, opts);
    try {
      await steps(page);
    } catch (e) {
      problems.push(`${name}: ${e instanceof Error ? e.message : String(e)}`);
      await shot(page, `${name}-FAILED`).catch(() => {});
    } finally {
      await context.close();
    }
  }

  await run("first-run", { scenario: "first_run" }, async (page) => {
    await page.getByTestId("first-run").waitFor();
    await shot(page, "first-run");
    await page.getByTestId("open-demo").click();
    await page.waitForTimeout(300);
    await shot(page, "first-run-opening");
    await page.getByTestId("screen-dashboard").waitFor();
  });

  await run("broken", { scenario: "broken" }, async (page) => {
    await page.getByTestId("broken").waitFor();
    await shot(page, "broken");
    await page.getByTestId("move-aside").click();
    await page.getByTestId("moved-to").waitFor();
    await shot(page, "first-run-moved-aside");
  });

  await run("empty", { scenario: "empty" }, async (page) => {
    await page.getByTestId("no-events").waitFor();
    await shot(page, "dashboard-empty");
    await page.getByTestId("nav-events").click();
    await page.getByTestId("screen-events").getByText("No events yet").waitFor();
    await shot(page, "events-empty");
    await page.getByTestId("nav-sync").click();
    await page.getByTestId("sync-connect").waitFor();
    if (await page.getByTestId("connect-moves-aside").count()) throw new Error("an empty workspace warned it would be put aside");
  });

  for (const colorScheme of ["light", "dark"]) {
    await run(`dashboard-${colorScheme}`, { colorScheme }, async (page) => {
      await page.getByTestId("stat-revenue").waitFor();
      await shot(page, `dashboard-${colorScheme}`);
    });
  }

  await run("dashboard-today", { scenario: "today" }, async (page) => {
    await page.getByTestId("today-event").first().waitFor();
    await shot(page, "dashboard-today");
  });

  await run("dashboard-today-dark-toggle", { scenario: "today" }, async (page) => {
    await page.getByTestId("today-event").first().waitFor();
    await page.getByTestId("theme-dark").click();
    await shot(page, "dashboard-today-dark");
  });

  for (const [width, height] of [
    [1024, 700],
    [1920, 1080],
  ]) {
    await run(`dashboard-${width}`, { scenario: "today", width, height }, async (page) => {
      await page.getByTestId("today-event").first().waitFor();
      await shot(page, `dashboard-today-${width}x${height}`);
    });
  }

  await run("events", { hash: "#/events" }, async (page) => {
    await page.getByTestId("event-row").first().waitFor();
    await shot(page, "events");
    await page.keyboard.press("/");
    await page.keyboard.type("toronto");
    await page.waitForTimeout(400);
    await shot(page, "events-search");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
    await page.getByTestId("event-name").waitFor();
  });

  await run("event", { hash: `#/events/${fixtures.event.summary.id}` }, async (page) => {
    await page.getByTestId("ticket-stats").waitFor();
    await shot(page, "event");
  });

  await run("event-full", { hash: `#/events/${fixtures.event.summary.id}`, height: 1200 }, async (page) => {
    await page.getByTestId("ticket-stats").waitFor();
    await shot(page, "event-full");
    await page.keyboard.press("Escape");
    await page.getByTestId("screen-events").waitFor();
  });

  await run("event-dark", { hash: `#/events/${fixtures.event.summary.id}`, colorScheme: "dark" }, async (page) => {
    await page.getByTestId("ticket-stats").waitFor();
    await shot(page, "event-dark");
  });

  await run("crm", { hash: "#/crm" }, async (page) => {
    await page.getByTestId("company-row").first().waitFor();
    await shot(page, "crm");
  });

  await run("crm-error", { hash: "#/crm", scenario: "failing" }, async (page) => {
    await page.getByTestId("error").waitFor();
    await shot(page, "crm-error");
    await page.getByTestId("retry").click();
    await page.getByTestId("company-row").first().waitFor();
    if (await page.getByTestId("error").count()) throw new Error("error banner still shown after a good retry");
  });

  // ---- Check-in (the door) ----
  const verdictKind = (page) => page.getByTestId("checkin-verdict").getAttribute("data-kind");
  const waitKind = async (page, kind) => {
    await page.waitForFunction((k) => document.querySelector("[data-testid=checkin-verdict]")?.dataset.kind === k, kind);
    await page.waitForTimeout(400); // the verdict's flash
  };
  const scannerFocused = (page) =>
    page.evaluate(() => document.activeElement?.getAttribute("data-testid") === "checkin-scanner-input");
  /** What a keyboard-wedge scanner does: the code typed fast, then Enter, into whatever has the focus. */
  const wedge = async (page, code) => {
    await page.keyboard.type(code, { delay: 5 });
    await page.keyboard.press("Enter");
  };
  const checkinReady = async (page) => {
    await page.getByTestId("checkin-preview").waitFor();
    await page.waitForFunction(() => document.querySelector("[data-testid=checkin-count-sold]")?.textContent !== "–");
    await page.waitForFunction(() => document.activeElement?.getAttribute("data-testid") === "checkin-scanner-input");
  };

  for (const colorScheme of ["light", "dark"]) {
    const suffix = colorScheme === "dark" ? "-dark" : "";
    await run(`checkin-${colorScheme}`, { hash: "#/checkin", colorScheme }, async (page) => {
      await checkinReady(page);
      if ((await verdictKind(page)) !== "ready") throw new Error("not ready before any scan");
      await shot(page, `checkin-ready${suffix}`);
      await wedge(page, "TKT-B1111111-251013");
      await waitKind(page, "admitted");
      if ((await page.getByTestId("checkin-verdict-name").textContent()) !== "Priya Ramanathan") throw new Error("name");
      if ((await page.getByTestId("checkin-scanner-input").inputValue()) !== "") throw new Error("scanner input not cleared");
      await page.waitForFunction(() => document.querySelector("[data-testid=checkin-count-checked-in]")?.textContent === "82");
      await shot(page, `checkin-admitted${suffix}`);
      await wedge(page, "tkt-b1111111-251013");
      await waitKind(page, "already_checked_in");
      await shot(page, `checkin-already${suffix}`);
      await wedge(page, "hello world");
      await waitKind(page, "not_a_ticket");
      if ((await page.getByTestId("checkin-history-item").count()) !== 3) throw new Error("history is not 3 scans");
      await shot(page, `checkin-not-a-ticket${suffix}`);
    });
  }

  await run("checkin-more", { hash: "#/checkin", height: 1000 }, async (page) => {
    await checkinReady(page);
    await wedge(page, "TKT-C2222222-251014");
    await waitKind(page, "admitted");
    await shot(page, "checkin-long-name");
    await wedge(page, "WRONG-TICKET");
    await waitKind(page, "wrong_event");
    await shot(page, "checkin-wrong-event");
    await wedge(page, "EOS1.eyJ0IjoiYWJjIn0.c2ln");
    await waitKind(page, "admitted");
    await shot(page, "checkin-not-yet-synced");
    // A code that starts with "/" typed at scanner speed is a scan, not the search shortcut.
    await wedge(page, "/x1Hq9ZpLm0aQe3Rt7YuIo2Pb5Nc8Vd4Wf6Gh1Jk0Ls=");
    await waitKind(page, "admitted");
    if ((await page.getByTestId("checkin-verdict-name").textContent()) !== "Priya Ramanathan") throw new Error("the / code");
    if ((await page.getByTestId("checkin-search").inputValue()) !== "") throw new Error("the / code stayed in the search");
    if (!(await scannerFocused(page))) throw new Error("focus not back on the scanner after the / code");
    // Search: "/" from the scanner input, type, ↓, Enter; then back to the scanner.
    await page.keyboard.press("/");
    if ((await page.evaluate(() => document.activeElement?.getAttribute("data-testid"))) !== "checkin-search") {
      throw new Error("/ did not focus the search");
    }
    await page.keyboard.type("mei");
    await page.getByTestId("checkin-search-result").nth(1).waitFor();
    await page.keyboard.press("ArrowDown");
    await shot(page, "checkin-search");
    await page.keyboard.press("Enter");
    await waitKind(page, "admitted");
    if ((await page.getByTestId("checkin-verdict-name").textContent()) !== "Mei-Ling Chow") throw new Error("↓ Enter checked in the wrong ticket");
    if (!(await scannerFocused(page))) throw new Error("focus not back on the scanner after a search check-in");
    await page.getByTestId("checkin-search-result").getByRole("button").first().click();
    await waitKind(page, "already_checked_in");
    if (!(await scannerFocused(page))) throw new Error("focus not back on the scanner after Check in");
    // Keys typed while a button has the focus still reach the scanner input.
    await page.getByTestId("checkin-mode-exit").click();
    if (!(await scannerFocused(page))) throw new Error("focus not back on the scanner after the mode");
    await page.getByTestId("checkin-mode-exit").focus();
    await wedge(page, "TKT-F5555555-251022");
    await waitKind(page, "not_inside");
    await wedge(page, "TKT-C2222222-251014");
    await waitKind(page, "exited");
    await shot(page, "checkin-exit");
    // The camera reads a code.
    await page.getByTestId("checkin-mode-entry").click();
    // The camera restarts for the new mode first.
    await page.waitForTimeout(500);
    await page.evaluate(() => window.__previewCameraRead("TKT-F5555555-251022"));
    await waitKind(page, "admitted");
    if ((await page.getByTestId("checkin-verdict-name").textContent()) !== "Sofia Marchetti") throw new Error("camera verdict");
    await page.getByTestId("checkin-gate").fill("Gate C");
    await page.getByTestId("checkin-gate").press("Enter");
    if (!(await scannerFocused(page))) throw new Error("focus not back on the scanner after the gate");
    await page.getByTestId("checkin-duplicate").waitFor();
    await shot(page, "checkin-camera-verdict");
    await page.getByTestId("checkin-camera-toggle").click();
    await page.getByTestId("checkin-preview").waitFor({ state: "detached" });
  });

  for (const scenario of ["camera_busy", "no_camera"]) {
    await run(`checkin-${scenario}`, { hash: "#/checkin", scenario }, async (page) => {
      await page.waitForFunction(() => document.querySelector("[data-testid=checkin-count-sold]")?.textContent !== "–");
      if (scenario === "camera_busy") await page.getByTestId("checkin-camera-error").waitFor();
      else await page.getByText("The USB scanner still works.").waitFor();
      await wedge(page, "CANCELLED-1");
      await waitKind(page, "cancelled");
      await shot(page, `checkin-${scenario.replace("_", "-")}`);
    });
  }

  for (const [width, height] of [
    [1024, 700],
    [1920, 1080],
  ]) {
    await run(`checkin-${width}`, { hash: "#/checkin", width, height }, async (page) => {
      await checkinReady(page);
      await wedge(page, "TKT-C2222222-251014");
      await waitKind(page, "admitted");
      await shot(page, `checkin-admitted-${width}x${height}`);
    });
  }

  await run("sync-not-connected", { hash: "#/sync" }, async (page) => {
    await page.getByTestId("connect-moves-aside").waitFor();
    const badge = page.getByTestId("sync-badge");
    if ((await badge.getAttribute("data-state")) !== "not_connected") throw new Error("badge is not not_connected");
    await shot(page, "sync-not-connected");
    await page.getByTestId("connect-url").fill("https://qzkxbnvtrelmwpoa.supabase.co");
    await page.getByTestId("connect-anon-key").fill("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.preview");
    await page.getByTestId("connect-email").fill("maya.chen@northwind-events.ca");
    await page.getByTestId("connect-password").fill("wrong");
    await page.getByTestId("connect-password").press("Enter");
    await page.waitForTimeout(300);
    await shot(page, "sync-connect-signing-in");
    await page.getByTestId("error").waitFor();
    await shot(page, "sync-connect-error");
    await page.getByTestId("connect-password").fill("right");
    await page.getByTestId("connect-submit").click();
    await page.getByTestId("sync-progress").waitFor();
    await page.getByTestId("sync-moved-to").waitFor();
    await shot(page, "sync-connected-bootstrapping");
  });

  for (const colorScheme of ["light", "dark"]) {
    await run(`sync-synced-${colorScheme}`, { scenario: "synced", hash: "#/sync", colorScheme, height: 1300 }, async (page) => {
      await page.getByTestId("outbox-item").nth(1).waitFor();
      await page.getByTestId("conflict-item").nth(1).waitFor();
      if ((await page.getByTestId("sync-waiting").textContent()) !== "2 waiting") throw new Error("badge waiting count");
      await shot(page, `sync-synced-${colorScheme}`);
    });
  }

  await run("sync-actions", { scenario: "synced", hash: "#/sync", height: 1100 }, async (page) => {
    await page.getByTestId("outbox-item").nth(1).waitFor();
    await page.getByTestId("outbox-discard").first().click();
    await page.getByTestId("confirm-discard").waitFor();
    await shot(page, "sync-discard-confirm");
    await page.keyboard.press("Escape");
    await page.getByTestId("confirm-discard").waitFor({ state: "hidden" });
    if ((await page.getByTestId("outbox-item").count()) !== 2) throw new Error("Esc discarded the change");
    if (!(await page.getByTestId("screen-sync").isVisible())) throw new Error("Esc left the Sync screen");
    await page.getByTestId("outbox-discard").first().click();
    await page.getByTestId("confirm-discard").click();
    await page.waitForFunction(() => document.querySelectorAll("[data-testid=outbox-item]").length === 1);
    await page.getByTestId("outbox-retry").click();
    await page.getByTestId("outbox-retry").waitFor({ state: "detached" });
    await page.getByTestId("conflict-undo").click();
    await page.getByTestId("conflict-undo").waitFor({ state: "detached" });
    await page.waitForFunction(() => document.querySelector("[data-testid=sync-waiting]")?.textContent === "2 waiting");
    await shot(page, "sync-after-actions");
    await page.getByTestId("sign-out").click();
    await page.getByTestId("confirm-sign-out").click();
    await page.getByTestId("sign-in-again").waitFor();
    if ((await page.getByTestId("connect-email").inputValue()) !== "maya.chen@northwind-events.ca") throw new Error("email not pre-filled");
  });

  for (const colorScheme of ["light", "dark"]) {
    await run(`sync-scopes-${colorScheme}`, { scenario: "door", hash: "#/sync", colorScheme, height: 900 }, async (page) => {
      const choice = (scope) => page.locator(`[data-testid=scope-choice][data-scope="${scope}"]`);
      const eventScope = `event:${fixtures.event.summary.id}`;
      const accountScope = "account:7c0e3b52-4a8e-4f8a-9d1c-2b5e6f7a8b9c";
      await page.getByTestId("scopes-change").click();
      if (colorScheme === "light") await shot(page, "sync-scopes-loading");
      await page.getByTestId("scope-choice").nth(3).waitFor();
      if ((await page.getByTestId("scope-choice").count()) !== 4) throw new Error("not an account and 3 events");
      if (!(await choice(eventScope).isChecked())) throw new Error("the kept event is not checked");
      if (await choice(accountScope).isChecked()) throw new Error("the account is checked");
      if (!(await page.getByTestId("scopes-save").isDisabled())) throw new Error("Save enabled with nothing changed");
      await shot(page, `sync-scopes-dialog-${colorScheme}`);
      await page.keyboard.press("Escape");
      await page.getByTestId("scopes-save").waitFor({ state: "detached" });
      if (!(await page.getByTestId("screen-sync").isVisible())) throw new Error("Esc left the Sync screen");
      await page.getByTestId("scopes-change").click();
      await choice(accountScope).check();
      if (await page.getByTestId("scopes-drop-warning").count()) throw new Error("adding warned of a drop");
      await choice(eventScope).uncheck();
      await page.getByTestId("scopes-drop-warning").waitFor();
      await shot(page, `sync-scopes-drop-${colorScheme}`);
      await choice(accountScope).uncheck();
      if (!(await page.getByTestId("scopes-save").isDisabled())) throw new Error("Save enabled with nothing checked");
      await choice(accountScope).check();
      await page.getByTestId("scopes-save").click();
      await page.getByTestId("scopes-save").waitFor({ state: "detached" });
      await page.getByTestId("sync-progress").waitFor();
      await page.locator("[data-testid=sync-scope]", { hasText: "Northwind Events" }).waitFor();
      if ((await page.getByTestId("sync-scope").count()) !== 1) throw new Error("the event is still kept");
      await shot(page, `sync-scopes-saved-${colorScheme}`);
    });
  }

  await run("sync-scopes-refused", { scenario: "synced", hash: "#/sync", height: 900 }, async (page) => {
    await page.getByTestId("scopes-change").click();
    await page.getByTestId("scope-choice").nth(3).waitFor();
    await page.getByTestId("scope-choice").nth(0).uncheck();
    await page.getByTestId("scope-choice").nth(2).check();
    await page.getByTestId("scopes-drop-warning").getByText("2 changes waiting").waitFor();
    await page.getByTestId("scopes-save").click();
    await page.locator("dialog [data-testid=error]").getByText("2 change(s) still wait").waitFor();
    await shot(page, "sync-scopes-refused");
  });

  await run("sync-scopes-offline", { scenario: "offline", hash: "#/sync" }, async (page) => {
    await page.getByTestId("scopes-change").click();
    await page.locator("dialog [data-testid=error]").getByText("needs a connection").waitFor();
    if (!(await page.getByTestId("scopes-save").isDisabled())) throw new Error("Save enabled without choices");
    await shot(page, "sync-scopes-offline");
  });

  await run("sync-scopes-signed-out", { scenario: "signed_out", hash: "#/sync" }, async (page) => {
    await page.getByTestId("sync-scopes").waitFor();
    if (await page.getByTestId("scopes-change").count()) throw new Error("Change… shown while signed out");
  });

  for (const scenario of ["bootstrapping", "signed_out", "offline", "sync_error"]) {
    await run(`sync-${scenario}`, { scenario, hash: "#/sync" }, async (page) => {
      await page.getByTestId("sync-state").waitFor();
      await page.waitForTimeout(scenario === "bootstrapping" ? 1200 : 100);
      await shot(page, `sync-${scenario}`);
    });
  }

  await run("sync-signed-out-dark", { scenario: "signed_out", hash: "#/sync", colorScheme: "dark" }, async (page) => {
    await page.getByTestId("sign-in-again").waitFor();
    await shot(page, "sync-signed-out-dark");
  });

  await run("first-run-connect", { scenario: "first_run" }, async (page) => {
    await page.getByTestId("first-run").waitFor();
    await page.getByTestId("connect-supabase").click();
    await page.getByTestId("connect-url").fill("https://qzkxbnvtrelmwpoa.supabase.co");
    await page.getByTestId("connect-anon-key").fill("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.preview");
    await page.getByTestId("connect-email").fill("maya.chen@northwind-events.ca");
    await page.getByTestId("connect-password").fill("right");
    await shot(page, "first-run-connect");
    await page.getByTestId("connect-submit").click();
    await page.waitForTimeout(300);
    await shot(page, "first-run-connecting");
    await page.getByTestId("sync-progress").waitFor();
    if (await page.getByTestId("sync-moved-to").count()) throw new Error("first run moved something aside");
    await shot(page, "first-run-connected");
  });

  await run("event-edit", { hash: `#/events/${fixtures.event.summary.id}`, scenario: "synced" }, async (page) => {
    await page.getByTestId("ticket-stats").waitFor();
    await page.getByTestId("sync-badge").waitFor();
    await page.keyboard.press("e");
    await page.getByTestId("event-edit-name").waitFor();
    await shot(page, "event-edit");
    await page.getByTestId("event-edit-name").fill("  ");
    await page.getByTestId("event-edit-capacity").fill("12000");
    await page.getByTestId("event-edit-save").click();
    await page.getByTestId("error").waitFor();
    await shot(page, "event-edit-error");
    await page.getByTestId("event-edit-name").fill("AI & ML Summit 2026");
    await page.getByTestId("event-edit-capacity").fill("9000");
    await page.keyboard.press("Control+s");
    await page.getByTestId("event-edit-form").waitFor({ state: "detached" });
    if ((await page.getByTestId("event-name").textContent()) !== "AI & ML Summit 2026") throw new Error("name not saved");
    await page.waitForFunction(() => document.querySelector("[data-testid=sync-waiting]")?.textContent === "3 waiting");
    await shot(page, "event-edited");
    await page.keyboard.press("e");
    await page.getByTestId("event-edit-name").waitFor();
    await page.getByTestId("event-edit-cancel").focus();
    await page.keyboard.press("Escape");
    await page.getByTestId("event-edit-form").waitFor({ state: "detached" });
    if (!(await page.getByTestId("screen-event").isVisible())) throw new Error("Esc in the form left the event page");
  });

  // ---- Box office ----
  const boxOfficeHash = `#/events/${fixtures.event.summary.id}/box-office`;
  const LONG_NAME = "Maximilian Alexander Oberhauser-Wittgenstein";
  const focusedId = (page) => page.evaluate(() => document.activeElement?.getAttribute("data-testid") ?? null);
  const text = async (page, testid) => ((await page.getByTestId(testid).textContent()) ?? "").replace(/\s+/g, " ").trim();
  /** A 2-ticket sale by card: the buyer's ticket and one for someone else. */
  const fillSale = async (page) => {
    await page.getByTestId("buyer-name").fill(LONG_NAME);
    await page.getByTestId("buyer-email").fill("m.oberhauser-wittgenstein@example.at");
    await page.getByTestId("quantity-more").click();
    await page.getByTestId("same-as-buyer").uncheck();
    await page.getByTestId("holder-name").nth(1).fill("Priya Ramanathan");
    await page.getByTestId("holder-email").nth(1).fill("priya.ramanathan@northwind.example");
    await page.getByTestId("payment-card").check();
  };

  for (const colorScheme of ["light", "dark"]) {
    const suffix = colorScheme === "dark" ? "-dark" : "";
    await run(`box-office-${colorScheme}`, { hash: `#/events/${fixtures.event.summary.id}`, colorScheme, height: 1000 }, async (page) => {
      await page.getByTestId("event-sell").click();
      await page.getByTestId("sale-form").waitFor();
      if ((await focusedId(page)) !== "buyer-name") throw new Error("the buyer's name is not focused on open");
      if (!(await text(page, "places-left")).startsWith("9,831 of 10,000 places left")) throw new Error("places left");
      await shot(page, `box-office-empty${suffix}`);
      await fillSale(page);
      if ((await text(page, "sale-total")) !== "$598.00") throw new Error("total is not 2 × $299.00");
      await shot(page, `box-office-filled${suffix}`);
      await page.keyboard.press("Control+Enter");
      await page.getByTestId("sale-result").waitFor();
      if ((await page.getByTestId("ticket-card").count()) !== 2) throw new Error("not 2 tickets");
      if ((await page.getByTestId("ticket-qr").count()) !== 2) throw new Error("not 2 QR codes");
      if (!(await text(page, "places-left")).startsWith("9,829 of 10,000")) throw new Error("places left after the sale");
      if ((await text(page, "sold-unsynced")) !== "2 sold here since the last sync — other laptops may be selling too") {
        throw new Error("the unsynced note");
      }
      await shot(page, `box-office-sold${suffix}`);
      await page.getByTestId("ticket-refund").first().click();
      await page.getByTestId("confirm-void").waitFor();
      await page.getByTestId("void-reason").fill("Can't come: flight cancelled");
      await shot(page, `box-office-refund-confirm${suffix}`);
      await page.getByTestId("confirm-void").click();
      await page.locator("[data-testid=ticket-card][data-status=refunded]").waitFor();
      if ((await page.getByTestId("ticket-qr").count()) !== 1) throw new Error("the refunded ticket still shows its code");
      // The refunded place is free again.
      await page.waitForFunction(() => document.querySelector("[data-testid=places-left]")?.textContent?.trim().startsWith("9,830"));
      await shot(page, `box-office-refunded${suffix}`);
    });
  }

  await run("box-office-1024", { hash: boxOfficeHash, width: 1024, height: 700 }, async (page) => {
    await page.getByTestId("sale-form").waitFor();
    await fillSale(page);
    await shot(page, "box-office-filled-1024x700");
    await page.getByTestId("sale-submit").click();
    await page.getByTestId("sale-result").waitFor();
    await shot(page, "box-office-sold-1024x700");
  });

  await run("box-office-errors", { hash: boxOfficeHash, height: 1000 }, async (page) => {
    await page.getByTestId("sale-form").waitFor();
    // Enter in a box doesn't sell; the button with nothing typed marks the buyer's name.
    await page.keyboard.press("Enter");
    if (await page.getByTestId("field-error").count()) throw new Error("Enter in a box tried to sell");
    await page.getByTestId("sale-submit").click();
    await page.getByTestId("field-error").waitFor();
    if ((await focusedId(page)) !== "buyer-name") throw new Error("the refused field is not focused");
    await page.getByTestId("buyer-name").fill(LONG_NAME);
    await page.getByTestId("buyer-email").fill("maximilian@");
    await page.keyboard.press("Control+Enter");
    await page.getByText("'maximilian@' is not an email address").waitFor();
    await page.getByTestId("buyer-email").fill("max@example.at");
    await page.getByTestId("sale-quantity").fill("3");
    await page.getByTestId("same-as-buyer").uncheck();
    await page.getByTestId("holder-email").nth(1).fill("not-an-email");
    await page.keyboard.press("Control+Enter");
    await page.getByText("'not-an-email' is not an email address").waitFor();
    if ((await page.getByTestId("holder-email").nth(1).getAttribute("aria-invalid")) !== "true") throw new Error("holder 2 not marked");
    if ((await page.getByTestId("buyer-name").inputValue()) !== LONG_NAME) throw new Error("the buyer's name was lost");
    await shot(page, "box-office-holder-error");
    await page.getByTestId("sale-quantity").fill("25");
    await page.keyboard.press("Control+Enter");
    await page.getByText("Enter a number of tickets from 1 to 20").waitFor();
    // Esc with something typed asks first; Keep selling stays, Discard goes back to the event.
    await page.getByTestId("sale-quantity").fill("2");
    await page.keyboard.press("Escape");
    await page.getByTestId("confirm-discard-sale").waitFor();
    await shot(page, "box-office-discard");
    await page.keyboard.press("Escape");
    await page.getByTestId("confirm-discard-sale").waitFor({ state: "hidden" });
    if ((await page.getByTestId("buyer-name").inputValue()) !== LONG_NAME) throw new Error("Keep selling lost the name");
    await page.keyboard.press("Escape");
    await page.getByTestId("confirm-discard-sale").click();
    await page.getByTestId("screen-event").waitFor();
  });

  // The published event with the fewest places left.
  const smallest = fixtures.events
    .filter((e) => e.status === "published")
    .sort((a, b) => a.capacity - a.tickets_sold - (b.capacity - b.tickets_sold))[0];
  await run("box-office-sold-out", { hash: `#/events/${smallest.id}/box-office` }, async (page) => {
    await page.getByTestId("sale-form").waitFor();
    const left = Number((await text(page, "places-left")).split(" ")[0].replace(/,/g, ""));
    await page.getByTestId("buyer-name").fill("Grace Oduya");
    await page.getByTestId("buyer-email").fill("grace.oduya@example.ca");
    // Sell 20 at a time until fewer than 20 are left, then ask for more than that.
    for (let i = 0; i < Math.floor(left / 20); i++) {
      await page.getByTestId("sale-quantity").fill("20");
      await page.getByTestId("sale-submit").click();
      await page.getByTestId("sell-another").click();
      await page.getByTestId("buyer-name").fill("Grace Oduya");
      await page.getByTestId("buyer-email").fill("grace.oduya@example.ca");
    }
    if (left % 20 === 0) return;
    await page.getByTestId("sale-quantity").fill("20");
    await page.getByTestId("sale-submit").click();
    await page.getByText(`only ${left % 20} of`, { exact: false }).waitFor();
    if ((await focusedId(page)) !== "sale-quantity") throw new Error("sold out: the quantity is not focused");
    await shot(page, "box-office-sold-out");
  });

  await run("box-office-after-sale", { hash: boxOfficeHash, height: 1100 }, async (page) => {
    await page.getByTestId("sale-form").waitFor();
    await fillSale(page);
    await page.getByTestId("sale-quantity").fill("3");
    await page.getByTestId("sale-submit").click();
    await page.getByTestId("sale-result").waitFor();
    if ((await focusedId(page)) !== "sell-another") throw new Error("Sell another is not focused after the sale");
    // Change a holder: the card takes the new name.
    await page.getByTestId("ticket-change-holder").first().click();
    await page.getByTestId("holder-edit-name").fill("Jonathan Okonkwo-Bellamy");
    await page.getByTestId("holder-edit-email").fill("not an email");
    await page.getByTestId("holder-edit-save").click();
    await page.getByTestId("holder-edit").getByTestId("field-error").waitFor();
    await shot(page, "box-office-change-holder-error");
    await page.getByTestId("holder-edit-email").fill("j.okonkwo-bellamy@example.ca");
    await page.getByTestId("holder-edit-email").press("Enter");
    await page.getByTestId("holder-edit").waitFor({ state: "detached" });
    if ((await page.getByTestId("ticket-holder").first().textContent()) !== "Jonathan Okonkwo-Bellamy") throw new Error("holder not changed");
    // Esc in the small form closes it and stays on the screen.
    await page.getByTestId("ticket-change-holder").first().click();
    await page.keyboard.press("Escape");
    await page.getByTestId("holder-edit").waitFor({ state: "detached" });
    if (!(await page.getByTestId("screen-box-office").isVisible())) throw new Error("Esc in the holder form left the screen");
    // One ticket checked in meanwhile: refunding the order leaves it as it was, and says so.
    const first = ((await page.getByTestId("ticket-number").first().textContent()) ?? "").trim();
    await page.evaluate((n) => window.__previewCheckIn(n), first);
    await page.getByTestId("ticket-refund").first().click();
    await page.getByTestId("confirm-void").click();
    await page.locator("dialog [data-testid=error]").waitFor();
    await shot(page, "box-office-refund-refused");
    await page.locator("dialog[open] [data-testid=dialog-cancel]").click();
    await page.getByTestId("order-refund").click();
    await page.getByTestId("confirm-void").click();
    await page.getByTestId("void-notice").waitFor();
    if ((await page.locator("[data-testid=ticket-card][data-status=refunded]").count()) !== 2) throw new Error("not 2 refunded");
    await shot(page, "box-office-order-refunded");
    // Sell another: the payment stays, the names go, the buyer's name has the focus.
    await page.getByTestId("sell-another").click();
    await page.getByTestId("sale-form").waitFor();
    if ((await focusedId(page)) !== "buyer-name") throw new Error("Sell another did not focus the buyer's name");
    if ((await page.getByTestId("buyer-name").inputValue()) !== "") throw new Error("Sell another kept the name");
    if (!(await page.getByTestId("payment-card").isChecked())) throw new Error("Sell another lost the payment");
    // Nothing typed: Esc goes straight back to the event.
    await page.keyboard.press("Escape");
    await page.getByTestId("screen-event").waitFor();
  });

  await run("box-office-closed", { hash: `#/events/${fixtures.events.find((e) => e.status === "draft").id}` }, async (page) => {
    await page.getByTestId("event-sell-closed").waitFor();
    await shot(page, "box-office-event-draft");
    await page.goto(base + `#/events/${fixtures.events.find((e) => e.status === "draft").id}/box-office`);
    await page.getByTestId("box-office-closed").waitFor();
    await shot(page, "box-office-closed");
  });

  // ---- Organize: new event, status steps, duplicate ----
  const eventHash = `#/events/${fixtures.event.summary.id}`;
  for (const colorScheme of ["light", "dark"]) {
    const suffix = colorScheme === "dark" ? "-dark" : "";
    await run(`new-event-${colorScheme}`, { hash: "#/events", colorScheme, height: 1000 }, async (page) => {
      await page.getByTestId("event-row").first().waitFor();
      await page.keyboard.press("n");
      await page.getByTestId("new-event-form").waitFor();
      if ((await focusedId(page)) !== "new-event-name") throw new Error("the name is not focused on open");
      if (!(await text(page, "new-event-zone")).startsWith("Times in America/Toronto")) throw new Error("the zone line");
      await shot(page, `new-event-empty${suffix}`);
      // The picker lists the venues with their city and zone; choosing one says its zone.
      await page.getByTestId("venue-picker").click();
      await page.keyboard.press("ArrowDown");
      await page.getByTestId("venue-option").nth(3).waitFor();
      await shot(page, `new-event-venues${suffix}`);
      await page.keyboard.type("vancouver");
      await page.waitForFunction(() => document.querySelectorAll("[data-testid=venue-option]").length === 3);
      await page.keyboard.press("Enter");
      if (!(await text(page, "new-event-zone")).startsWith("Times in America/Vancouver")) throw new Error("the venue's zone");
      // A new venue: its fields, the computer's zone to start with, the name typed in the search.
      await page.getByTestId("venue-picker").fill("Harbourfront Centre");
      await page.getByTestId("venue-option").filter({ hasText: "New venue" }).click();
      await page.getByTestId("new-venue").waitFor();
      if ((await page.getByTestId("new-venue-name").inputValue()) !== "Harbourfront Centre") throw new Error("the typed name");
      if ((await page.getByTestId("new-venue-timezone").inputValue()) !== "America/Toronto") throw new Error("the default zone");
      await page.getByTestId("new-venue-city").fill("Toronto");
      await page.getByTestId("new-venue-address").fill("235 Queens Quay W");
      await page.getByTestId("new-event-name").fill("Toronto Tech Summit 2027");
      await page.getByTestId("new-event-kind").selectOption("workshop");
      await page.getByTestId("new-event-starts").fill("2027-03-14T02:30");
      await page.getByTestId("new-event-ends").fill("2027-03-14T17:00");
      await page.getByTestId("new-event-price").fill("149.99");
      await shot(page, `new-event-new-venue${suffix}`);
      // 02:30 on 14 March 2027 doesn't happen in Toronto: the start is marked, nothing typed is lost.
      await page.keyboard.press("Control+Enter");
      await page.getByTestId("field-error").waitFor();
      if ((await page.getByTestId("new-event-starts").getAttribute("aria-invalid")) !== "true") throw new Error("start not marked");
      if ((await focusedId(page)) !== "new-event-starts") throw new Error("the start is not focused");
      await shot(page, `new-event-error${suffix}`);
      await page.getByTestId("new-event-starts").fill("2027-03-14T09:00");
      await page.getByTestId("new-event-create").click();
      await page.getByTestId("screen-event").waitFor();
      if ((await text(page, "event-name")) !== "Toronto Tech Summit 2027") throw new Error("not on the new event");
      await page.getByTestId("event-status-published").waitFor();
      await shot(page, `new-event-created${suffix}`);
    });

    await run(`event-status-${colorScheme}`, { hash: eventHash, colorScheme }, async (page) => {
      await page.getByTestId("ticket-stats").waitFor();
      if (await page.getByTestId("event-status-draft").count()) throw new Error("back to draft offered with tickets sold");
      await shot(page, `event-status${suffix}`);
      await page.getByTestId("event-status-cancelled").click();
      await page.getByTestId("status-consequence").waitFor();
      const { active, cancelled } = fixtures.event.tickets;
      if (!(await text(page, "confirm-status")).includes(`${active} tickets`)) throw new Error("the count on the button");
      await shot(page, `event-cancel-confirm${suffix}`);
      await page.getByTestId("confirm-status").click();
      await page.getByTestId("confirm-status").waitFor({ state: "hidden" });
      await page.waitForFunction((n) => document.querySelector("[data-testid=tickets-cancelled]")?.textContent === n, String(active + cancelled));
      if (await page.getByTestId("event-status-cancelled").count()) throw new Error("a cancelled event still offers steps");
      await shot(page, `event-cancelled${suffix}`);
    });

    await run(`event-duplicate-${colorScheme}`, { hash: eventHash, colorScheme }, async (page) => {
      await page.getByTestId("ticket-stats").waitFor();
      await page.getByTestId("event-duplicate").click();
      await page.waitForFunction(() => document.querySelector("[data-testid=duplicate-starts]")?.value !== "");
      // Mon 7 Dec 2026, 08:00 in Toronto → Mon 6 Dec 2027, 08:00.
      if ((await page.getByTestId("duplicate-starts").inputValue()) !== "2027-12-06T08:00") throw new Error("the default start");
      await shot(page, `event-duplicate${suffix}`);
      await page.getByTestId("confirm-duplicate").click();
      await page.waitForFunction(() => document.querySelector("[data-testid=event-name]")?.textContent?.endsWith("(copy)"));
      await page.getByTestId("session-row").first().waitFor();
      await shot(page, `event-duplicated${suffix}`);
    });
  }

  await run("organize-1024", { hash: eventHash, width: 1024, height: 700 }, async (page) => {
    await page.getByTestId("ticket-stats").waitFor();
    await shot(page, "event-status-1024x700");
    await page.getByTestId("nav-events").click();
    await page.getByTestId("events-new").click();
    await page.getByTestId("venue-picker").click();
    await page.keyboard.press("ArrowDown");
    await page.getByTestId("venue-option").nth(3).waitFor();
    await shot(page, "new-event-venues-1024x700");
  });

  await run("event-status-refused", { hash: eventHash }, async (page) => {
    // Another laptop completed the event meanwhile: the plan says why not, and Confirm can't be pressed.
    await page.getByTestId("ticket-stats").waitFor();
    await page.evaluate((id) => window.__previewSetStatus(id, "completed"), fixtures.event.summary.id);
    await page.getByTestId("event-status-cancelled").click();
    await page.getByTestId("status-refused").waitFor();
    if (!(await page.getByTestId("confirm-status").isDisabled())) throw new Error("a refused step can be confirmed");
    await shot(page, "event-status-refused");
  });

  await run("new-event-guard", { hash: "#/events/new" }, async (page) => {
    await page.getByTestId("new-event-form").waitFor();
    // Nothing typed: Esc goes straight back. Something typed: it asks first.
    await page.getByTestId("new-event-name").fill("Half-typed event");
    await page.keyboard.press("Escape");
    await page.getByTestId("confirm-discard-event").waitFor();
    await shot(page, "new-event-discard");
    await page.keyboard.press("Escape");
    await page.getByTestId("confirm-discard-event").waitFor({ state: "hidden" });
    if ((await page.getByTestId("new-event-name").inputValue()) !== "Half-typed event") throw new Error("Keep editing lost the name");
    await page.getByTestId("new-event-capacity").fill("5");
    await page.getByTestId("new-event-ends").fill("2027-05-01T18:00");
    await page.getByTestId("new-event-starts").fill("2027-05-01T09:00");
    await page.getByTestId("new-event-price").fill("12.345");
    await page.keyboard.press("Control+Enter");
    await page.getByText("At most 2 digits after the point (cents)").waitFor();
    await page.getByTestId("new-event-price").fill("");
    await page.keyboard.press("Control+Enter");
    await page.getByText("Must be between 10 and 10000").waitFor();
    await shot(page, "new-event-capacity-error");
    await page.getByTestId("nav-dashboard").click();
    await page.getByTestId("confirm-discard-event").click();
    await page.getByTestId("screen-dashboard").waitFor();
  });

  await run("keyboard", { hash: "#/dashboard" }, async (page) => {
    await page.getByTestId("stat-revenue").waitFor();
    await page.keyboard.press("Alt+2");
    await page.getByTestId("screen-events").waitFor();
    await page.keyboard.press("Alt+4");
    await page.getByTestId("screen-crm").waitFor();
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    await shot(page, "focus-ring");
  });

  // ---- The event's Programme and Analytics pages ----
  const programmeHash = `#/events/${fixtures.event.summary.id}/programme`;
  const analyticsHash = `#/events/${fixtures.event.summary.id}/analytics`;
  const otherEvent = fixtures.events.find((e) => e.id !== fixtures.event.summary.id && e.status === "published");
  const scrollTo = (page, testid) =>
    page.getByTestId(testid).evaluate((el) => el.scrollIntoView({ block: "start", behavior: "instant" }));
  for (const colorScheme of ["light", "dark"]) {
    await run(`programme-${colorScheme}`, { hash: programmeHash, scenario: "clashes", colorScheme, height: 1000 }, async (page) => {
      await page.getByTestId("programme-warning").first().waitFor();
      if ((await page.getByTestId("programme-warning").count()) !== 4) throw new Error("not 4 warnings");
      if ((await text(page, "programme-zone")) !== "Times on the venue's clock: America/Toronto") throw new Error("the zone line");
      await shot(page, `programme-${colorScheme}`);
      await scrollTo(page, "programme-sessions");
      await shot(page, `programme-timeline-${colorScheme}`);
      // A warning's session on the other day: its tab opens, the session is outlined and focused.
      await page.getByTestId("programme-warning").last().getByTestId("programme-warning-session").click();
      await page.waitForFunction(() => document.activeElement?.matches("[data-testid=programme-session]"));
      if ((await page.locator("[data-testid=programme-day-tab][aria-selected=true]").textContent())?.includes("Dec 8") !== true) {
        throw new Error("the warning's day is not shown");
      }
      await shot(page, `programme-warning-shown-${colorScheme}`);
      await page.getByTestId("programme-day-tab").first().click();
      await scrollTo(page, "programme-speakers");
      await shot(page, `programme-lower-${colorScheme}`);
    });

    await run(`analytics-${colorScheme}`, { hash: analyticsHash, colorScheme, height: 1000 }, async (page) => {
      await page.getByTestId("analytics-sales-tickets-chart").waitFor();
      if ((await text(page, "analytics-sales-tickets")) !== String(fixtures.event_analytics.sales_per_day.reduce((n, d) => n + d.tickets, 0))) {
        throw new Error("the tickets total");
      }
      await shot(page, `analytics-${colorScheme}`);
      await scrollTo(page, "analytics-checkins");
      await shot(page, `analytics-checkins-${colorScheme}`);
      await scrollTo(page, "analytics-attendance");
      await shot(page, `analytics-sessions-${colorScheme}`);
      await scrollTo(page, "analytics-feedback");
      await shot(page, `analytics-feedback-${colorScheme}`);
    });
  }

  await run("programme-plain", { hash: programmeHash }, async (page) => {
    await page.getByTestId("programme-session").first().waitFor();
    if (await page.getByTestId("programme-warnings").count()) throw new Error("warnings shown for a programme without any");
    await shot(page, "programme-plain");
    // Esc goes back to the event.
    await page.keyboard.press("Escape");
    await page.getByTestId("screen-event").waitFor();
    await page.getByTestId("event-analytics").click();
    await page.getByTestId("screen-analytics").waitFor();
  });

  await run("programme-1024", { hash: programmeHash, scenario: "clashes", width: 1024, height: 700 }, async (page) => {
    await page.getByTestId("programme-warning").first().waitFor();
    await scrollTo(page, "programme-sessions");
    await shot(page, "programme-timeline-1024x700");
  });

  await run("programme-empty", { hash: `#/events/${otherEvent.id}/programme`, height: 1100 }, async (page) => {
    await page.getByTestId("programme-no-sessions").waitFor();
    await shot(page, "programme-empty");
  });

  await run("analytics-empty", { hash: `#/events/${otherEvent.id}/analytics`, height: 1100 }, async (page) => {
    await page.getByTestId("analytics-no-sales").waitFor();
    await shot(page, "analytics-empty");
  });

  // ---- The event's Waitlist and Budget pages, and a record's workflow steps ----
  const workshopId = fixtures.waitlist.event_id;
  const budgetHash = `#/events/${fixtures.budget.event_id}/budget`;
  const pendingExpense = fixtures.budget.expenses.find((e) => e.status === "pending");
  const entryRow = (page, name) => page.getByTestId("waitlist-entry").filter({ hasText: name });
  for (const colorScheme of ["light", "dark"]) {
    const suffix = colorScheme === "dark" ? "-dark" : "";
    await run(`waitlist-${colorScheme}`, { hash: `#/events/${workshopId}`, colorScheme, height: 1000 }, async (page) => {
      await page.getByTestId("ticket-stats").waitFor();
      // Other laptops sold all but one free place: the next person added is offered it, the one after waits.
      await page.evaluate(([id, n]) => window.__previewTakePlaces(id, n), [workshopId, 20]);
      await page.getByTestId("event-waitlist").click();
      await page.getByTestId("waitlist-entry").first().waitFor();
      if (!(await text(page, "waitlist-moved")).startsWith("5 places offered")) throw new Error("the first look's moves");
      if ((await page.getByTestId("waitlist-until").count()) !== 5) throw new Error("not 5 offers with their end");
      if (colorScheme === "light") {
        // A bad email is marked at its box, with the focus in it; nothing typed is lost.
        await page.getByTestId("waitlist-name").fill("Ana Silva");
        await page.getByTestId("waitlist-email").fill("ana.silva@");
        await page.getByTestId("waitlist-email").press("Enter");
        await page.getByTestId("waitlist-join").getByTestId("field-error").waitFor();
        if ((await focusedId(page)) !== "waitlist-email") throw new Error("the email is not focused after its error");
        await shot(page, "waitlist-join-error");
        await page.getByTestId("waitlist-email").fill("ana.silva@example.ca");
        await page.getByTestId("waitlist-email").press("Enter");
        await page.getByTestId("waitlist-done").waitFor();
        if ((await entryRow(page, "Ana Silva").getAttribute("data-status")) !== "offered") throw new Error("the free place not offered");
        if ((await focusedId(page)) !== "waitlist-name") throw new Error("the name is not focused for the next person");
      }
      await page.getByTestId("waitlist-name").fill("Ben Okafor");
      await page.getByTestId("waitlist-email").fill("ben.okafor@example.com");
      await page.getByTestId("waitlist-reason").fill("Speaker's guest");
      await page.getByTestId("waitlist-email").press("Enter");
      await page.waitForFunction(() => document.querySelector("[data-testid=waitlist-done]")?.textContent?.startsWith("Ben Okafor"));
      const benWaits = colorScheme === "light" ? "waiting" : "offered";
      if ((await entryRow(page, "Ben Okafor").getAttribute("data-status")) !== benWaits) throw new Error("Ben is not " + benWaits);
      await shot(page, `waitlist-${colorScheme}`);
      // An offer becomes an order: the dialog asks how it is paid; Esc closes it and stays.
      await entryRow(page, "Ethan Rossi").getByTestId("waitlist-convert").click();
      await page.getByTestId("confirm-convert").waitFor();
      await page.keyboard.press("Escape");
      await page.getByTestId("confirm-convert").waitFor({ state: "hidden" });
      if (!(await page.getByTestId("screen-waitlist").isVisible())) throw new Error("Esc in the dialog left the page");
      if ((await focusedId(page)) !== "waitlist-convert") throw new Error("the focus did not go back to Make order");
      await entryRow(page, "Ethan Rossi").getByTestId("waitlist-convert").click();
      await page.getByTestId("payment-card").check();
      await page.getByTestId("convert-total").waitFor();
      await shot(page, `waitlist-convert${suffix}`);
      await page.getByTestId("confirm-convert").click();
      await page.getByTestId("waitlist-converted").waitFor();
      if (!(await text(page, "converted-order")).startsWith("ORD-")) throw new Error("no order number");
      if (!(await text(page, "converted-ticket")).startsWith("TKT-")) throw new Error("no ticket number");
      await page.waitForFunction(() => document.querySelectorAll("[data-testid=waitlist-entry][data-status=converted]").length === 1);
      await shot(page, `waitlist-converted${suffix}`);
      if (colorScheme === "light") {
        // Someone waiting is taken off after a confirmation.
        await entryRow(page, "Ben Okafor").getByTestId("waitlist-remove").click();
        await page.getByTestId("confirm-remove").waitFor();
        await shot(page, "waitlist-remove");
        await page.getByTestId("confirm-remove").click();
        await page.waitForFunction(() => document.querySelector("[data-testid=waitlist-done]")?.textContent?.includes("off the waitlist"));
        if ((await entryRow(page, "Ben Okafor").getAttribute("data-status")) !== "cancelled") throw new Error("Ben not cancelled");
        // Esc goes back to the event.
        await page.keyboard.press("Escape");
        await page.getByTestId("screen-event").waitFor();
      }
    });

    await run(`budget-${colorScheme}`, { hash: budgetHash, colorScheme, height: 1400 }, async (page) => {
      await page.getByTestId("budget-expense").first().waitFor();
      const { result_cents: result, totals } = fixtures.budget;
      if ((await page.getByTestId("budget-outcome").getAttribute("data-outcome")) !== (result >= 0 ? "profit" : "loss")) {
        throw new Error("profit or loss");
      }
      await shot(page, `budget-${colorScheme}`);
      if (colorScheme === "dark") return;
      // Approve the pending expense: the result loses it, its row offers the next step, focused.
      const row = page.locator(`[data-testid=budget-expense][data-expense="${pendingExpense.id}"]`);
      await page.locator("details.as-table summary").click();
      const before = await text(page, "budget-result-amount");
      await row.locator("[data-testid=budget-step][data-to=approved]").click();
      await page.waitForFunction((id) => document.querySelector(`[data-expense="${id}"]`)?.getAttribute("data-status") === "approved", pendingExpense.id);
      if ((await text(page, "budget-result-amount")) === before) throw new Error("the result did not follow the approval");
      if ((await page.evaluate(() => document.activeElement?.getAttribute("data-to"))) !== "paid") throw new Error("Mark paid not focused");
      if (totals.pending_cents === pendingExpense.amount_cents && (await page.getByTestId("budget-pending-note").count())) {
        throw new Error("the pending note stayed");
      }
      await shot(page, "budget-approved");
      await page.keyboard.press("Enter");
      await page.waitForFunction((id) => document.querySelector(`[data-expense="${id}"]`)?.getAttribute("data-status") === "paid", pendingExpense.id);
      // Its record page says the same, with no step left.
      await row.getByTestId("budget-expense-link").click();
      await page.getByTestId("screen-record").waitFor();
      await page.getByTestId("field-status").getByText("Paid").waitFor();
      if (await page.getByTestId("record-steps").count()) throw new Error("a paid expense offers steps");
    });
  }

  await run("record-expense-steps", { hash: `#/data/event_expenses/${pendingExpense.id}` }, async (page) => {
    await page.getByTestId("record-steps").waitFor();
    if ((await page.getByTestId("record-step").count()) !== 2) throw new Error("a pending expense has not 2 steps");
    await shot(page, "record-expense-steps");
    await page.locator("[data-testid=record-step][data-to=rejected]").click();
    await page.locator("[data-testid=record-step][data-to=pending]").waitFor();
    await page.getByTestId("record-saved").waitFor();
    if ((await page.evaluate(() => document.activeElement?.getAttribute("data-to"))) !== "pending") throw new Error("Reopen not focused");
    await page.getByTestId("field-status").getByText("Rejected").waitFor();
    await shot(page, "record-expense-rejected");
  });

  await run("record-expense-steps-dark", { hash: `#/data/event_expenses/${pendingExpense.id}`, colorScheme: "dark" }, async (page) => {
    await page.getByTestId("record-steps").waitFor();
    await shot(page, "record-expense-steps-dark");
  });

  await run("records-team-note", { hash: "#/data/event_teams" }, async (page) => {
    await page.getByTestId("records-note").waitFor();
    await page.getByTestId("record-row-link").first().waitFor();
    await shot(page, "records-event-teams");
  });

  await browser.close();
  server.close();
  console.log(shots.map((s) => `shot: ${s}`).join("\n"));
  if (problems.length > 0) {
    console.error(problems.map((p) => `PROBLEM ${p}`).join("\n"));
    process.exit(1);
  }
  console.log(`${shots.length} screenshots, no console errors or CSP violations.`);
}
