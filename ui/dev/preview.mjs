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
// Reminders (toasts): reminders (a task due and a meeting soon), reminders_many (five).

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
  my_day: fixture("my_day"),
  pipeline_board: fixture("pipeline_board"),
  company_record: fixture("company_record"),
  documents: fixture("documents"),
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
  // What a scope holds, in the facade's words for the user's role in the account: signed in as the
  // demo's sales user (sales@…, a manager) the account is "My accounts", else the owner's wording.
  const scopeDetail = (scope) => scope.startsWith("event:")
    ? "This event's door: its attendees, tickets and check-ins"
    : /^sales@/.test(sync.email)
      ? "My accounts: the companies, contacts and deals assigned to you, with their activities, notes and documents — and the account's events"
      : "Everything in the account: its events, people, box office and the whole CRM";
  const scopeChoices = () => [
    { scope: "account:" + ACCOUNT, label: "Northwind Events" },
    ...F.events.slice(1, 4).map((e) => ({ scope: "event:" + e.id, label: e.name + " (" + e.start_at.slice(0, 10) + ")" })),
  ].map((c) => ({ ...c, detail: scopeDetail(c.scope), kept: sync.scopes.includes(c.scope) }));
  let outbox = sync.connected && !["bootstrapping", "door"].includes(scenario) ? [
    { change_id: "0193a5c2-7d1e-7b4a-9f3e-5c2d1a0b9e8f", table: "events", row_id: eventId, op: "update",
      fields: ["capacity", "name"], values: JSON.stringify({ capacity: 320, name: F.event.name }, null, 2),
      created_at: nowIso(-4 * 60 * 1000), error: null, attempts: 0 },
    { change_id: "0193a5c2-8a2f-7c5b-8e4d-6d3e2b1c0f9a", table: "tickets", row_id: "5b1f0e2d-3c4b-4a59-8687-9a0b1c2d3e4f", op: "update",
      fields: ["status"], values: JSON.stringify({ status: "cancelled" }, null, 2), created_at: nowIso(-35 * 60 * 1000),
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
                  values: JSON.stringify(Object.fromEntries(fields.map((f) => [f, "…"])), null, 2),
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
  const exchangeNow = () => ({
    state: "connected", received: 37, discovery: true, listening: "port 47011", last_error: null,
    peers: [
      { name: "door-laptop-2", gate: "Gate B", exit: false, connected: true, last_heard_s: 0, checked_in: 214 },
      { name: "side-pi", gate: "Side entrance", exit: false, connected: false, last_heard_s: 64, checked_in: 38 },
    ],
  });
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
    // The door exchange: two other doors, one gone a minute ago.
    open_exchange: async () => { needReady(); await sleep(20); return exchangeNow(); },
    door_exchange: async () => exchangeNow(),
    exchange_pairing_code: async () => ({ text: "192.168.1.20:47011 K7M2Q-9PX3D", qr_payload: "eventos-pair:192.168.1.20:47011/K7M2Q-9PX3D", valid_minutes: 10 }),
    exchange_pair: async ({ code }) => {
      if (!/\d+\.\d+\.\d+\.\d+/.test(code)) fail("invalid", "the code's address is not an IP address and port");
      return exchangeNow();
    },
    close_exchange: async () => null,
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
                  values: JSON.stringify(Object.fromEntries(fields.map((f) => [f, "…"])), null, 2),
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
  // ---- Pipeline board stand-in (the CRM's board) ----
  // The fixture's board as deals on stages. pipeline_board narrows by search (deal or company)
  // and owner (a profile id, or unassigned), pages each column (per_column, shown, reveal), names
  // the owners, and adds the totals up again as the facade does: a column's count, total
  // and weighted forecast; the open totals and the months over open deals only. move_opportunity
  // (to an open stage) gives the deal the stage's probability and reopens a closed one;
  // close_opportunity moves it to the first won or lost stage at 100 or 0 (a lost one needs a
  // reason). Scenario big_pipeline: 5,000 made-up deals on the fixture's stages.
  const pipeline = (() => {
    const stages = F.pipeline_board.columns.map(({ cards, count, total_cents, weighted_cents, ...s }) => s);
    const seed = F.pipeline_board.columns.flatMap((c) => c.cards.map((d) => ({ ...d, stage_id: c.stage_id })));
    if (scenario !== "big_pipeline") return { stages, deals: seed };
    const open = stages.filter((s) => !s.is_closed);
    const won = stages.find((s) => s.is_closed && s.is_won), lost = stages.find((s) => s.is_closed && !s.is_won);
    const companies = [...new Map(seed.map((d) => [d.company_id, d.company_name])).entries()];
    const owners = [...new Set(seed.map((d) => d.owner_name)), "Maya Chen", "Jamal Reid", null];
    const kinds = ["annual conference", "sales kickoff", "partner summit", "holiday party", "product launch", "board retreat"];
    let h = 20261207;
    const rnd = () => (h = (Math.imul(h, 1103515245) + 12345) >>> 0) / 4294967296;
    const deals = Array.from({ length: 5000 }, (_, i) => {
      const [company_id, company_name] = companies[Math.floor(rnd() * companies.length)];
      const r = rnd();
      const stage = r < 0.7 ? open[Math.floor(rnd() * open.length)] : r < 0.85 ? won : lost;
      const status = stage.is_closed ? (stage.is_won ? "won" : "lost") : "open";
      const value = 500000 + Math.floor(rnd() * 15000000);
      const m = Math.floor(rnd() * 18), day = 1 + Math.floor(rnd() * 28);
      const date = rnd() < 0.05 ? null : (2026 + Math.floor((11 + m) / 12)) + "-" + pad2(((11 + m) % 12) + 1) + "-" + pad2(day);
      return { id: "b0a7d000-0000-4000-8000-" + String(i).padStart(12, "0"), name: company_name + " " + kinds[i % kinds.length] + " " + (i + 1),
               company_id, company_name, value_cents: value, probability: stage.probability,
               expected_revenue_cents: Math.round((value * stage.probability) / 100), expected_close_date: date,
               owner_name: owners[Math.floor(rnd() * owners.length)], status,
               actual_close_date: status === "open" ? null : "2026-" + pad2(1 + Math.floor(rnd() * 11)) + "-" + pad2(day),
               loss_reason: status === "lost" ? "went with another venue" : null, stage_id: stage.stage_id };
    });
    return { stages, deals };
  })();
  // Owners the fixture's profiles lack (the big scenario's) get made-up ids, one per name.
  const madeUp = new Map();
  const profileOf = (name) => profileIds[name]
    ?? madeUp.get(name) ?? madeUp.set(name, "5e1d2c3b-0000-4000-8000-" + String(100 + madeUp.size).padStart(12, "0")).get(name);
  const readBoard = (query) => {
    const needle = String(query.search || "").trim().toLowerCase();
    const columns = pipeline.stages.map((s) => ({ ...s, cards: [], count: 0, total_cents: 0, weighted_cents: 0 }));
    const months = {};
    const owners = new Map();
    let open = 0, weighted = 0, unassigned = false;
    const deals = pipeline.deals
      .filter((d) => !needle || d.name.toLowerCase().includes(needle) || d.company_name.toLowerCase().includes(needle))
      .sort((a, b) => (a.expected_close_date === null) - (b.expected_close_date === null)
        || String(a.expected_close_date).localeCompare(String(b.expected_close_date)) || a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
    for (const d of deals) {
      const column = columns.find((c) => c.stage_id === d.stage_id);
      if (!column || (d.status === "open") === column.is_closed) continue;
      const owner = d.owner_name ? profileOf(d.owner_name) : null;
      if (owner) owners.set(owner, d.owner_name);
      else unassigned = true;
      if (query.unassigned ? owner !== null : query.owner && owner !== query.owner) continue;
      const { stage_id, ...card } = d;
      column.cards.push(clone(card));
      column.count += 1;
      column.total_cents += d.value_cents;
      column.weighted_cents += d.expected_revenue_cents;
      if (d.status !== "open") continue;
      open += d.value_cents;
      weighted += d.expected_revenue_cents;
      const key = d.expected_close_date ? d.expected_close_date.slice(0, 7) : "none";
      const slot = months[key] || (months[key] = { month: key, deals: 0, total_cents: 0, weighted_cents: 0 });
      slot.deals += 1;
      slot.total_cents += d.value_cents;
      slot.weighted_cents += d.expected_revenue_cents;
    }
    // A page per column, more where shown, up to a revealed deal (as the facade sends them).
    if (query.per_column) {
      for (const c of columns) {
        const at = query.reveal ? c.cards.findIndex((d) => d.id === query.reveal) + 1 : 0;
        c.cards = c.cards.slice(0, Math.max(query.per_column, (query.shown || {})[c.stage_id] || 0, at));
      }
    }
    const sortedMonths = Object.keys(months).sort().map((k) => months[k]);
    const ownerList = [...owners].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name));
    return { columns, owners: ownerList, unassigned, months: sortedMonths, open_cents: open, weighted_cents: weighted };
  };
  const dealOf = (id) => {
    const d = pipeline.deals.find((x) => x.id === id);
    if (!d) fail("not_found", "there is no opportunity " + id + " on this computer");
    return d;
  };
  const dealRow = (d) => ({ id: d.id, account_id: ACCOUNT, name: d.name, organizer_id: d.company_id, stage_id: d.stage_id,
    value: (d.value_cents / 100).toFixed(2), probability: d.probability, expected_revenue: (d.expected_revenue_cents / 100).toFixed(2),
    expected_close_date: d.expected_close_date, status: d.status, actual_close_date: d.actual_close_date, loss_reason: d.loss_reason,
    last_stage_change_at: nowIso(), updated_at: nowIso() });
  const placeDeal = (d, stage, patch) => {
    Object.assign(d, patch, { stage_id: stage.stage_id, expected_revenue_cents: Math.round((d.value_cents * patch.probability) / 100) });
    queueChange("crm_opportunities", d.id, ["actual_close_date", "expected_revenue", "last_stage_change_at", "loss_reason", "probability", "stage_id", "status"]);
    return dealRow(d);
  };
  Object.assign(handlers, {
    pipeline_board: async ({ query }) => {
      needReady();
      await sleep(scenario === "big_pipeline" ? 150 : 50);
      return readBoard(query || {});
    },
    move_opportunity: async ({ id, stageId }) => {
      needReady();
      await sleep(120);
      const d = dealOf(id);
      const stage = pipeline.stages.find((s) => s.stage_id === stageId);
      if (!stage) fail("not_found", "there is no such stage in this deal's pipeline", "stage_id");
      if (stage.is_closed) {
        fail("invalid", "close the deal as won or lost to move it to " + stage.name + " (a lost deal needs a reason)", "stage_id");
      }
      return placeDeal(d, stage, { probability: stage.probability, status: "open", actual_close_date: null, loss_reason: null });
    },
    close_opportunity: async ({ id, closing }) => {
      needReady();
      await sleep(150);
      const d = dealOf(id);
      const reason = String(closing.reason || "").trim();
      if (!closing.won && !reason) fail("invalid", "say why the deal was lost", "loss_reason");
      const given = String(closing.close_date || "").trim();
      if (given && !/^\\d{4}-\\d{2}-\\d{2}$/.test(given)) fail("invalid", "'" + given + "' is not a date (YYYY-MM-DD)", "actual_close_date");
      const stage = pipeline.stages.find((s) => s.is_closed && s.is_won === closing.won);
      if (!stage) fail("invalid", "the pipeline has no " + (closing.won ? "won" : "lost") + " stage", "stage_id");
      return placeDeal(d, stage, { probability: closing.won ? 100 : 0, status: closing.won ? "won" : "lost",
                                   actual_close_date: given || today(), loss_reason: closing.won ? null : reason });
    },
  });
  // ---- CRM stand-in: My day, the quick log, a contact's actions, and CRM record pages ----
  // Companies are the CRM list's (companies.json), each with two or three contacts (the ones My
  // day names among them) and its deal from the pipeline board's fixture. Activities are rows of
  // crm_activities: My day's fixture items (the demo person's tasks), plus, so every part shows, a
  // meeting and a task later today, one finished this morning and a few past calls. my_day works
  // the parts out as the facade does (overdue: open tasks due before today's local midnight; today;
  // upcoming; done: finished today), on the page's clock with the offset it is given;
  // complete_task and snooze_task change the rows. log_activity refuses as the facade does (type,
  // subject, due_date, each naming its field) and adds the row, which the record's children then
  // list; make_primary_contact swaps the company's primary. record_tables, record, record_titles and
  // list_records answer for crm_organizers, crm_contacts, crm_opportunities and crm_activities.
  // Scenario "empty" has no CRM at all.
  const crm = (() => {
    const ME = profileIds[SIGNED_IN];
    profileIds["Marcus Reid"] = "5e1d2c3b-4a59-4687-9a0b-000000000005";
    const micro = (ms) => new Date(ms).toISOString().slice(0, 23) + "000Z";
    const none = scenario === "empty";
    // The deals are the pipeline board fixture's cards, as they were when it was made.
    const board = F.pipeline_board;
    const deals = none ? [] : board.columns.flatMap((c) => c.cards.map((k) => ({
      id: k.id, account_id: ACCOUNT, organizer_id: k.company_id, event_id: null, stage_id: c.stage_id, name: k.name,
      description: null, value: (k.value_cents / 100).toFixed(2), currency: "CAD", probability: k.probability,
      expected_revenue: (k.expected_revenue_cents / 100).toFixed(2), expected_close_date: k.expected_close_date,
      actual_close_date: k.actual_close_date, status: k.status, loss_reason: k.loss_reason,
      assigned_to: profileIds[k.owner_name] ?? null, created_at: "2026-09-14T15:00:00.000000Z", updated_at: "2026-11-30T16:20:00.000000Z",
    })));
    const domainOf = (name) => name.toLowerCase().split(" ").filter((w) => w !== "llp").join("").replace("&", "") + ".ca";
    const companies = none ? [] : F.companies.map((c, i) => ({
      id: c.id, account_id: ACCOUNT, company_name: c.company_name, industry: c.industry,
      company_size: ["medium", "large", "small", "enterprise"][i % 4], website: "https://" + domainOf(c.company_name),
      status: c.status, lead_source: ["referral", "event", "inbound", "outbound"][i % 4], primary_email: "events@" + domainOf(c.company_name),
      primary_phone: "416-555-01" + pad2(10 + i), annual_events: 2 + (i % 5), engagement_score: 40 + (i * 7) % 55, health_score: 55 + (i * 5) % 40,
      churn_risk: ["low", "medium", "low", "high"][i % 4], tags: i % 3 === 0 ? ["conference", "repeat"] : ["conference"],
      assigned_to: profileIds[c.owner_name] ?? null, created_at: "2026-06-02T14:00:00.000000Z", updated_at: "2026-11-30T16:20:00.000000Z",
      last_activity_at: "2026-12-01T15:30:00.000000Z",
    }));
    const mine = none ? [] : [...F.my_day.overdue, ...F.my_day.today, ...F.my_day.upcoming, ...F.my_day.done];
    const FIRST = ["Priya", "Daniel", "Chloe", "Mateo", "Aisha", "Liam", "Hana", "Noah", "Grace", "Omar", "Elena", "Ravi", "Zoe", "Kwame"];
    const LAST = ["Sharma", "Tremblay", "Nguyen", "Okafor", "Bouchard", "Fischer", "Singh", "Moreau", "Campbell", "Haddad", "Park", "Dubois"];
    const TITLES = ["Head of Events", "Marketing Director", "Office Manager", "VP People", "Procurement Lead"];
    const contacts = [];
    companies.forEach((c, i) => {
      const named = mine.filter((m) => m.company_id === c.id && m.contact_name).map((m) => m.contact_name);
      const people = [...new Set(named)];
      while (people.length < 2 + (i % 2)) people.push(FIRST[(i * 3 + people.length) % FIRST.length] + " " + LAST[(i * 5 + people.length * 7) % LAST.length]);
      people.forEach((name, j) => {
        const [first, ...rest] = name.toLowerCase().split(" ");
        contacts.push({
          id: "5c0a1b2c-0000-4000-8000-" + pad2(i) + pad2(j) + "c0c0c0c0", account_id: ACCOUNT, organizer_id: c.id, full_name: name,
          title: TITLES[(i + j) % TITLES.length], department: j === 0 ? "Events" : "Marketing",
          email: first + "." + rest.join("") + "@" + domainOf(c.company_name), phone: "416-555-" + pad2(20 + i) + pad2(j),
          mobile: j === 0 ? "647-555-" + pad2(30 + i) + pad2(j) : null, linkedin_url: null,
          // The one My day names is not the primary, so "Make primary" shows on their page.
          is_primary: j === (named.length > 0 && people.length > 1 ? 1 : 0), is_decision_maker: j === 0, vip_status: false,
          influence_level: ["high", "medium", "low"][j % 3], communication_preference: j === 0 ? "phone" : "email",
          timezone: "America/Toronto", language: "en", last_contact_date: "2026-12-01T15:30:00.000000Z", engagement_score: 60 - j * 10,
          notes: null, tags: [], created_at: "2026-06-02T14:00:00.000000Z", updated_at: "2026-11-30T16:20:00.000000Z",
        });
      });
    });
    const contactNamed = (companyId, name) => contacts.find((p) => p.organizer_id === companyId && p.full_name === name);
    const dealNamed = (companyId, name) => deals.find((d) => d.organizer_id === companyId && d.name === name);
    const activity = (a) => ({
      id: a.id || crypto.randomUUID(), account_id: ACCOUNT, organizer_id: a.organizer_id ?? null, contact_id: a.contact_id ?? null,
      opportunity_id: a.opportunity_id ?? null, event_id: null, type: a.type, subject: a.subject, description: a.description ?? null,
      activity_date: a.activity_date, duration_minutes: a.duration_minutes ?? null, is_task: a.is_task ?? false,
      task_status: a.task_status ?? null, due_date: a.due_date ?? null, user_id: a.user_id ?? ME, metadata: {},
      created_at: a.created_at || a.activity_date, updated_at: a.updated_at || a.activity_date,
    });
    const activities = mine.map((m) => {
      const task = m.kind !== "meeting";
      return activity({
        id: m.id, type: m.kind, subject: m.subject, organizer_id: m.company_id,
        contact_id: contactNamed(m.company_id, m.contact_name)?.id, opportunity_id: dealNamed(m.company_id, m.deal_name)?.id,
        activity_date: task ? "2026-11-30T16:20:00.000000Z" : m.when, is_task: task, task_status: m.done ? "completed" : "pending",
        due_date: task ? m.when : null,
      });
    });
    if (!none) {
      // Today on this computer's clock, at a given local hour.
      const now = new Date();
      const at = (h, m) => micro(new Date(now.getFullYear(), now.getMonth(), now.getDate(), h, m).getTime());
      const byName = (n) => companies.find((c) => c.company_name === n) || companies[0];
      const lake = byName("Lakeshore Financial Group"), queen = byName("Queen West Creative"), maple = byName("Maple Leaf Analytics");
      const first = (c) => contacts.find((p) => p.organizer_id === c.id);
      const dealOf = (c) => deals.find((d) => d.organizer_id === c.id);
      activities.push(
        activity({ type: "meeting", subject: "Venue walk-through for the spring summit", organizer_id: lake.id, contact_id: first(lake)?.id,
                   opportunity_id: dealOf(lake)?.id, activity_date: at(16, 30), duration_minutes: 60, created_at: "2026-12-02T14:00:00.000000Z" }),
        activity({ type: "task", subject: "Send the revised catering quote", organizer_id: queen.id, contact_id: first(queen)?.id,
                   opportunity_id: dealOf(queen)?.id, activity_date: "2026-12-03T15:00:00.000000Z", is_task: true, task_status: "pending",
                   due_date: at(17, 0) }),
        activity({ type: "task", subject: "Confirm the AV requirements", organizer_id: maple.id, contact_id: first(maple)?.id,
                   opportunity_id: dealOf(maple)?.id, activity_date: "2026-12-02T15:00:00.000000Z", is_task: true, task_status: "completed",
                   due_date: at(12, 0), updated_at: at(10, 12) }),
      );
      // Past calls and emails, for the records' activity lists.
      companies.slice(0, 12).forEach((c, i) => {
        activities.push(activity({ type: i % 2 ? "email" : "call", subject: i % 2 ? "Sent the event brochure" : "Intro call about next year's events",
                                   description: i % 2 ? null : "Interested; wants a proposal by January", duration_minutes: i % 2 ? null : 20,
                                   organizer_id: c.id, contact_id: first(c)?.id, activity_date: micro(Date.parse("2026-11-20T15:00:00Z") + i * 86400000) }));
      });
    }
    const stageNames = Object.fromEntries(board.columns.map((c) => [c.stage_id, c.name]));
    const rowsOf = { crm_organizers: companies, crm_contacts: contacts, crm_opportunities: deals, crm_activities: activities };
    const naming = { crm_organizers: "company_name", crm_contacts: "full_name", crm_opportunities: "name", crm_activities: "subject" };
    const titleOf = (table, row) => String(row[naming[table]] ?? row.id);
    const find = (table, id) => {
      const row = (rowsOf[table] || []).find((r) => r.id === id);
      if (!row) fail("not_found", "there is no " + table + " " + id + " on this computer");
      return row;
    };
    const whenOf = (a) => (a.is_task || a.type === "task" ? a.due_date ?? a.activity_date : a.activity_date);
    const dayItem = (a) => ({
      id: a.id, kind: a.type, subject: a.subject, when: whenOf(a), done: a.task_status === "completed",
      company_id: a.organizer_id, company_name: companies.find((c) => c.id === a.organizer_id)?.company_name ?? null,
      contact_name: contacts.find((p) => p.id === a.contact_id)?.full_name ?? null,
      deal_name: deals.find((d) => d.id === a.opportunity_id)?.name ?? null,
    });
    const myDay = (offsetMinutes) => {
      const off = Number(offsetMinutes || 0) * 60000;
      const start = Math.floor((Date.now() + off) / 86400000) * 86400000 - off;
      const end = start + 86400000;
      const ms = (t) => (t ? Date.parse(t) : NaN);
      const open = activities.filter((a) => a.user_id === ME && (a.is_task || a.type === "task" || a.type === "meeting")
                                            && a.task_status !== "cancelled");
      const byWhen = (x, y) => ms(whenOf(x)) - ms(whenOf(y));
      const pick = (test) => open.filter(test).sort(byWhen).map(dayItem);
      const overdue = pick((a) => a.task_status !== "completed" && ms(whenOf(a)) < start && a.type !== "meeting");
      const today = pick((a) => a.task_status !== "completed" && ms(whenOf(a)) >= start && ms(whenOf(a)) < end);
      const upcoming = pick((a) => a.task_status !== "completed" && ms(whenOf(a)) >= end).slice(0, 50);
      const done = open.filter((a) => a.task_status === "completed" && ms(a.updated_at) >= start && ms(a.updated_at) < end)
        .sort((x, y) => ms(y.updated_at) - ms(x.updated_at)).map(dayItem);
      return { overdue, today, upcoming, done, due_count: overdue.length + today.length };
    };
    const CHILDREN = {
      crm_organizers: [["crm_contacts", "organizer_id"], ["crm_opportunities", "organizer_id"], ["crm_activities", "organizer_id"]],
      crm_contacts: [["crm_activities", "contact_id"]],
      crm_opportunities: [["crm_activities", "opportunity_id"]],
      crm_activities: [],
    };
    const childrenOf = (table, id) => CHILDREN[table].map(([child, column]) => {
      let rows = rowsOf[child].filter((r) => r[column] === id);
      if (child === "crm_activities") rows = rows.slice().sort((x, y) => Date.parse(y.created_at) - Date.parse(x.created_at));
      return { table: child, column, total: rows.length, rows: clone(rows.slice(0, 5)) };
    });
    const choice = (name, label, choices, more = {}) => fld(name, label, "choice", { choices, ...more });
    const ts = (name, label) => fld(name, label, "timestamp");
    const ref = (name, label, references, more = {}) => fld(name, label, "reference", { references, ...more });
    const infos = () => [
      { name: "crm_organizers", label: "Companies", singular: "company", area: "crm", naming: ["company_name"],
        list: ["company_name", "industry", "status", "assigned_to"], related_filters: [], allowed: ALL, count: companies.length,
        fields: [bookkeeping[0], bookkeeping[1], fld("company_name", "Company name", "text", { required: true }), fld("industry", "Industry", "text"),
          choice("company_size", "Company size", ["startup", "small", "medium", "large", "enterprise"]), fld("website", "Website", "text"),
          choice("status", "Status", ["active", "inactive", "prospect", "archived"]),
          choice("lead_source", "Lead source", ["referral", "inbound", "outbound", "event", "marketing", "partner"]),
          fld("primary_email", "Primary email", "text"), fld("primary_phone", "Primary phone", "text"), fld("annual_events", "Annual events", "integer"),
          fld("engagement_score", "Engagement score", "integer"), fld("health_score", "Health score", "integer"),
          choice("churn_risk", "Churn risk", ["low", "medium", "high"]), fld("tags", "Tags", "list"), ref("assigned_to", "Assigned to", "profiles"),
          bookkeeping[2], bookkeeping[3], ts("last_activity_at", "Last activity at")] },
      { name: "crm_contacts", label: "Contacts", singular: "contact", area: "crm", naming: ["full_name"],
        list: ["full_name", "organizer_id", "title", "email"], related_filters: [], allowed: ALL, count: contacts.length,
        fields: [bookkeeping[0], bookkeeping[1], ref("organizer_id", "Company", "crm_organizers", { required: true }),
          fld("full_name", "Full name", "text", { required: true }), fld("title", "Title", "text"), fld("department", "Department", "text"),
          fld("email", "Email", "text", { required: true }), fld("phone", "Phone", "text"), fld("mobile", "Mobile", "text"),
          fld("is_primary", "Primary", "boolean"), fld("is_decision_maker", "Decision maker", "boolean"),
          choice("influence_level", "Influence level", ["low", "medium", "high"]),
          choice("communication_preference", "Communication preference", ["email", "phone", "whatsapp", "any"]),
          ts("last_contact_date", "Last contact date"), fld("notes", "Notes", "text"), bookkeeping[2], bookkeeping[3]] },
      { name: "crm_opportunities", label: "Deals", singular: "deal", area: "crm", naming: ["name"],
        list: ["name", "organizer_id", "stage_id", "value", "status"], related_filters: [], allowed: ALL, count: deals.length,
        fields: [bookkeeping[0], bookkeeping[1], ref("organizer_id", "Company", "crm_organizers", { required: true }),
          ref("stage_id", "Stage", "crm_pipeline_stages", { required: true }), fld("name", "Name", "text", { required: true }),
          fld("value", "Value", "decimal", { required: true, scale: 2 }), fld("currency", "Currency", "text"),
          fld("probability", "Probability", "integer"), fld("expected_revenue", "Expected revenue", "decimal", { scale: 2, generated: true }),
          fld("expected_close_date", "Expected close date", "date"), fld("actual_close_date", "Actual close date", "date"),
          choice("status", "Status", ["open", "won", "lost", "abandoned"]), fld("loss_reason", "Loss reason", "text"),
          ref("assigned_to", "Assigned to", "profiles"), bookkeeping[2], bookkeeping[3]] },
      { name: "crm_activities", label: "Activities", singular: "activity", area: "crm", naming: ["subject"],
        list: ["subject", "type", "activity_date", "organizer_id"], related_filters: [], allowed: ALL, count: activities.length,
        fields: [bookkeeping[0], bookkeeping[1], ref("organizer_id", "Company", "crm_organizers"), ref("contact_id", "Contact", "crm_contacts"),
          ref("opportunity_id", "Deal", "crm_opportunities"), choice("type", "Type", ["call", "email", "meeting", "note", "task", "event"], { required: true }),
          fld("subject", "Subject", "text", { required: true }), fld("description", "Description", "text"), ts("activity_date", "Activity date"),
          fld("duration_minutes", "Duration minutes", "integer"), fld("is_task", "Task", "boolean"),
          choice("task_status", "Task status", ["pending", "completed", "cancelled"]), ts("due_date", "Due date"),
          ref("user_id", "User", "profiles", { required: true }), bookkeeping[2], bookkeeping[3]] },
    ];
    const KINDS = ["call", "email", "meeting", "note", "task"];
    const logActivity = (log) => {
      const kind = String(log.kind || "").trim();
      if (!KINDS.includes(kind)) fail("invalid", "'" + kind + "' is not a kind of activity (" + KINDS.join(", ") + ")", "type");
      const subject = String(log.subject || "").trim();
      if (!subject) fail("invalid", "say what it was about", "subject");
      if (!CHILDREN[log.on_table] || log.on_table === "crm_activities") {
        fail("invalid", "activities are logged on companies, contacts or deals, not " + log.on_table, "on_table");
      }
      const on = find(log.on_table, log.on_id);
      if (kind === "task" && !log.due) fail("invalid", "a task needs a due time", "due_date");
      const stamp = micro(Date.now());
      const row = activity({
        type: kind, subject, description: String(log.outcome || "").trim() || null, duration_minutes: log.duration_minutes ?? null,
        activity_date: log.at ? micro(Date.parse(log.at)) : stamp, created_at: stamp, updated_at: stamp,
        organizer_id: log.on_table === "crm_organizers" ? on.id : on.organizer_id,
        contact_id: log.on_table === "crm_contacts" ? on.id : null,
        opportunity_id: log.on_table === "crm_opportunities" ? on.id : null,
        ...(kind === "task" ? { is_task: true, task_status: "pending", due_date: micro(Date.parse(log.due)) } : {}),
      });
      activities.push(row);
      queueInsert("crm_activities", ["organizer_id", "subject", "type", "user_id"]);
      return clone(row);
    };
    const makePrimary = (contactId) => {
      const contact = find("crm_contacts", contactId);
      for (const p of contacts) {
        if (p.organizer_id === contact.organizer_id && p.id !== contact.id && p.is_primary) {
          p.is_primary = false;
          queueChange("crm_contacts", p.id, ["is_primary"]);
        }
      }
      contact.is_primary = true;
      contact.updated_at = micro(Date.now());
      queueChange("crm_contacts", contact.id, ["is_primary"]);
      return clone(contact);
    };
    return { rowsOf, titleOf, find, childrenOf, infos, myDay, logActivity, makePrimary, stageNames, micro };
  })();
  const crmBefore = { record_tables: handlers.record_tables, record: handlers.record, record_titles: handlers.record_titles,
                      list_records: handlers.list_records };
  Object.assign(handlers, {
    my_day: async ({ utcOffsetMinutes }) => { needReady(); await sleep(50); return clone(crm.myDay(utcOffsetMinutes)); },
    complete_task: async ({ id }) => {
      needReady();
      await sleep(150);
      const a = crm.find("crm_activities", id);
      Object.assign(a, { task_status: "completed", updated_at: crm.micro(Date.now()) });
      queueChange("crm_activities", id, ["task_status"]);
      return clone(a);
    },
    snooze_task: async ({ id, until }) => {
      needReady();
      await sleep(150);
      const a = crm.find("crm_activities", id);
      if (Number.isNaN(Date.parse(until))) fail("invalid", "'" + until + "' is not a date and time", "due_date");
      const field = a.type === "meeting" ? "activity_date" : "due_date";
      Object.assign(a, { [field]: crm.micro(Date.parse(until)), updated_at: crm.micro(Date.now()) });
      queueChange("crm_activities", id, [field]);
      return clone(a);
    },
    log_activity: async ({ log }) => { needReady(); await sleep(150); return crm.logActivity(log || {}); },
    make_primary_contact: async ({ contactId }) => { needReady(); await sleep(150); return crm.makePrimary(contactId); },
    // Preview only: the app hands the link to the OS; here nothing is opened.
    open_link: async () => null,
    record_tables: async () => [...(await crmBefore.record_tables()), ...crm.infos()],
    record: async ({ table, id }) => {
      if (!crm.rowsOf[table]) return crmBefore.record({ table, id });
      needReady();
      await sleep(40);
      const row = crm.find(table, id);
      return { table, title: crm.titleOf(table, row), row: clone(row), children: crm.childrenOf(table, id), allowed: ALL };
    },
    record_titles: async ({ table, ids }) => {
      if (table === "crm_pipeline_stages") return Object.fromEntries(ids.filter((i) => crm.stageNames[i]).map((i) => [i, crm.stageNames[i]]));
      if (!crm.rowsOf[table]) return crmBefore.record_titles({ table, ids });
      const rows = crm.rowsOf[table].filter((r) => ids.includes(r.id));
      return Object.fromEntries(rows.map((r) => [r.id, crm.titleOf(table, r)]));
    },
    list_records: async (args) => {
      const { table, query } = args;
      if (!crm.rowsOf[table]) return crmBefore.list_records(args);
      needReady();
      await sleep(40);
      let rows = crm.rowsOf[table];
      for (const f of query.filters || []) {
        if (f.op === "is") rows = rows.filter((r) => String(r[f.field]) === String(f.value));
      }
      const words = String(query.search || "").toLowerCase().split(" ").filter(Boolean);
      rows = rows.filter((r) => words.every((w) => crm.titleOf(table, r).toLowerCase().includes(w)));
      rows = rows.slice().sort((x, y) => crm.titleOf(table, x).localeCompare(crm.titleOf(table, y)));
      return { rows: clone(rows.slice(0, query.limit || 50)), total: rows.length, next: null };
    },
  });
  // ---- Reminders (due_reminders) ----
  // Scenario "reminders": the first call reminds of two, as the facade does once per due time —
  // My day's overdue task (its due time moved to four minutes ago) and the CRM stand-in's meeting
  // (moved to eight minutes from now), the rows changed so My day agrees —, later calls of nothing.
  // "reminders_many" adds the fixture's upcoming tasks (due half an hour ago and before): five.
  // "failing" fails every call (nothing may show). Elsewhere nothing falls due.
  const reminding = (() => {
    const many = scenario === "reminders_many";
    if (scenario !== "reminders" && !many) return [];
    const at = (minutes) => crm.micro(Date.now() + minutes * 60000);
    const task = crm.find("crm_activities", F.my_day.overdue[0].id);
    task.due_date = at(-4);
    const meeting = crm.rowsOf.crm_activities.find((a) => a.type === "meeting" && a.task_status !== "completed");
    meeting.activity_date = at(8);
    const ids = [task.id, meeting.id];
    if (many) {
      F.my_day.upcoming.forEach((u, i) => {
        crm.find("crm_activities", u.id).due_date = at(-30 - 10 * i);
        ids.push(u.id);
      });
    }
    return ids;
  })();
  let reminded = false;
  Object.assign(handlers, {
    due_reminders: async () => {
      needReady();
      await sleep(80);
      if (scenario === "failing") fail("busy", "the workspace is busy: another write is running");
      if (reminded) return { due: [], answered: [] };
      reminded = true;
      const day = crm.myDay(-new Date().getTimezoneOffset());
      const open = [...day.overdue, ...day.today];
      return { due: reminding.map((id) => open.find((i) => i.id === id)).filter(Boolean), answered: [] };
    },
  });
  // ---- Paper (default_paper, save_tickets_pdf, open_tickets_pdf) ----
  // The tickets' PDF as the app would answer: an order's tickets (two), one ticket, or an
  // event's sold ones; "saved" to Downloads under the app's file name. Scenario "failing" refuses.
  const pdfAnswer = (of) => {
    if (scenario === "failing") fail("io", "cannot write /home/you/Downloads/Tickets.pdf: No space left on device");
    const pages = of.kind === "order" ? 2 : of.kind === "ticket" ? 1 : 169;
    const name = of.kind === "event" ? "Tickets AI & Machine Learning Summit.pdf" : (of.kind === "order" ? "Tickets " : "Ticket ") + of.value + ".pdf";
    return { path: "/home/you/Downloads/" + name, pages, missing: [] };
  };
  Object.assign(handlers, {
    default_paper: async () => "letter",
    pdf_progress: async () => ({ done: 0, total: 0 }),
    save_door_list_pdf: async () => { needReady(); await sleep(400); return { path: "/home/you/Downloads/Door list AI & Machine Learning Summit.pdf", pages: 5, missing: [] }; },
    open_door_list_pdf: async () => { needReady(); await sleep(400); return { path: "/tmp/Door list.pdf", pages: 5, missing: [] }; },
    save_event_report: async () => { needReady(); await sleep(300); return { path: "/home/you/Downloads/Report AI & Machine Learning Summit.pdf", pages: 3, missing: [] }; },
    open_event_report: async () => { needReady(); await sleep(300); return { path: "/tmp/Report.pdf", pages: 3, missing: [] }; },
    save_pipeline_report: async () => { needReady(); await sleep(300); return { path: "/home/you/Downloads/Pipeline report.pdf", pages: 2, missing: [] }; },
    open_pipeline_report: async () => { needReady(); await sleep(300); return { path: "/tmp/Pipeline report.pdf", pages: 2, missing: [] }; },
    badge_layouts: async () => [
      { name: "a4-2x5-90x54", label: "A4 sheet, 2 × 5 badges of 90 × 54 mm (Durable 1445-02 inserts)", per_page: 10 },
      { name: "letter-2x3-4x3in", label: "US Letter sheet, 2 × 3 badges of 4 × 3 in (Avery 5392 inserts)", per_page: 6 },
      { name: "thermal-4x3in", label: "Thermal printer, one 4 × 3 in badge a page", per_page: 1 },
    ],
    save_badges_pdf: async ({ of }) => { needReady(); await sleep(400); return { path: "/home/you/Downloads/Badges AI & Machine Learning Summit.pdf", pages: of.layout.startsWith("thermal") ? 169 : 29, missing: [] }; },
    open_badges_pdf: async ({ of }) => { needReady(); await sleep(400); return { path: "/tmp/Badges.pdf", pages: of.layout.startsWith("thermal") ? 169 : 29, missing: [] }; },
    save_tickets_pdf: async ({ of }) => { needReady(); await sleep(400); return pdfAnswer(of); },
    open_tickets_pdf: async ({ of }) => { needReady(); await sleep(400); return pdfAnswer(of); },
  });
  // ---- Email templates (crm_email_templates) and render_template ----
  // Three templates: a clean invitation, a follow-up with a name that is not a variable
  // ({{nope}}), and a thank-you in HTML only. render_template fills them as the facade does:
  // each {{name}} once in order; names that are not variables stay as typed ("unknown"); a
  // variable with no value for this contact (or no event) is left empty ("empty"); the body is
  // the plain text, else the HTML; the mailto: link encodes everything but unreserved characters.
  const templates = (() => {
    const made = "2026-10-01T14:00:00.000000Z";
    const row = (n, name, category, subject, body_text, body_html, more = {}) => ({
      id: "7e3a1c00-0000-4000-8000-00000000000" + n, account_id: ACCOUNT, name, description: null, subject, body_html,
      body_text, category, variables: [], is_active: true, created_by: profileIds[SIGNED_IN] ?? null, created_at: made,
      updated_at: made, ...more });
    const rows = scenario === "empty" ? [] : [
      row(1, "Event invitation", "welcome", "{{event_name}}: an invitation for {{company_name}}",
        "Hi {{contact_first_name}},\\n\\nWe would love to see the {{company_name}} team at {{event_name}} on {{event_date}}. " +
        "Seats are limited, and the early rate ends soon.\\n\\nReply to this email and I will hold places for you.\\n\\nBest,\\n{{owner_name}}",
        "<p>Hi {{contact_first_name}},</p>", { description: "The first invitation to an event" }),
      row(2, "Follow-up after a call", "follow_up", "Following up, {{contact_name}}",
        "Hi {{contact_first_name}},\\n\\nThanks for your time today. As promised, here is the discount code: {{nope}}.\\n\\n" +
        "See you at {{event_name}}!\\n{{owner_name}}", "<p>Hi</p>", { description: "Draft: the discount code is not a variable" }),
      row(3, "Thank you", "thank_you", "Thank you, {{contact_first_name}}",
        null, "<p>Thank you for coming to {{event_name}}, {{contact_first_name}}.</p>"),
    ];
    const VARIABLES = ["company_name", "contact_name", "contact_first_name", "event_name", "event_date", "owner_name"];
    const used = (text) => {
      const found = [];
      for (const m of text.matchAll(/\\{\\{([^{}]*)\\}\\}/g)) {
        const name = m[1].trim();
        if (name && !found.includes(name)) found.push(name);
      }
      return found;
    };
    const fill = (text, values) => text.replace(/\\{\\{([^{}]*)\\}\\}/g, (all, name) =>
      Object.prototype.hasOwnProperty.call(values, name.trim()) ? values[name.trim()] : all);
    const encode = (text) => encodeURIComponent(text).replace(/[!'()*]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase());
    const render = (templateId, contactId, eventId) => {
      const missing = (what, id) => fail("not_found", "there is no " + what + " " + id + " on this computer");
      const t = rows.find((r) => r.id === templateId) || missing("template", templateId);
      const contact = crm.rowsOf.crm_contacts.find((r) => r.id === contactId) || missing("contact", contactId);
      const company = crm.rowsOf.crm_organizers.find((r) => r.id === contact.organizer_id) || {};
      const owner = Object.entries(profileIds).find(([, pid]) => pid === company.assigned_to)?.[0] ?? "";
      let event_name = "", event_date = "";
      if (eventId) {
        const e = F.events.find((x) => x.id === eventId) || missing("event", eventId);
        event_name = e.name;
        event_date = wall(e.start_at, zoneOf(venueOf(e.id))).slice(0, 10);
      }
      const full = String(contact.full_name || "");
      const values = { company_name: company.company_name || "", contact_name: full, contact_first_name: full.split(/\\s+/)[0] || "",
                       event_name, event_date, owner_name: owner };
      const body = String(t.body_text || "").trim() ? t.body_text : t.body_html;
      const names = used(t.subject + "\\n" + body);
      const subject = fill(t.subject, values), filled = fill(body, values);
      const to = String(contact.email || "");
      return { to, subject, body: filled, unknown: names.filter((n) => !VARIABLES.includes(n)),
               empty: names.filter((n) => VARIABLES.includes(n) && !values[n].trim()),
               mailto: "mailto:" + encode(to).replace("%40", "@") + "?subject=" + encode(subject) + "&body=" + encode(filled) };
    };
    const info = () => ({ name: "crm_email_templates", label: "Email templates", singular: "email template", area: "crm", naming: ["name"],
      list: ["name", "category", "subject", "is_active"], related_filters: [], allowed: ALL, count: rows.length,
      fields: [bookkeeping[0], bookkeeping[1], fld("name", "Name", "text", { required: true }), fld("description", "Description", "text"),
        fld("subject", "Subject", "text", { required: true }), fld("body_html", "Body html", "text", { required: true }),
        fld("body_text", "Body text", "text"),
        fld("category", "Category", "choice", { choices: ["welcome", "follow_up", "proposal", "reminder", "thank_you", "other"] }),
        fld("variables", "Variables", "json"), fld("is_active", "Active", "boolean"),
        fld("created_by", "Created by", "reference", { references: "profiles" }), bookkeeping[2], bookkeeping[3]] });
    return { rows, render, info };
  })();
  const templatesBefore = { record_tables: handlers.record_tables, record: handlers.record, record_titles: handlers.record_titles,
                            list_records: handlers.list_records };
  Object.assign(handlers, {
    render_template: async ({ templateId, contactId, eventId }) => { needReady(); await sleep(80); return templates.render(templateId, contactId, eventId); },
    record_tables: async () => [...(await templatesBefore.record_tables()), templates.info()],
    record: async (args) => {
      if (args.table !== "crm_email_templates") return templatesBefore.record(args);
      needReady();
      await sleep(40);
      const row = templates.rows.find((r) => r.id === args.id);
      if (!row) fail("not_found", "there is no crm_email_templates " + args.id + " on this computer");
      return { table: args.table, title: row.name, row: clone(row), children: [], allowed: ALL };
    },
    record_titles: async (args) => {
      if (args.table !== "crm_email_templates") return templatesBefore.record_titles(args);
      return Object.fromEntries(templates.rows.filter((r) => args.ids.includes(r.id)).map((r) => [r.id, r.name]));
    },
    list_records: async (args) => {
      const { table, query } = args;
      if (table !== "crm_email_templates") return templatesBefore.list_records(args);
      needReady();
      await sleep(40);
      let rows = templates.rows;
      for (const f of query.filters || []) {
        if (f.op === "is") rows = rows.filter((r) => String(r[f.field]) === String(f.value));
      }
      const words = String(query.search || "").toLowerCase().split(" ").filter(Boolean);
      rows = rows.filter((r) => words.every((w) => r.name.toLowerCase().includes(w)));
      return { rows: clone(rows.slice(0, query.limit || 50)), total: rows.length, next: null };
    },
  });
  // ---- Documents on a company or deal (documents, attach_document, open_document, upload_queue, retry_upload) ----
  // The fixture's company (company_record.json: Bay Street Legal LLP) shows as the facade gave it;
  // record answers for it from there. Its documents are the fixture's two (on this computer) and,
  // so every state shows (but where nothing waits: empty, door, bootstrapping), three made from
  // them: one waiting to upload (a long name without spaces), one Storage refused, and a signed
  // one only on the server, whose first open fails as when the computer it was attached on has not
  // synced it (the last two are on the company's deal). attach_document keeps a new one on this
  // computer after a short wait and refuses a file over 50 MB (content_base64) or an unknown kind
  // (document_type); upload_queue lists the waiting and refused files; retry_upload puts a refused
  // one back in line, and a connected workspace sends it a moment later. crm_documents and the
  // fixture's notes have record pages; the fixture's other linked rows open from it too.
  const docs = (() => {
    const companyRecord = F.company_record;
    const company = companyRecord.row;
    const deal = crm.rowsOf.crm_opportunities.find((d) => d.organizer_id === company.id);
    const MAX = 50 * 1024 * 1024;
    const KINDS = ["contract", "proposal", "invoice", "presentation", "other"];
    const MIME = { pdf: "application/pdf", docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", png: "image/png", jpg: "image/jpeg", txt: "text/plain",
      pptx: "application/vnd.openxmlformats-officedocument.presentationml.presentation" };
    const keyName = (name) => name.replace(/[^A-Za-z0-9._-]/g, "_");
    const pathOf = (id, name) => company.account_id + "/" + id + "/" + keyName(name);
    // Each item with where it hangs (organizer, deal) and the upload's tries, both kept out of the answers.
    const made = (base, more) => {
      const item = { ...clone(base), ...more };
      item.storage_path = pathOf(item.id, item.file_name);
      return item;
    };
    const [proposal, contract] = F.documents;
    const everyState = !["empty", "door", "bootstrapping"].includes(scenario);
    const list = F.documents.map((d) => ({ ...clone(d), organizer_id: company.id, opportunity_id: null, attempts: 0 }));
    if (everyState) {
      list.push(
        made(proposal, { id: "d0c00000-0000-4000-8000-000000000001", organizer_id: company.id, opportunity_id: null, attempts: 0,
          file_name: "見積書_2027年度年次カンファレンス_ベイストリート法律事務所様_最終版_改訂第3版_会場レイアウト付き.docx",
          document_type: "proposal", version: 3, file_size: 2315264, created_at: "2026-12-06T19:42:00.000000Z",
          file: { state: "waiting_upload" } }),
        made(proposal, { id: "d0c00000-0000-4000-8000-000000000002", organizer_id: company.id, opportunity_id: deal?.id ?? null, attempts: 3,
          file_name: "Floor plans and stage renders (high resolution).pptx", file_type: MIME.pptx, document_type: "presentation",
          version: 1, file_size: 48 * 1024 * 1024 + 734003, created_at: "2026-12-05T16:05:00.000000Z",
          file: { state: "upload_failed", error: "Storage 413: The object exceeded the maximum allowed size" } }),
        made(contract, { id: "d0c00000-0000-4000-8000-000000000003", organizer_id: company.id, opportunity_id: deal?.id ?? null, attempts: 0,
          file_name: "Master services agreement – countersigned.pdf", document_type: "contract", version: 2, file_size: 391168,
          is_signed: true, signed_at: "2026-11-28T15:00:00.000000Z", created_at: "2026-11-28T15:20:00.000000Z",
          file: { state: "on_server" } }),
      );
    }
    /** The on_server document's first open: not on the server yet. */
    const openedOnce = new Set();
    let sent = 0;
    const answer = (d) => {
      const { organizer_id, opportunity_id, attempts, ...item } = d;
      return clone(item);
    };
    const newestFirst = (x, y) => Date.parse(y.created_at) - Date.parse(x.created_at) || x.id.localeCompare(y.id);
    const of = (table, id) => list
      .filter((d) => (table === "crm_organizers" ? d.organizer_id === id : table === "crm_opportunities" && d.opportunity_id === id))
      .sort(newestFirst);
    const find = (id) => {
      const d = list.find((x) => x.id === id);
      if (!d) fail("not_found", "there is no document " + id + " on this computer");
      return d;
    };
    /** The document as its crm_documents row. */
    const row = (d) => ({ id: d.id, account_id: company.account_id, organizer_id: d.organizer_id, opportunity_id: d.opportunity_id,
      file_name: d.file_name, file_type: d.file_type, file_size: d.file_size, storage_path: d.storage_path, document_type: d.document_type,
      version: d.version, is_signed: d.is_signed, signed_at: d.signed_at, signed_by: null, uploaded_by: profileIds[SIGNED_IN] ?? null,
      created_at: d.created_at, updated_at: d.created_at });
    const queue = () => list
      .filter((d) => d.file.state === "waiting_upload" || d.file.state === "upload_failed")
      .sort(newestFirst)
      .map((d) => ({ document_id: d.id, file_name: d.file_name, size: d.file_size, storage_path: d.storage_path,
                     error: d.file.state === "upload_failed" ? d.file.error : null, attempts: d.attempts }));
    const attach = (a) => {
      if (a.on_table !== "crm_organizers" && a.on_table !== "crm_opportunities") {
        fail("invalid", "documents are attached to companies or deals, not " + a.on_table, "on_table");
      }
      const name = String(a.file_name || "").trim();
      if (!name) fail("invalid", "the file has no name", "file_name");
      const kind = a.document_type || "other";
      if (!KINDS.includes(kind)) fail("invalid", "'" + kind + "' is not a kind of document (" + KINDS.join(", ") + ")", "document_type");
      const b64 = String(a.content_base64 || "");
      const size = Math.floor(b64.length / 4) * 3 - (b64.endsWith("==") ? 2 : b64.endsWith("=") ? 1 : 0);
      if (size > MAX) fail("invalid", "the file is larger than 50 MB, the most a document can be", "content_base64");
      const on = crm.find(a.on_table, a.on_id);
      const id = crypto.randomUUID();
      const ext = name.includes(".") ? name.split(".").pop().toLowerCase() : "";
      const d = { id, file_name: name, file_type: MIME[ext] || "application/octet-stream", file_size: size, document_type: kind,
                  version: 1, is_signed: false, signed_at: null, created_at: crm.micro(Date.now()), storage_path: pathOf(id, name),
                  file: { state: "here" }, attempts: 0,
                  organizer_id: a.on_table === "crm_organizers" ? on.id : on.organizer_id,
                  opportunity_id: a.on_table === "crm_opportunities" ? on.id : null };
      list.push(d);
      queueInsert("crm_documents", ["file_name", "file_size", "storage_path", "document_type", "organizer_id"]);
      return answer(d);
    };
    const open = (id) => {
      const d = find(id);
      if (d.file.state === "on_server" && !openedOnce.has(id)) {
        openedOnce.add(id);
        fail("not_found", "the file is not on the server yet: the computer it was attached on has not synced it");
      }
      if (d.file.state === "on_server") d.file = { state: "here" };
      return F.status.data_dir + "/opened/" + id + "/" + d.file_name;
    };
    const retry = (path) => {
      const d = list.find((x) => x.storage_path === path && x.file.state === "upload_failed");
      if (!d) fail("not_found", "that file is not waiting for a retry");
      d.file = { state: "waiting_upload" };
      // A connected workspace sends it with the sync this starts.
      if (sync.connected && sync.phase === "synced") {
        setTimeout(() => {
          if (d.file.state !== "waiting_upload") return;
          d.file = { state: "here" };
          d.attempts += 1;
          // A sync that ran: its time moves (by a millisecond each, on a page whose clock stands still).
          sync.lastSyncedAt = nowIso(++sent);
        }, 1500);
      }
      return queue();
    };
    const info = () => [
      { name: "crm_documents", label: "Documents", singular: "document", area: "crm", naming: ["file_name"],
        list: ["file_name", "document_type", "organizer_id", "created_at"], related_filters: [], allowed: ALL, count: list.length,
        fields: [bookkeeping[0], bookkeeping[1], fld("organizer_id", "Company", "reference", { references: "crm_organizers" }),
          fld("opportunity_id", "Deal", "reference", { references: "crm_opportunities" }), fld("file_name", "File name", "text", { required: true }),
          fld("file_type", "File type", "text"), fld("file_size", "File size", "integer"), fld("storage_path", "Storage path", "text"),
          fld("document_type", "Document type", "choice", { choices: KINDS }), fld("version", "Version", "integer"),
          fld("is_signed", "Signed", "boolean"), fld("signed_at", "Signed at", "timestamp"),
          fld("signed_by", "Signed by", "reference", { references: "crm_contacts" }), fld("uploaded_by", "Uploaded by", "reference", { references: "profiles" }),
          bookkeeping[2], bookkeeping[3]] },
      { name: "crm_notes", label: "Notes", singular: "note", area: "crm", naming: ["title"],
        list: ["title", "organizer_id", "created_at"], related_filters: [], allowed: ALL, count: notes.length,
        fields: [bookkeeping[0], bookkeeping[1], fld("organizer_id", "Company", "reference", { references: "crm_organizers" }),
          fld("contact_id", "Contact", "reference", { references: "crm_contacts" }),
          fld("opportunity_id", "Deal", "reference", { references: "crm_opportunities" }), fld("title", "Title", "text"),
          fld("content", "Content", "text", { required: true }), fld("is_pinned", "Pinned", "boolean"), fld("tags", "Tags", "list"),
          fld("created_by", "Created by", "reference", { references: "profiles" }), bookkeeping[2], bookkeeping[3]] },
    ];
    const notes = (companyRecord.children.find((c) => c.table === "crm_notes")?.rows ?? []);
    /** The company's page as the fixture has it, its documents child counting the list's. */
    const companyPage = () => {
      const mine = of("crm_organizers", company.id);
      const children = companyRecord.children.map((c) => (c.table === "crm_documents"
        ? { ...c, total: mine.length, rows: mine.slice(0, 5).map(row) } : c));
      return { ...clone(companyRecord), children: clone(children) };
    };
    /** A row the fixture's page links to (its contacts, activities, notes) that the CRM stand-in lacks. */
    const linked = (table, id) => companyRecord.children.find((c) => c.table === table)?.rows.find((r) => r.id === id);
    return { of, answer, find, row, queue, attach, open, retry, info, notes, companyPage, linked, companyId: company.id };
  })();
  const docsBefore = { record_tables: handlers.record_tables, record: handlers.record, record_titles: handlers.record_titles,
                       list_records: handlers.list_records };
  Object.assign(handlers, {
    documents: async ({ onTable, onId }) => {
      needReady();
      await sleep(60);
      if (onTable !== "crm_organizers" && onTable !== "crm_opportunities") fail("invalid", onTable + " has no documents");
      return docs.of(onTable, onId).map(docs.answer);
    },
    attach_document: async ({ attach }) => { needReady(); await sleep(900); return docs.attach(attach || {}); },
    open_document: async ({ id }) => { needReady(); await sleep(500); return docs.open(id); },
    upload_queue: async () => { needReady(); await sleep(30); return docs.queue(); },
    retry_upload: async ({ storagePath }) => { needReady(); await sleep(300); return docs.retry(storagePath); },
    record_tables: async () => [...(await docsBefore.record_tables()), ...docs.info()],
    record: async (args) => {
      const { table, id } = args;
      if (table === "crm_organizers" && id === docs.companyId) {
        needReady();
        await sleep(40);
        return docs.companyPage();
      }
      if (table === "crm_documents") {
        needReady();
        await sleep(40);
        const d = docs.find(id);
        return { table, title: d.file_name, row: docs.row(d), children: [], allowed: ALL };
      }
      const row = docs.linked(table, id);
      if (row && !(crm.rowsOf[table] || []).some((r) => r.id === id)) {
        needReady();
        await sleep(40);
        return { table, title: String(row.full_name ?? row.subject ?? row.title ?? row.name ?? id), row: clone(row), children: [], allowed: ALL };
      }
      return docsBefore.record(args);
    },
    record_titles: async (args) => {
      if (args.table === "crm_documents") {
        return Object.fromEntries(args.ids.map((i) => { try { return [i, docs.find(i).file_name]; } catch { return null; } }).filter(Boolean));
      }
      return docsBefore.record_titles(args);
    },
    list_records: async (args) => {
      const { table, query } = args;
      if (table !== "crm_documents" && table !== "crm_notes") return docsBefore.list_records(args);
      needReady();
      await sleep(40);
      let rows = table === "crm_notes" ? clone(docs.notes) : docs.of("crm_organizers", docs.companyId).map(docs.row);
      for (const f of query.filters || []) {
        if (f.op === "is") rows = rows.filter((r) => String(r[f.field]) === String(f.value));
      }
      return { rows: rows.slice(0, query.limit || 50), total: rows.length, next: null };
    },
  });
  // ---- The Ctrl/Cmd+K search (search_everything): names of the fixtures' companies, contacts, deals and
  // events, and a few made-up attendees, case-insensitively, 5 of each kind at most. One letter answers
  // slowly (400 ms), so typing on overtakes it (the palette must drop that late answer); "failing" fails.
  const paletteAttendees = [
    ["Priya Ramanathan", "priya.r@gmail.com"], ["Jonathan Okonkwo-Bellamy", "j.okonkwo@outlook.com"],
    ["Mei Lin", "mei.lin@utoronto.ca"], ["Alex Tremblay", "alex.tremblay@shopify.com"], ["Sofia Marchetti", "sofia@marchetti.design"],
    ["Daniel Park", "dpark@rbc.com"], ["Grace Oduya", "grace.oduya@gmail.com"],
  ].map(([full_name, email], i) => ({ id: "a77e0dee-0000-4000-8000-00000000000" + i, full_name, email }));
  Object.assign(handlers, {
    search_everything: async ({ query }) => {
      needReady();
      const q = String(query || "").trim().toLowerCase();
      await sleep(q.length <= 1 ? 400 : 60);
      if (scenario === "failing") fail("busy", "database is locked (another program is writing to the workspace)");
      if (!q) return [];
      const kinds = [
        ["crm_organizers", crm.rowsOf.crm_organizers, (r) => r.company_name, (r) => r.industry],
        ["crm_contacts", crm.rowsOf.crm_contacts, (r) => r.full_name, (r) => r.email],
        ["crm_opportunities", crm.rowsOf.crm_opportunities, (r) => r.name, (r) => r.value],
        ["events", F.events, (r) => r.name, (r) => r.start_at],
        ["attendees", paletteAttendees, (r) => r.full_name, (r) => r.email],
      ];
      return kinds.flatMap(([table, rows, title, detail]) => rows
        .filter((r) => String(title(r) ?? "").toLowerCase().includes(q))
        .sort((x, y) => Number(!title(x).toLowerCase().startsWith(q)) - Number(!title(y).toLowerCase().startsWith(q)) || title(x).localeCompare(title(y)))
        .slice(0, 5)
        .map((r) => ({ table, id: r.id, title: title(r), detail: detail(r) ?? null })));
    },
  });
  // The CSV import (see importStandIn below this function).
  Object.assign(handlers, (${importStandIn.toString()})({ F, fail, sleep, needReady }));
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

// ---- The CSV import's stand-in (import_preview, import_csv, undo_import) ----
// Page-side: injected into the bridge as source (importStandIn.toString()), so it uses nothing
// from this file. It reads the base64 the page sends as the facade does, in small: UTF-8 with
// or without a BOM, else Windows-1252; comma, semicolon or tab (the header line's most common);
// quoted fields with "" and line breaks; blank lines skipped; each row keeps its line. The
// mapping is suggested from the headers; a row missing a required field is a problem; a
// contact whose email repeats an earlier line, or is Ana Souza's (a made-up contact "already
// here"), is a duplicate, with what a merge would change. import_csv counts with the same rules
// (dry_run writes nothing); undo_import takes back an import it made.

/** A small contacts file for the screenshot runs (a BOM, accents, a quoted comma and quote, a row without an email, a repeat). */
const IMPORT_DEMO_CSV = "\uFEFF" + [
  "First Name,Last Name,Email,Company,Job Title,Phone,Notes,Met at",
  "Amélie,Côté,amelie.cote@lumiere-evenements.ca,Lumière Événements,Directrice marketing,+1 514 555 0142,\"Wants a demo, in French\",Salon MTL 2026",
  "Jonas,Müller,jonas.mueller@nordlicht.de,Nordlicht GmbH,Head of Events,+49 30 5550 1234,,Berlin meetup",
  "Ana,Souza,Ana.Souza@kensingtonfoods.ca,Kensington Foods,Head of Marketing,+1 416 555 0199,\"Prefers \"\"email\"\" over calls\",Salon MTL 2026",
  "Zoë,Kowalski,,Harbourfront Studios,Producer,+1 647 555 0110,No email on the card,Salon MTL 2026",
  "Amélie,Côté,AMELIE.COTE@lumiere-evenements.ca,Lumière Événements,Marketing director,+1 514 555 0188,Second card,Salon MTL 2026",
  "Rahul,Iyer,rahul.iyer@mapleleafanalytics.ca,Maple Leaf Analytics,CTO,,,Referral",
  "François,Lefèvre,francois@bistro-saint-laurent.ca,Bistro Saint-Laurent,Owner,+1 514 555 0123,Catering partner,Salon MTL 2026",
].join("\r\n") + "\r\n";

function importStandIn({ F, fail, sleep, needReady }) {
  const f = (field, label, required = false) => ({ field, label, required });
  const FIELDS = {
    companies: [
      f("company_name", "Company name", true), f("industry", "Industry"), f("company_size", "Company size"),
      f("website", "Website"), f("status", "Status"), f("lead_source", "Lead source"), f("primary_email", "Primary email"),
      f("primary_phone", "Primary phone"), f("address", "Address"), f("annual_events", "Annual events"),
      f("total_revenue", "Total revenue"), f("lifetime_value", "Lifetime value"), f("engagement_score", "Engagement score"),
      f("health_score", "Health score"), f("churn_risk", "Churn risk"), f("tags", "Tags"), f("assigned_to", "Assigned to"),
    ],
    contacts: [
      f("company", "Company (by name)", true), f("first_name", "First name"), f("last_name", "Last name"),
      f("full_name", "Full name"), f("title", "Title"), f("department", "Department"), f("email", "Email", true),
      f("phone", "Phone"), f("mobile", "Mobile"), f("linkedin_url", "Linkedin URL"), f("is_primary", "Primary"),
      f("is_decision_maker", "Decision maker"), f("vip_status", "VIP status"), f("influence_level", "Influence level"),
      f("communication_preference", "Communication preference"), f("timezone", "Timezone"), f("language", "Language"),
      f("last_contact_date", "Last contact date"), f("engagement_score", "Engagement score"), f("notes", "Notes"),
      f("tags", "Tags"),
    ],
    opportunities: [
      f("company", "Company (by name)", true), f("stage", "Stage (by name)"), f("event_id", "Event"), f("name", "Name", true),
      f("description", "Description"), f("value", "Value", true), f("currency", "Currency"), f("probability", "Probability"),
      f("expected_close_date", "Expected close date"), f("status", "Status"), f("loss_reason", "Loss reason"),
    ],
  };
  const VIRTUAL = ["company", "stage", "first_name", "last_name"];
  const SYNONYMS = [
    ["company_name", ["company", "name", "organization", "organisation", "account", "companyname", "business"]],
    ["company", ["company", "companyname", "organization", "organisation", "account", "employer"]],
    ["full_name", ["name", "fullname", "contact", "contactname", "person"]],
    ["first_name", ["firstname", "givenname", "first", "prenom", "forename"]],
    ["last_name", ["lastname", "surname", "familyname", "last", "nom"]],
    ["email", ["email", "emailaddress", "mail", "courriel"]],
    ["primary_email", ["email", "emailaddress", "mail"]],
    ["phone", ["phone", "telephone", "tel", "phonenumber", "workphone"]],
    ["primary_phone", ["phone", "telephone", "tel", "phonenumber"]],
    ["mobile", ["mobile", "cell", "cellphone", "mobilephone"]],
    ["website", ["website", "web", "url", "site", "domain"]],
    ["title", ["title", "jobtitle", "position", "role"]],
    ["name", ["name", "deal", "dealname", "opportunity", "opportunityname"]],
    ["value", ["value", "amount", "dealvalue", "size", "revenue"]],
    ["stage", ["stage", "pipelinestage", "dealstage"]],
  ];
  const squash = (t) => String(t).toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");
  const companyKey = (name) => {
    let key = squash(name);
    for (const s of ["incorporated", "corporation", "limited", "company", "inc", "ltd", "llc", "corp", "co", "gmbh", "sa"]) {
      if (key.length > s.length + 2 && key.endsWith(s)) { key = key.slice(0, -s.length); break; }
    }
    return key;
  };
  const suggest = (kind, header) => {
    const key = squash(header);
    if (!key) return null;
    const fields = FIELDS[kind];
    const exact = fields.find((x) => squash(x.field) === key || squash(x.label) === key);
    if (exact) return exact.field;
    const syn = SYNONYMS.find(([field, words]) => fields.some((x) => x.field === field) && words.includes(key));
    return syn ? syn[0] : null;
  };

  // Records "already here" that rows are matched against.
  const kensington = F.companies.find((c) => c.company_name === "Kensington Foods");
  const EXISTING_CONTACTS = [
    { id: "5a0f3c1e-7b2d-4e8f-9a6c-1d2e3f4a5b6c", organizer_id: kensington ? kensington.id : null, full_name: "Ana Souza",
      email: "ana.souza@kensingtonfoods.ca", title: "Marketing lead", department: "Marketing", phone: "", notes: "" },
  ];
  const knownCompanies = new Set(F.companies.map((c) => companyKey(c.company_name)));

  const decode = (base64) => {
    const binary = atob(base64);
    let bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
      return { text: new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes.subarray(3)), encoding: "utf8_bom" };
    }
    try {
      return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), encoding: "utf8" };
    } catch {
      return { text: new TextDecoder("windows-1252").decode(bytes), encoding: "windows1252" };
    }
  };
  const guessDelimiter = (text) => {
    const counts = { ",": 0, ";": 0, "\t": 0 };
    let quoted = false;
    for (const c of text) {
      if (c === '"') quoted = !quoted;
      else if (!quoted && (c === "\n" || c === "\r")) break;
      else if (!quoted && c in counts) counts[c]++;
    }
    const best = Object.entries(counts).sort((a, b) => b[1] - a[1])[0];
    return best[1] > 0 ? best[0] : ",";
  };
  const parse = (text, sep) => {
    const records = [];
    let record = [], field = "", quoted = false, line = 1, start = 1, quoteLine = 0;
    const end = () => {
      record.push(field);
      if (record.length > 1 || record[0].trim() !== "") records.push({ line: start, fields: record });
      record = [];
      field = "";
    };
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (quoted) {
        if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
        else if (c === '"') quoted = false;
        else { if (c === "\n") line++; field += c; }
        continue;
      }
      if (c === '"' && field.trim() === "") { quoted = true; quoteLine = line; field = ""; }
      else if (c === sep) { record.push(field); field = ""; }
      else if (c === "\r" || c === "\n") {
        if (c === "\r" && text[i + 1] === "\n") i++;
        end();
        line++;
        start = line;
      } else field += c;
    }
    let broken = null;
    if (quoted) broken = [quoteLine, "a quote opened on line " + quoteLine + " is never closed"];
    else if (field !== "" || record.length > 0) end();
    return { records, broken };
  };

  const read = (request) => {
    if (request.content_base64 == null) fail("io", "cannot read " + request.path + ": the preview reads only files the window sends");
    const { text, encoding } = decode(request.content_base64);
    const sep = guessDelimiter(text);
    const { records, broken } = parse(text, sep);
    if (records.length === 0) fail("invalid", request.path + " has no header line: nothing to import");
    const headers = records[0].fields.map((h) => h.trim());
    return { encoding, delimiter: sep === "\t" ? "tab" : sep, headers, rows: records.slice(1), broken };
  };
  const mappingOf = (kind, file, asked) => {
    if (!asked || asked.length === 0) return file.headers.map((h) => suggest(kind, h));
    for (const field of asked) {
      if (field !== null && !FIELDS[kind].some((x) => x.field === field)) {
        fail("invalid", "'" + field + "' is not a field of this table", "mapping");
      }
    }
    return file.headers.map((_, i) => asked[i] ?? null);
  };
  const prepare = (kind, file, mapping) => file.rows.map((row) => {
    const values = {};
    mapping.forEach((field, i) => {
      const text = (row.fields[i] ?? "").trim();
      if (field && text) values[field] = text;
    });
    let problem = null;
    if (row.fields.slice(file.headers.length).some((x) => x.trim())) {
      problem = "it has " + row.fields.length + " fields but the header has " + file.headers.length + " (a delimiter inside an unquoted value?)";
    }
    if (kind === "contacts" && !values.full_name) {
      const name = [values.first_name, values.last_name].filter(Boolean);
      if (name.length) values.full_name = name.join(" ");
    }
    const missing = FIELDS[kind].find((x) => x.required && !values[x.field]);
    if (!problem && missing) problem = missing.label + " is missing";
    return { line: row.line, values, problem };
  });
  const nameField = { companies: "company_name", contacts: "full_name", opportunities: "name" };
  const keysOf = (kind, values) => {
    if (kind === "contacts") return values.email ? [["email", values.email.trim().toLowerCase()]] : [];
    if (kind === "companies") return values.company_name ? [["name", companyKey(values.company_name)]] : [];
    return values.company && values.name ? [["name", companyKey(values.company) + "|" + squash(values.name)]] : [];
  };
  const existingByKey = (kind) => {
    const out = {};
    if (kind === "contacts") for (const c of EXISTING_CONTACTS) out[c.email.toLowerCase()] = c;
    if (kind === "companies") for (const c of F.companies) out[companyKey(c.company_name)] = { ...c, full_name: c.company_name };
    return out;
  };
  const changes = (stored, values) => Object.entries(values)
    .filter(([field, value]) => !VIRTUAL.includes(field) && String(stored[field] ?? "") !== value)
    .map(([field, value]) => {
      const existing = stored[field] == null ? "" : String(stored[field]);
      return { field, existing, incoming: value, result: existing === "" ? value : existing };
    });
  const duplicatesOf = (kind, prepared) => {
    const known = existingByKey(kind);
    const seen = {};
    const out = [];
    for (const row of prepared.filter((p) => !p.problem)) {
      let found = null;
      for (const [by, key] of keysOf(kind, row.values)) {
        if (!found && known[key]) {
          const stored = known[key];
          found = { line: row.line, existing_id: stored.id, earlier_line: null, name: stored[nameField[kind]] ?? stored.full_name,
                    by, changes: changes(stored, row.values) };
        } else if (!found && seen[key]) {
          found = { line: row.line, existing_id: null, earlier_line: seen[key].line, name: seen[key].name, by, changes: [] };
        }
        if (!seen[key]) seen[key] = { line: row.line, name: row.values[nameField[kind]] ?? "" };
      }
      if (found) out.push(found);
    }
    return out;
  };
  const imports = {};

  return {
    import_preview: async ({ request }) => {
      needReady();
      await sleep(250);
      const file = read(request);
      const mapping = mappingOf(request.kind, file, request.mapping);
      const prepared = prepare(request.kind, file, mapping);
      const problems = prepared.filter((p) => p.problem).map((p) => ({ line: p.line, reason: p.problem }));
      if (file.broken) problems.push({ line: file.broken[0], reason: file.broken[1] });
      return {
        kind: request.kind, encoding: file.encoding, delimiter: file.delimiter, headers: file.headers,
        fields: FIELDS[request.kind], mapping, rows: file.rows.length,
        sample: prepared.slice(0, 20).map((p) => p.values),
        duplicates: duplicatesOf(request.kind, prepared), problems,
      };
    },
    import_csv: async ({ request }) => {
      needReady();
      await sleep(request.dry_run ? 500 : 1500);
      const kind = request.kind;
      const file = read(request);
      const prepared = prepare(kind, file, mappingOf(kind, file, request.mapping));
      const known = existingByKey(kind);
      const ids = {};
      const companies = new Set();
      const summary = { import_id: null, created: 0, merged: 0, skipped: 0, companies_created: 0, rejected: [], dry_run: !!request.dry_run };
      let restored = 0;
      if (file.broken) summary.rejected.push({ line: file.broken[0], reason: file.broken[1] });
      for (const row of prepared) {
        if (row.problem) { summary.rejected.push({ line: row.line, reason: row.problem }); continue; }
        const choice = (request.decisions || {})[row.line] ?? request.on_duplicate;
        if (kind !== "companies") {
          const key = companyKey(row.values.company);
          if (!knownCompanies.has(key) && !companies.has(key)) { companies.add(key); summary.companies_created++; }
        }
        const keys = keysOf(kind, row.values);
        const hit = keys.map(([, key]) => ids[key] ?? (known[key] ? { existing: known[key] } : null)).find(Boolean);
        if (hit && choice === "skip") summary.skipped++;
        else if (hit && choice === "merge") {
          summary.merged++;
          if (hit.existing && changes(hit.existing, row.values).some((c) => c.result !== c.existing)) restored++;
          for (const [, key] of keys) ids[key] = hit;
        } else {
          summary.created++;
          for (const [, key] of keys) ids[key] = ids[key] ?? { line: row.line };
        }
      }
      summary.rejected.sort((a, b) => a.line - b.line);
      if (!summary.dry_run) {
        summary.import_id = crypto.randomUUID();
        imports[summary.import_id] = { deleted: summary.created + summary.companies_created, restored };
      }
      return summary;
    },
    undo_import: async ({ importId }) => {
      needReady();
      await sleep(400);
      const done = imports[importId];
      if (!done) fail("not_found", "there is no import " + importId + " to undo on this computer");
      delete imports[importId];
      return done;
    },
  };
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
    // The other doors of the event on this network, and a pairing code shown for one more.
    await run(`checkin-doors-${colorScheme}`, { hash: "#/checkin", colorScheme }, async (page) => {
      await checkinReady(page);
      await page.waitForFunction(() => document.querySelectorAll("[data-testid=checkin-door]").length === 2);
      await page.getByTestId("checkin-show-pairing").click();
      await page.getByTestId("checkin-pairing-text").waitFor();
      await page.getByTestId("checkin-doors").scrollIntoViewIfNeeded();
      await shot(page, `checkin-doors${suffix}`);
    });
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
      // What the kept account holds for this user, asked once the Sync screen is online.
      await page.getByTestId("sync-scope-detail").first().waitFor();
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
      // Each choice says what it holds (the owner's wording here).
      if (!(await page.getByTestId("scope-choice-detail").first().textContent()).startsWith("Everything in the account")) throw new Error("the account's detail");
      if (!(await page.getByTestId("scope-choice-detail").nth(1).textContent()).startsWith("This event's door")) throw new Error("an event's detail");
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
      // The choices are known now: the kept scope says what it holds.
      if (!(await page.getByTestId("sync-scope-detail").textContent()).startsWith("Everything in the account")) throw new Error("the kept scope's detail");
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

  // Signed in as the demo's sales user (a manager): the account is "My accounts", in the dialog and,
  // once the choices are known, under what this computer keeps.
  for (const colorScheme of ["light", "dark"]) {
    await run(`sync-scopes-sales-${colorScheme}`, { scenario: "first_run", colorScheme, height: 900 }, async (page) => {
      await page.getByTestId("connect-supabase").click();
      await page.getByTestId("connect-url").fill("https://qzkxbnvtrelmwpoa.supabase.co");
      await page.getByTestId("connect-anon-key").fill("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.preview");
      await page.getByTestId("connect-email").fill("sales@demo.eventos.test");
      await page.getByTestId("connect-password").fill("right");
      await page.getByTestId("connect-submit").click();
      await page.getByTestId("sync-progress").waitFor();
      await page.evaluate(() => { location.hash = "#/sync"; });
      await page.getByTestId("scopes-change").click();
      await page.getByTestId("scope-choice").nth(3).waitFor();
      if (!(await page.getByTestId("scope-choice-detail").first().textContent()).startsWith("My accounts: the companies")) throw new Error("not the sales rep's wording");
      await shot(page, `sync-scopes-sales-dialog-${colorScheme}`);
      await page.keyboard.press("Escape");
      await page.getByTestId("scopes-save").waitFor({ state: "detached" });
      if (!(await page.getByTestId("sync-scope-detail").textContent()).startsWith("My accounts")) throw new Error("the kept scope's detail");
      await page.waitForTimeout(1500);
      await shot(page, `sync-scopes-sales-kept-${colorScheme}`);
    });
  }

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
      // The order as a PDF: the computer's paper chosen first, what was saved said.
      if ((await page.getByTestId("pdf-choice").inputValue()) !== "letter") throw new Error("the computer's paper is not chosen");
      await page.getByTestId("pdf-save").click();
      await page.waitForFunction(() => document.querySelector("[data-testid=pdf-said]")?.textContent?.includes("Saved 2 pages"));
      await shot(page, `box-office-pdf${suffix}`);
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

  // ---- The CRM's pipeline board ----
  const boardHash = "#/crm/board";
  const boardColumns = fixtures.pipeline_board.columns;
  const stageNamed = (name) => boardColumns.find((c) => c.name === name);
  const columnAt = (page, name) => page.locator(`[data-testid=board-column][data-stage="${stageNamed(name).stage_id}"]`);
  const boardCard = (page, id) => page.locator(`[data-testid=board-card][data-card="${id}"]`);
  const focusedCard = (page) => page.evaluate(() => document.activeElement?.closest("[data-card]")?.getAttribute("data-card") ?? null);
  const boardMoney = (cents) => new Intl.NumberFormat("en-CA", { style: "currency", currency: "CAD" }).format(cents / 100);
  const boardSum = (key, pick = () => true) =>
    boardColumns.flatMap((c) => c.cards).filter((d) => d.status === "open" && pick(d)).reduce((n, d) => n + d[key], 0);
  for (const colorScheme of ["light", "dark"]) {
    await run(`board-${colorScheme}`, { hash: boardHash, colorScheme, height: 1000 }, async (page) => {
      await page.getByTestId("board-card").first().waitFor();
      if ((await page.getByTestId("board-card").count()) !== boardColumns.reduce((n, c) => n + c.cards.length, 0)) throw new Error("not every card shown");
      const kinds = await page.getByTestId("board-column").evaluateAll((cols) => cols.map((c) => c.getAttribute("data-kind")));
      if (kinds.slice(-2).join() !== "won,lost") throw new Error("Won and Lost are not last: " + kinds.join());
      if ((await text(page, "board-open")) !== boardMoney(fixtures.pipeline_board.open_cents)) throw new Error("the open pipeline");
      if ((await text(page, "board-weighted")) !== boardMoney(fixtures.pipeline_board.weighted_cents)) throw new Error("the weighted forecast");
      await shot(page, `board-${colorScheme}`);
      if (colorScheme === "dark") return;
      // The owner filter is by name, here: the totals and months follow it.
      await page.getByTestId("board-owner").selectOption("Olivia Owens");
      const olivia = (d) => d.owner_name === "Olivia Owens";
      await page.waitForFunction((n) => document.querySelectorAll("[data-testid=board-card]").length === n,
        boardColumns.flatMap((c) => c.cards).filter(olivia).length);
      if ((await text(page, "board-open")) !== boardMoney(boardSum("value_cents", olivia))) throw new Error("the owner's open pipeline");
      if ((await text(page, "board-weighted")) !== boardMoney(boardSum("expected_revenue_cents", olivia))) throw new Error("the owner's forecast");
      await shot(page, "board-owner");
      await page.getByTestId("board-owner").selectOption("");
      // The search is the facade's (deal or company).
      await page.getByTestId("board-search").fill("kensington");
      await page.waitForFunction(() => document.querySelectorAll("[data-testid=board-card]").length === 1);
      await page.locator("details.as-table summary").click();
      await shot(page, "board-search");
      await page.getByTestId("board-search").fill("no such deal");
      await page.getByTestId("board-no-match").waitFor();
    });
  }

  await run("board-keyboard", { hash: boardHash, height: 1000 }, async (page) => {
    const deal = stageNamed("Lead").cards[0];
    await boardCard(page, deal.id).getByTestId("board-card-link").focus();
    await page.keyboard.press("Alt+ArrowRight");
    await columnAt(page, "Qualified").locator(`[data-card="${deal.id}"]`).waitFor();
    await page.waitForFunction((id) => document.activeElement?.closest("[data-card]")?.getAttribute("data-card") === id, deal.id);
    if (!(await text(page, "board-announce")).startsWith("Moved")) throw new Error("the move is not announced");
    const p = stageNamed("Qualified").probability;
    if (!(await boardCard(page, deal.id).textContent()).includes(`${p}%`)) throw new Error("the stage's probability not taken");
    const weighted = fixtures.pipeline_board.weighted_cents - deal.expected_revenue_cents + Math.round((deal.value_cents * p) / 100);
    if ((await text(page, "board-weighted")) !== boardMoney(weighted)) throw new Error("the forecast did not follow");
    if (!page.url().endsWith(boardHash)) throw new Error("Alt+→ left the board");
    await shot(page, "board-keyboard-move");
    // Alt+← takes it back; the focus stays with it.
    await page.keyboard.press("Alt+ArrowLeft");
    await columnAt(page, "Lead").locator(`[data-card="${deal.id}"]`).waitFor();
    await page.waitForFunction((id) => document.activeElement?.closest("[data-card]")?.getAttribute("data-card") === id, deal.id);
    if (!page.url().endsWith(boardHash)) throw new Error("Alt+← went back");
    // The Move… menu, by keyboard: ↓ to the second choice (Proposal), Enter.
    await boardCard(page, deal.id).getByTestId("board-card-move").focus();
    await page.keyboard.press("Enter");
    await page.getByTestId("board-move-menu").waitFor();
    await page.keyboard.press("ArrowDown");
    await shot(page, "board-move-menu");
    await page.keyboard.press("Enter");
    await columnAt(page, "Proposal").locator(`[data-card="${deal.id}"]`).waitFor();
    if ((await focusedCard(page)) !== deal.id) throw new Error("the focus left the moved card");
    // Esc closes the menu, focus back on its button.
    await boardCard(page, deal.id).getByTestId("board-card-move").click();
    await page.getByTestId("board-move-menu").waitFor();
    await page.keyboard.press("Escape");
    await page.getByTestId("board-move-menu").waitFor({ state: "hidden" });
    if ((await focusedId(page)) !== "board-card-move") throw new Error("Esc did not give the focus back to Move…");
  });

  await run("board-lost-dialog", { hash: boardHash, height: 1000 }, async (page) => {
    const deal = stageNamed("Negotiation").cards[0];
    // Alt+→ from the last open stage goes to Won: it asks first; Esc keeps the deal.
    await boardCard(page, deal.id).getByTestId("board-card-link").focus();
    await page.keyboard.press("Alt+ArrowRight");
    await page.getByTestId("board-close-date").waitFor();
    if (await page.getByTestId("board-close-reason").count()) throw new Error("won asks for a reason");
    await shot(page, "board-won-dialog");
    await page.keyboard.press("Escape");
    await page.getByTestId("board-close-form").waitFor({ state: "hidden" });
    if ((await focusedCard(page)) !== deal.id) throw new Error("the focus did not come back to the card");
    await columnAt(page, "Negotiation").locator(`[data-card="${deal.id}"]`).waitFor();
    // Dragged onto Lost: the reason is needed; the facade's words show at its box.
    await boardCard(page, deal.id).dragTo(columnAt(page, "Lost"));
    await page.getByTestId("board-close-reason").waitFor();
    if ((await focusedId(page)) !== "board-close-reason") throw new Error("the reason is not focused");
    await page.getByTestId("board-close-confirm").click();
    await page.getByTestId("field-error").waitFor();
    if ((await text(page, "field-error")) !== "Say why the deal was lost") throw new Error("the facade's words");
    await shot(page, "board-lost-dialog");
    await page.getByTestId("board-close-reason").fill("Went with a venue in Montréal");
    await page.keyboard.press("Enter");
    await columnAt(page, "Lost").locator(`[data-card="${deal.id}"]`).waitFor();
    await page.waitForFunction((id) => document.activeElement?.closest("[data-card]")?.getAttribute("data-card") === id, deal.id);
    if (!(await boardCard(page, deal.id).textContent()).includes("Went with a venue in Montréal")) throw new Error("the reason not on the card");
    await shot(page, "board-lost-done");
  });

  await run("board-big", { hash: boardHash, scenario: "big_pipeline", height: 1000 }, async (page) => {
    const started = Date.now();
    await page.getByTestId("board-card").first().waitFor();
    const ms = Date.now() - started;
    const shown = await page.getByTestId("board-card").count();
    if (shown > boardColumns.length * 60) throw new Error(shown + " cards rendered at once");
    await shot(page, "board-big");
    // A keyboard move in a big column: reloaded and focused within a moment.
    const t0 = Date.now();
    await page.getByTestId("board-card-link").first().focus();
    const id = await focusedCard(page);
    await page.keyboard.press("Alt+ArrowRight");
    await page.waitForFunction((cardId) => document.activeElement?.closest("[data-card]")?.getAttribute("data-card") === cardId &&
      document.activeElement.closest("[data-testid=board-column]") !== document.querySelector("[data-testid=board-column]"), id);
    console.log(`board-big: ${shown} cards shown, first paint ${ms} ms, a move ${Date.now() - t0} ms`);
    await page.getByTestId("board-show-more").first().click();
    await shot(page, "board-big-more");
  });

  // ---- My day, the quick log and a contact's actions (the CRM stand-in) ----
  // Run names start with "myday" (ONLY=myday); the shots are named for what they show.
  const northern = fixtures.companies.find((c) => c.company_name === "Northern Lights Health");
  const northernDeal = fixtures.pipeline_board.columns.flatMap((c) => c.cards).find((d) => d.company_id === northern.id);
  for (const colorScheme of ["light", "dark"]) {
    await run(`myday-${colorScheme}`, { hash: "#/my-day", colorScheme, height: 1100 }, async (page) => {
      await page.getByTestId("myday-item").first().waitFor();
      for (const [part, n] of [["overdue", 1], ["today", 2], ["upcoming", 3], ["done", 1]]) {
        if ((await text(page, `myday-${part}-count`)) !== String(n)) throw new Error(`${part}: not ${n} items`);
      }
      if ((await text(page, "nav-my-day-due")) !== "3 due") throw new Error("the menu's count");
      if ((await page.getByTestId("nav-my-day").getAttribute("aria-current")) !== "page") throw new Error("My day not current in the menu");
      await shot(page, `myday-${colorScheme}`);
      if (colorScheme === "dark") return;
      // Snooze's menu: the arrows move, Esc closes it back to its button.
      const today = page.getByTestId("myday-today");
      await today.getByTestId("myday-snooze").first().focus();
      await page.keyboard.press("ArrowDown");
      await page.getByTestId("myday-snooze-menu").waitFor();
      await page.keyboard.press("ArrowDown");
      if ((await focusedId(page)) !== "myday-snooze-tomorrow") throw new Error("ArrowDown did not move to Tomorrow");
      await shot(page, "myday-snooze-menu");
      await page.keyboard.press("Escape");
      if ((await focusedId(page)) !== "myday-snooze") throw new Error("Esc did not go back to Snooze");
      if (!(await page.getByTestId("screen-my-day").isVisible())) throw new Error("Esc in the menu left the screen");
      // Done on the overdue task: it moves to Done today, the count follows, the focus stays in Overdue's part.
      await page.getByTestId("myday-overdue").getByTestId("myday-done").click();
      await page.waitForFunction(() => document.querySelector("[data-testid=myday-said]")?.textContent?.includes("Done:"));
      if ((await text(page, "myday-done-count")) !== "2") throw new Error("the task is not in Done today");
      await page.getByTestId("myday-overdue-empty").waitFor();
      await page.waitForFunction(() => document.activeElement?.id === "myday-overdue-title");
      await page.waitForFunction(() => document.querySelector("[data-testid=nav-my-day-due]")?.textContent?.trim().startsWith("2"));
      // Snooze the first of today's until tomorrow 9:00: it goes to Upcoming, the focus to the next of today's.
      const first = today.getByTestId("myday-item").first();
      const subject = await first.getByTestId("myday-subject").textContent();
      await first.getByTestId("myday-snooze").click();
      await page.getByTestId("myday-snooze-tomorrow").click();
      await page.waitForFunction(() => document.querySelector("[data-testid=myday-said]")?.textContent?.includes("Snoozed"));
      if ((await page.getByTestId("myday-upcoming").getByText(subject).count()) !== 1) throw new Error("the snoozed one is not upcoming");
      if ((await focusedId(page)) !== "myday-done") throw new Error("the focus did not go to the next item");
      await shot(page, "myday-after");
      // The company links to its record.
      await page.getByTestId("myday-company").first().click();
      await page.getByTestId("screen-record").waitFor();
      await page.getByTestId("quick-log").waitFor();
    });
  }

  await run("myday-empty", { hash: "#/my-day", scenario: "empty" }, async (page) => {
    await page.getByTestId("myday-empty").waitFor();
    if (await page.getByTestId("nav-my-day-due").count()) throw new Error("a count with nothing due");
    await shot(page, "myday-empty");
  });

  await run("myday-1024", { hash: "#/my-day", width: 1024, height: 700 }, async (page) => {
    await page.getByTestId("myday-item").first().waitFor();
    await shot(page, "myday-1024x700");
    await page.getByTestId("myday-company").first().click();
    await page.getByTestId("quick-log").waitFor();
    await page.getByTestId("quick-log-kind-task").check({ force: true });
    await shot(page, "quicklog-task-1024x700");
  });

  await run("myday-keyboard", { hash: "#/dashboard" }, async (page) => {
    await page.getByTestId("stat-revenue").waitFor();
    await page.keyboard.press("Alt+7");
    await page.getByTestId("screen-my-day").waitFor();
    await page.keyboard.press("Alt+5");
    await page.getByTestId("screen-data").waitFor();
  });

  await run("myday-quicklog-company", { hash: `#/data/crm_organizers/${northern.id}`, height: 1100 }, async (page) => {
    await page.getByTestId("quick-log").waitFor();
    // A call in a few keys: Ctrl+L, the subject, Tab, the outcome, Enter.
    await page.keyboard.press("Control+l");
    if ((await focusedId(page)) !== "quick-log-subject") throw new Error("Ctrl+L did not focus the subject");
    await page.keyboard.type("Called about the venue shortlist");
    await page.keyboard.press("Tab");
    await page.keyboard.type("Wants two options by Friday");
    await page.getByTestId("quick-log-minutes").fill("15");
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => document.querySelector("[data-testid=quick-log-said]")?.textContent === "Logged.");
    if ((await page.getByTestId("quick-log-subject").inputValue()) !== "") throw new Error("the bar was not cleared");
    if ((await focusedId(page)) !== "quick-log-subject") throw new Error("the focus left the subject");
    await page.locator("[data-testid=child-card][data-table=crm_activities]").getByText("Called about the venue shortlist").waitFor();
    await shot(page, "quicklog-company");
    // A task shows its due time (tomorrow 9:00 unless told); a click on the bar starts in the subject.
    await page.getByTestId("quick-log-kind-task").check({ force: true });
    await page.getByTestId("quick-log-due").waitFor();
    await page.getByTestId("quick-log-form").click({ position: { x: 600, y: 10 } });
    if ((await focusedId(page)) !== "quick-log-subject") throw new Error("a click on the bar did not focus the subject");
    await page.keyboard.type("Send the two venue options");
    await shot(page, "quicklog-task");
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => document.querySelector("[data-testid=quick-log-said]")?.textContent === "Logged.");
    await page.waitForFunction(() => document.querySelector("[data-testid=nav-my-day-due]")?.textContent?.trim().startsWith("3"));
  });

  await run("myday-quicklog-error", { hash: `#/data/crm_opportunities/${northernDeal.id}` }, async (page) => {
    await page.getByTestId("quick-log").waitFor();
    await page.getByTestId("quick-log-outcome").fill("Left a voicemail");
    await page.getByTestId("quick-log-submit").click();
    await page.getByTestId("quick-log").getByTestId("field-error").waitFor();
    if ((await text(page, "field-error")) !== "Say what it was about") throw new Error("the facade's words");
    if ((await focusedId(page)) !== "quick-log-subject") throw new Error("the subject is not focused after its error");
    if ((await page.getByTestId("quick-log-outcome").inputValue()) !== "Left a voicemail") throw new Error("the outcome was lost");
    await shot(page, "quicklog-error");
  });

  for (const colorScheme of ["light", "dark"]) {
    const suffix = colorScheme === "dark" ? "-dark" : "";
    await run(`myday-contact-actions-${colorScheme}`, { hash: `#/data/crm_organizers/${northern.id}`, colorScheme, height: 1000 }, async (page) => {
      // The phone and mail programs are the OS's: here the links only say they were followed.
      await page.evaluate(() => document.addEventListener("click", (e) => {
        if (e.target instanceof Element && e.target.closest("a[href^='tel:'], a[href^='mailto:']")) e.preventDefault();
      }, true));
      const contact = fixtures.my_day.overdue[0].contact_name;
      await page.locator("[data-testid=child-card][data-table=crm_contacts]").getByText(contact).click();
      await page.getByTestId("contact-actions").waitFor();
      if (!(await page.getByTestId("contact-call").getAttribute("href")).startsWith("tel:")) throw new Error("no tel: link");
      if (!(await page.getByTestId("contact-email").getAttribute("href")).startsWith("mailto:")) throw new Error("no mailto: link");
      await page.getByTestId("contact-call").click();
      if ((await page.getByTestId("quick-log-subject").inputValue()) !== `Call with ${contact}`) throw new Error("the bar is not filled");
      if ((await focusedId(page)) !== "quick-log-outcome") throw new Error("the outcome is not focused");
      await page.keyboard.type("Agreed on the March dates");
      await shot(page, `contact-actions${suffix}`);
      if (colorScheme === "dark") return;
      await page.keyboard.press("Enter");
      await page.waitForFunction(() => document.querySelector("[data-testid=quick-log-said]")?.textContent === "Logged.");
      await page.getByTestId("contact-email").click();
      if ((await page.getByTestId("quick-log-subject").inputValue()) !== `Email to ${contact}`) throw new Error("the email's subject");
      if (!(await page.getByTestId("quick-log-kind-email").isChecked())) throw new Error("the kind is not email");
      await page.getByTestId("contact-make-primary").click();
      await page.getByTestId("contact-primary").waitFor();
      await page.getByTestId("field-is_primary").getByText("Yes").waitFor();
      await page.waitForFunction(() => document.activeElement?.getAttribute("data-testid") === "contact-primary");
      await shot(page, "contact-primary");
    });
  }

  // ---- An email template's preview and "Open in mail app" (run names start with "template") ----
  const TEMPLATE_INVITE = "7e3a1c00-0000-4000-8000-000000000001", TEMPLATE_FOLLOW_UP = "7e3a1c00-0000-4000-8000-000000000002";
  const templateContact = fixtures.my_day.overdue[0].contact_name;
  const templateEvent = fixtures.events[1]?.name ?? fixtures.events[0].name;
  /** Picks a row in one of the preview's pickers by typing its name and pressing Enter. */
  async function pickIn(page, testid, name) {
    await page.getByTestId(testid).click();
    await page.keyboard.type(name, { delay: 10 });
    await page.getByTestId(`${testid}-option`).first().waitFor();
    await page.keyboard.press("Enter");
    await page.getByTestId(`${testid}-name`).waitFor();
  }
  for (const colorScheme of ["light", "dark"]) {
    await run(`template-${colorScheme}`, { hash: `#/data/crm_email_templates/${TEMPLATE_INVITE}`, colorScheme, height: 1100 }, async (page) => {
      await page.getByTestId("template-preview").waitFor();
      await page.getByTestId("template-pick").waitFor();
      await pickIn(page, "template-contact", templateContact);
      await page.getByTestId("template-email").waitFor();
      // No event yet: its two variables are empty, and said so.
      if ((await page.getByTestId("template-empty").count()) < 2) throw new Error("event_name and event_date not flagged");
      if (colorScheme === "dark") {
        await shot(page, "template-dark");
        return;
      }
      await pickIn(page, "template-event", templateEvent);
      await page.waitForFunction((ev) => document.querySelector("[data-testid=template-subject]")?.textContent?.includes(ev), templateEvent);
      if ((await page.getByTestId("template-unknown").count()) !== 0) throw new Error("the invitation has no unknown names");
      const body = await text(page, "template-body");
      if (!body.startsWith("Hi " + templateContact.split(" ")[0] + ",")) throw new Error("the first name is not filled: " + body.slice(0, 40));
      await shot(page, "template-light");
      // Nothing flagged (or only the owner): Open goes straight to the mail app when nothing is.
      const flagged = await page.getByTestId("template-flags").count();
      await page.getByTestId("template-open").click();
      if (flagged) await page.getByTestId("template-confirm").click();
      await page.waitForFunction(() => document.querySelector("[data-testid=template-said]")?.textContent?.startsWith("Opened in your mail app"));
      if (!(await text(page, "template-said")).includes(templateContact)) throw new Error("the contact is not named");
      await shot(page, "template-sent");
    });
  }

  await run("template-flags", { hash: `#/data/crm_email_templates/${TEMPLATE_FOLLOW_UP}`, height: 1100 }, async (page) => {
    await page.getByTestId("template-preview").waitFor();
    await pickIn(page, "template-contact", templateContact);
    await page.getByTestId("template-unknown").waitFor();
    if ((await text(page, "template-unknown")) !== "Not a variable: {{nope}} (goes out as typed)") throw new Error("the unknown flag's words");
    await page.locator("[data-testid=template-body] mark").getByText("{{nope}}").waitFor();
    await shot(page, "template-flags");
    await page.getByTestId("template-open").focus();
    await page.keyboard.press("Enter");
    await page.getByTestId("template-confirm").waitFor();
    const title = (await page.locator("dialog[open] h2").textContent())?.trim();
    if (!/^Send with 1 unknown variable and \d+ empty variables?\?$/.test(title ?? "")) throw new Error("the question: " + title);
    if ((await focusedId(page)) !== "dialog-cancel") throw new Error("Cancel is not focused in the question");
    await shot(page, "template-flags-confirm");
    await page.keyboard.press("Escape");
    await page.waitForFunction(() => !document.querySelector("dialog[open]"));
    if ((await text(page, "template-said")) !== "") throw new Error("Esc sent it");
    await page.getByTestId("template-open").click();
    await page.getByTestId("template-confirm").click();
    await page.waitForFunction(() => document.querySelector("[data-testid=template-said]")?.textContent?.startsWith("Opened in your mail app"));
  });

  // ---- The Ctrl/Cmd+K palette and `g` then a letter (run names start with "palette") ----
  const paletteHits = (page) =>
    page.$$eval("[data-testid=palette-hit]", (els) => els.map((el) => el.querySelector(".title")?.textContent ?? ""));
  async function palette(page, typed) {
    await page.keyboard.press("Control+k");
    await page.getByTestId("palette-input").waitFor();
    if ((await focusedId(page)) !== "palette-input") throw new Error("the palette's box is not focused");
    if (typed) await page.keyboard.type(typed, { delay: 20 });
  }
  /** Until the answer for the text in the box is shown (no spinner). */
  const answered = (page) =>
    page.waitForFunction(() => !document.querySelector("[data-testid=palette-searching]") &&
      document.querySelector("[data-testid=palette-input]")?.value.trim() !== "");
  for (const colorScheme of ["light", "dark"]) {
    await run(`palette-${colorScheme}`, { colorScheme }, async (page) => {
      await page.getByTestId("stat-revenue").waitFor();
      if (colorScheme === "dark") {
        // Nothing typed yet: the screens, with their g letters.
        await palette(page);
        if ((await page.getByTestId("palette-screen").count()) !== 9) throw new Error("not every screen offered");
        await shot(page, "palette-start-dark");
        await page.keyboard.press("Escape");
      }
      await palette(page, colorScheme === "light" ? "maple" : "ma");
      await answered(page);
      const titles = await paletteHits(page);
      if (colorScheme === "light" && !titles.includes("Maple Leaf Analytics")) throw new Error(`no company hit: ${titles}`);
      const heads = await page.$$eval("[data-testid=palette] [role=group]", (gs) => gs.map((g) => g.getAttribute("data-table") ?? "screens"));
      if (colorScheme === "dark" && heads.length < 4) throw new Error(`too few kinds for "ma": ${heads}`);
      // ARIA: the box names the marked option, which says it is selected.
      const box = page.getByTestId("palette-input");
      const marked = await box.getAttribute("aria-activedescendant");
      if (!marked || (await page.locator(`#${marked}`).getAttribute("aria-selected")) !== "true") throw new Error("no active descendant");
      await page.keyboard.press("ArrowDown");
      if ((await box.getAttribute("aria-activedescendant")) === marked) throw new Error("↓ did not move the mark");
      if (colorScheme === "light") await page.keyboard.press("ArrowUp");
      await shot(page, `palette-${colorScheme}`);
    });
  }

  await run("palette-empty", {}, async (page) => {
    await page.getByTestId("stat-revenue").waitFor();
    await palette(page, "zzxq");
    await page.getByTestId("palette-none").waitFor();
    if ((await page.getByTestId("palette-input").getAttribute("aria-expanded")) !== "false") throw new Error("expanded with no options");
    await shot(page, "palette-empty");
  });

  await run("palette-goto", {}, async (page) => {
    await page.getByTestId("stat-revenue").waitFor();
    await palette(page, "board");
    await answered(page);
    const screens = await page.getByTestId("palette-screen").allTextContents();
    if (screens.length !== 1 || !screens[0].includes("Pipeline board")) throw new Error(`screens: ${screens}`);
    await shot(page, "palette-goto");
    await page.keyboard.press("Enter");
    await page.getByTestId("screen-board").waitFor();
    if (await page.getByTestId("palette").isVisible()) throw new Error("the palette stayed open");
  });

  await run("palette-open", {}, async (page) => {
    await page.getByTestId("stat-revenue").waitFor();
    await palette(page, "maple leaf");
    await answered(page);
    await page.keyboard.press("Enter");
    await page.getByTestId("record-title").getByText("Maple Leaf Analytics").waitFor();
    if (!(await page.evaluate(() => location.hash)).startsWith("#/data/crm_organizers/")) throw new Error("not the company's record page");
    await shot(page, "palette-open-record");
    // An event opens its own page; Enter pressed before the answer came opens it when it comes.
    await palette(page, fixtures.event.summary.name);
    await page.keyboard.press("Enter");
    await page.getByTestId("event-name").waitFor();
    if ((await page.evaluate(() => location.hash)) !== `#/events/${fixtures.event.summary.id}`) throw new Error("not the event's page");
    await shot(page, "palette-open-event");
  });

  await run("palette-stale", {}, async (page) => {
    await page.getByTestId("stat-revenue").waitFor();
    // "q" is answered after 400 ms; "queen" after 60: the late answer must not replace it.
    await palette(page, "qu");
    await answered(page);
    await page.keyboard.press("Backspace");
    await page.waitForTimeout(180);
    await page.keyboard.type("ueen");
    // Until its answer comes, the previous one is shown faded and can't be chosen.
    await page.waitForFunction(() => document.querySelector("[data-testid=palette] .stale"));
    await shot(page, "palette-stale");
    await answered(page);
    await page.waitForTimeout(600);
    const titles = await paletteHits(page);
    if (titles.length === 0 || titles.some((t) => !t.toLowerCase().includes("queen"))) throw new Error(`stale answer shown: ${titles}`);
  });

  await run("palette-focus", { hash: "#/events" }, async (page) => {
    await page.getByTestId("event-row").first().waitFor();
    await page.keyboard.press("/");
    await page.keyboard.type("tor");
    // From inside a text box, and back into it on Esc (which neither clears it nor leaves the screen).
    await palette(page, "x");
    await page.keyboard.press("Escape");
    if (await page.getByTestId("palette").isVisible()) throw new Error("Esc did not close the palette");
    if ((await focusedId(page)) !== "events-search") throw new Error(`the focus went to ${await focusedId(page)}`);
    if ((await page.getByTestId("events-search").inputValue()) !== "tor") throw new Error("the search box lost its text");
    await page.getByTestId("screen-events").waitFor();
    // Ctrl+K again closes it too; a click on the backdrop as well.
    await palette(page);
    await page.keyboard.press("Control+k");
    if (await page.getByTestId("palette").isVisible()) throw new Error("Ctrl+K did not close the palette");
    await palette(page);
    await page.mouse.click(10, 780);
    if (await page.getByTestId("palette").isVisible()) throw new Error("a click outside did not close the palette");
    // Tab stays inside.
    await palette(page);
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    if (!(await page.evaluate(() => document.activeElement?.closest("[data-testid=palette]") !== null))) throw new Error("Tab left the palette");
  });

  await run("palette-gkeys", {}, async (page) => {
    await page.getByTestId("stat-revenue").waitFor();
    await page.keyboard.press("g");
    await page.getByTestId("go-hint").getByText("Pipeline board").waitFor();
    await shot(page, "palette-ghint");
    await page.keyboard.press("b");
    await page.getByTestId("screen-board").waitFor();
    if (await page.getByTestId("go-hint").isVisible()) throw new Error("the hint stayed");
    await page.keyboard.press("g");
    await page.keyboard.press("e");
    await page.getByTestId("screen-events").waitFor();
    // Typed into a box: letters, not shortcuts.
    await page.keyboard.press("/");
    await page.keyboard.type("gd");
    await page.waitForTimeout(100);
    if ((await page.getByTestId("events-search").inputValue()) !== "gd") throw new Error("g d in the search box was taken");
    await page.keyboard.press("Escape");
    await page.keyboard.press("Escape");
    // Too late, and with a modifier: nothing.
    await page.keyboard.press("g");
    await page.waitForTimeout(1700);
    await page.keyboard.press("d");
    await page.keyboard.press("g");
    await page.keyboard.press("Shift+D");
    await page.waitForTimeout(100);
    if (!(await page.getByTestId("screen-events").isVisible())) throw new Error("a late or shifted letter moved");
    // Over a screen's own letters (E edits an event, S sells): g e and g s are the shell's.
    await page.getByTestId("event-row").first().click();
    await page.getByTestId("event-name").waitFor();
    await page.keyboard.press("g");
    await page.keyboard.press("s");
    await page.getByTestId("screen-sync").waitFor();
    for (const [letter, testid] of [["d", "screen-dashboard"], ["r", "screen-crm"], ["m", "screen-my-day"], ["a", "screen-data"], ["c", "screen-checkin"]]) {
      await page.evaluate(() => document.activeElement instanceof HTMLElement && document.activeElement.blur());
      await page.keyboard.press("g");
      await page.keyboard.press(letter);
      await page.getByTestId(testid).waitFor();
    }
    // The check-in screen takes what is typed outside a text box as a scan (and keeps its box focused):
    // there, Ctrl+K or Alt+digits leave. Elsewhere g i goes to the import.
    await page.keyboard.press("Alt+1");
    await page.getByTestId("screen-dashboard").waitFor();
    await page.keyboard.press("g");
    await page.keyboard.press("i");
    await page.waitForFunction(() => location.hash === "#/crm/import");
  });

  await run("palette-error", { scenario: "failing" }, async (page) => {
    await page.getByTestId("stat-revenue").waitFor().catch(() => {});
    await palette(page, "maple");
    await page.getByTestId("palette").getByTestId("error").waitFor();
    await shot(page, "palette-error");
  });

  // ---- The CSV import (ONLY=import): the demo contacts file through the wizard ----
  const importFile = { name: "salon-mtl-contacts.csv", mimeType: "text/csv", buffer: Buffer.from(IMPORT_DEMO_CSV, "utf8") };
  const pickImportFile = async (page) => {
    await page.getByTestId("screen-import").waitFor();
    await page.getByTestId("import-file").setInputFiles(importFile);
    await page.getByTestId("import-map-row").first().waitFor();
  };
  const importHash = "#/crm/import";

  for (const colorScheme of ["light", "dark"]) {
    await run(`import-${colorScheme}`, { hash: importHash, colorScheme, height: 1000 }, async (page) => {
      await page.getByTestId("import-step-map").waitFor();
      if (colorScheme === "light") await shot(page, "import-start");
      await pickImportFile(page);
      for (const [testid, want] of [["import-encoding", "UTF-8 with BOM"], ["import-delimiter", "Comma"], ["import-rows", "7"]]) {
        if ((await text(page, testid)) !== want) throw new Error(`${testid}: not ${want}`);
      }
      // The file chosen, the focus goes on to the mapping.
      if (!(await page.evaluate(() => document.activeElement?.textContent?.includes("Map the columns")))) throw new Error("the focus is not on step 2");
      const selects = page.getByTestId("import-map-select");
      const suggested = await selects.evaluateAll((els) => els.map((el) => el.value));
      const want = ["first_name", "last_name", "email", "company", "title", "phone", "notes", ""];
      if (suggested.join() !== want.join()) throw new Error("the suggestions: " + suggested.join());
      await scrollTo(page, "import-step-map");
      await shot(page, `import-${colorScheme}`);
      if (colorScheme === "dark") return;
      // Email left out: said as missing, and Import waits for it.
      await selects.nth(2).selectOption("");
      await page.getByTestId("import-missing").waitFor();
      if (!(await text(page, "import-missing")).includes("Email")) throw new Error("Email not said missing");
      await page.waitForFunction(() => document.querySelector("[data-testid=import-step-map]")?.getAttribute("aria-busy") === "false");
      if (!(await page.getByTestId("import-run").isDisabled())) throw new Error("Import without an email column");
      await shot(page, "import-light-missing");
      // Another mapping is remembered for these headers.
      await selects.nth(2).selectOption("email");
      await page.getByTestId("import-required-ok").waitFor();
      await selects.nth(7).selectOption("department");
      await page.waitForFunction(() => document.querySelector("[data-testid=import-step-map]")?.getAttribute("aria-busy") === "false");
      // The next visit offers the mapping back.
      await page.reload();
      await pickImportFile(page);
      await page.getByTestId("import-remembered").waitFor();
      await page.getByTestId("import-use-remembered").click();
      await page.waitForFunction(() => document.querySelectorAll("[data-testid=import-map-select]")[7]?.value === "department");
      await page.getByTestId("import-remembered").waitFor({ state: "detached" });
      await page.getByTestId("import-reset-mapping").click();
      await page.waitForFunction(() => document.querySelectorAll("[data-testid=import-map-select]")[7]?.value === "");
    });
  }

  await run("import-keyboard", { hash: importHash }, async (page) => {
    // The kinds are one Tab stop (the arrows choose), then the file; the file read, the focus is on
    // step 2, and Tab goes through the columns' selects, where the arrows choose a field.
    await page.getByTestId("import-kind-contacts").focus();
    await page.keyboard.press("ArrowLeft");
    if (!(await page.getByTestId("import-kind-companies").isChecked())) throw new Error("ArrowLeft did not choose Companies");
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("Tab");
    if ((await focusedId(page)) !== "import-file") throw new Error("Tab did not go to the file");
    // Not a CSV file: said, and nothing unlocks; an empty one is the facade's "no header line".
    await page.getByTestId("import-file").setInputFiles({ name: "badge.png", mimeType: "image/png", buffer: Buffer.from([0x89, 0x50]) });
    await page.getByTestId("import-step-file").getByText("badge.png is not a CSV file").waitFor();
    await page.getByTestId("import-file").setInputFiles({ name: "empty.csv", mimeType: "text/csv", buffer: Buffer.from("") });
    await page.getByTestId("import-step-file").getByText("empty.csv has no header line").waitFor();
    if (await page.getByTestId("import-map-row").count()) throw new Error("the mapping opened for a broken file");
    await pickImportFile(page);
    if (await page.getByTestId("import-step-file").getByTestId("error").count()) throw new Error("the old error stayed");
    await page.keyboard.press("Tab");
    if ((await focusedId(page)) !== "import-map-select") throw new Error("Tab from step 2 did not reach the first column");
    for (let i = 0; i < 7; i++) await page.keyboard.press("Tab");
    await page.keyboard.press("ArrowDown");
    await page.waitForFunction(() => document.querySelectorAll("[data-testid=import-map-select]")[7]?.value === "company");
    await page.getByText("Company (by name) also comes from “Company”").waitFor();
    await page.keyboard.press("ArrowUp");
    await page.waitForFunction(() => document.querySelector("[data-testid=import-step-map]")?.getAttribute("aria-busy") === "false");
    await page.getByTestId("import-run").focus();
    await page.keyboard.press("Enter");
    await page.getByTestId("import-result").waitFor();
    if ((await focusedId(page)) !== "import-result-title") throw new Error("the focus is not on the summary");
  });

  await run("import-duplicates", { hash: importHash, height: 1000 }, async (page) => {
    await pickImportFile(page);
    await page.getByTestId("import-duplicate").nth(1).waitFor();
    if ((await page.getByTestId("import-problem").count()) !== 1) throw new Error("not one problem");
    if (!(await text(page, "import-problem")).includes("Line 5")) throw new Error("the problem's line");
    const merge = page.getByTestId("import-merge-preview");
    if ((await merge.count()) !== 1) throw new Error("not one merge preview");
    if ((await merge.locator("[data-fills=true]").count()) !== 2) throw new Error("not two fields filled by the merge");
    await scrollTo(page, "import-duplicates");
    await shot(page, "import-duplicates");
    // Line 4 skipped on its own: its merge preview goes, the outcome says so.
    const line4 = page.locator("[data-testid=import-duplicate][data-line='4']");
    await line4.getByTestId("import-duplicate-choice").selectOption("skip");
    await line4.getByText("Skipped: line 4 is not imported.").waitFor();
    if (await page.getByTestId("import-merge-preview").count()) throw new Error("the merge preview of a skipped row");
    await scrollTo(page, "import-step-rows");
    await shot(page, "import-rows");
  });

  await run("import-1024", { hash: importHash, width: 1024, height: 700 }, async (page) => {
    await pickImportFile(page);
    await shot(page, "import-map-1024x700");
    await scrollTo(page, "import-duplicates");
    await shot(page, "import-duplicates-1024x700");
  });

  await run("import-summary", { hash: "#/crm", height: 1000 }, async (page) => {
    await page.getByTestId("crm-import").click();
    await pickImportFile(page);
    await page.getByTestId("import-check").click();
    await page.getByTestId("import-checked").waitFor();
    for (const [key, n] of [["created", "4"], ["merged", "2"], ["skipped", "0"], ["companies", "3"], ["rejected", "1"]]) {
      if ((await text(page, `import-checked-counts-${key}`)) !== n) throw new Error(`dry run ${key}: not ${n}`);
    }
    await scrollTo(page, "import-step-run");
    await shot(page, "import-checked");
    await page.getByTestId("import-run").click();
    await page.getByTestId("import-busy").waitFor();
    await shot(page, "import-busy");
    await page.getByTestId("import-result").waitFor();
    if ((await focusedId(page)) !== "import-result-title") throw new Error("the focus is not on the summary");
    if ((await text(page, "import-counts-created")) !== "4") throw new Error("created");
    if (!(await text(page, "import-rejected")).includes("Email is missing")) throw new Error("the rejected row");
    // Nothing can change after the import: the steps before it say in a line what was chosen.
    if (await page.getByTestId("import-map-select").count()) throw new Error("the mapping is still open");
    if (!(await text(page, "import-step-map-done")).startsWith("7 columns of 8 imported")) throw new Error("step 2 after the import");
    if (!(await page.getByTestId("import-kind-contacts").isDisabled())) throw new Error("the kind can still change");
    await scrollTo(page, "import-step-run");
    await shot(page, "import-summary");
    // The summary outlasts a visit to the imported table.
    await page.getByTestId("import-open-table").click();
    await page.waitForFunction(() => location.hash === "#/data/crm_contacts");
    await page.goBack();
    await page.getByTestId("import-undo").waitFor();
  });

  await run("import-undo", { hash: importHash, height: 1000 }, async (page) => {
    await pickImportFile(page);
    await page.getByTestId("import-run").click();
    await page.getByTestId("import-undo").click();
    await page.getByTestId("confirm-undo").waitFor();
    await shot(page, "import-undo-confirm");
    // Esc keeps it and gives the focus back to Undo.
    await page.keyboard.press("Escape");
    await page.getByTestId("confirm-undo").waitFor({ state: "detached" });
    if ((await focusedId(page)) !== "import-undo") throw new Error("the focus did not go back to Undo");
    await page.keyboard.press("Enter");
    await page.getByTestId("confirm-undo").click();
    await page.getByTestId("import-undone").waitFor();
    if (!(await text(page, "import-undone")).includes("7 records it made were deleted")) throw new Error("what undo did: " + (await text(page, "import-undone")));
    if (await page.getByTestId("import-undo").count()) throw new Error("Undo is still offered");
    await scrollTo(page, "import-step-run");
    await shot(page, "import-undo");
    await page.getByTestId("import-again").click();
    if ((await focusedId(page)) !== "import-file") throw new Error("the focus is not on the file");
  });

  // ---- Documents on a company, and the Sync screen's files waiting to upload (ONLY=documents) ----
  const companyHash = `#/data/crm_organizers/${fixtures.company_record.row.id}`;
  const docState = (page, state) => page.locator(`[data-testid=document][data-state=${state}]`);
  for (const colorScheme of ["light", "dark"]) {
    await run(`company-documents-${colorScheme}`, { hash: companyHash, colorScheme, height: 1000 }, async (page) => {
      await page.getByTestId("document").nth(4).waitFor();
      for (const state of ["here", "waiting_upload", "upload_failed", "on_server"]) {
        if ((await docState(page, state).count()) < 1) throw new Error(`no document ${state}`);
      }
      if (!(await text(page, "document-refusal")).startsWith("Storage 413")) throw new Error("the refusal's reason");
      // Documents have their own card: no generic one, and no generic "Add" (a document needs a file).
      if (await page.locator("[data-table=crm_documents]").count()) throw new Error("a generic card or Add for documents");
      await scrollTo(page, "documents");
      await shot(page, `company-documents-${colorScheme}`);
    });
  }

  await run("company-documents-1024", { hash: companyHash, width: 1024, height: 700 }, async (page) => {
    await page.getByTestId("document").nth(4).waitFor();
    await scrollTo(page, "documents");
    await shot(page, "company-documents-1024x700");
  });

  await run("company-documents-actions", { hash: companyHash, height: 1000 }, async (page) => {
    await page.getByTestId("document").nth(4).waitFor();
    await scrollTo(page, "documents");
    // The file only the server has: the first open fails (not synced by the computer it was attached on).
    const remote = docState(page, "on_server");
    await remote.getByTestId("document-open").click();
    await remote.getByText("Opening…").waitFor();
    await remote.getByTestId("error").waitFor();
    if (!(await remote.getByTestId("error").textContent()).includes("not on the server yet")) throw new Error("the open's error");
    await shot(page, "company-documents-open-error");
    await remote.getByTestId("document-open").click();
    await page.getByText("Opened", { exact: true }).waitFor();
    // Retry the refused upload: it waits again.
    await docState(page, "upload_failed").getByTestId("document-retry").click();
    await page.waitForFunction(() => !document.querySelector("[data-testid=document][data-state=upload_failed]"));
    // Attach a contract from the picker: "Attaching …" shows, then it is the newest.
    await page.getByTestId("document-kind").selectOption("contract");
    await page.getByTestId("document-file").setInputFiles({ name: "Catering contract – signed copy.pdf", mimeType: "application/pdf",
                                                             buffer: Buffer.from("%PDF-1.4 preview") });
    await page.getByTestId("document-attaching").waitFor();
    await shot(page, "company-documents-attaching");
    await page.getByTestId("document-said").waitFor();
    await page.waitForFunction(() => document.querySelector("[data-testid=document-name]")?.textContent === "Catering contract – signed copy.pdf");
    if (!(await page.getByTestId("document-facts").first().textContent()).includes("Contract")) throw new Error("the new one's kind");
    // A file over 50 MB dropped on the card is refused before it is read, beside the button.
    await page.getByTestId("documents").evaluate((card) => {
      const data = new DataTransfer();
      data.items.add(new File([new Uint8Array(51 * 1024 * 1024)], "Venue walkthrough.mov", { type: "video/quicktime" }));
      for (const type of ["dragenter", "dragover", "drop"]) card.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }));
    });
    await page.getByTestId("document-error").waitFor();
    if (!(await text(page, "document-error")).includes("up to 50 MB")) throw new Error("the size's refusal");
    await shot(page, "company-documents-too-big");
  });

  await run("company-documents-empty", { hash: `#/data/crm_organizers/${fixtures.companies[1].id}`, colorScheme: "dark" }, async (page) => {
    await page.getByTestId("documents-empty").waitFor();
    await scrollTo(page, "documents");
    await shot(page, "company-documents-empty-dark");
  });

  for (const colorScheme of ["light", "dark"]) {
    await run(`documents-sync-${colorScheme}`, { scenario: "synced", hash: "#/sync", colorScheme, height: 1300 }, async (page) => {
      await page.getByTestId("upload-item").nth(1).waitFor();
      if ((await page.getByTestId("upload-error").count()) !== 1) throw new Error("not one refused file");
      await scrollTo(page, "outbox");
      await shot(page, `sync-uploads-${colorScheme}`);
      if (colorScheme === "dark") return;
      // Retry: it waits again, and the connected workspace sends it; the refused line goes.
      await page.getByTestId("upload-retry").click();
      await page.getByTestId("upload-error").waitFor({ state: "detached" });
      await page.waitForFunction(() => document.querySelectorAll("[data-testid=upload-item]").length === 1, null, { timeout: 5000 });
    });
  }

  // ---- Reminders: toasts over any screen (ONLY=reminders) ----
  // Scenario "reminders": the overdue task, moved to four minutes ago, and a meeting in eight.
  const reminder = (page, kind) => page.locator(`[data-testid=reminder][data-kind=${kind}]`);
  const toastCount = (page) => page.getByTestId("reminder").count();
  for (const colorScheme of ["light", "dark"]) {
    await run(`reminders-${colorScheme}`, { scenario: "reminders", colorScheme }, async (page) => {
      await page.getByTestId("reminder").nth(1).waitFor();
      await page.getByTestId("screen-dashboard").waitFor();
      await page.waitForTimeout(300);
      if ((await toastCount(page)) !== 2) throw new Error("not two reminders");
      if ((await reminder(page, "task").locator("h2").textContent()) !== "Task due") throw new Error("the task's heading");
      if ((await reminder(page, "meeting").locator("h2").textContent()) !== "Meeting soon") throw new Error("the meeting's heading");
      if (await reminder(page, "meeting").getByTestId("reminder-done").count()) throw new Error("Done on a meeting");
      if ((await reminder(page, "task").getByTestId("reminder-when").textContent()) !== "2:56 p.m.") throw new Error("the task's time, on this computer's clock");
      if (!(await reminder(page, "task").getByTestId("reminder-for").textContent()).includes(" · ")) throw new Error("company · contact · deal");
      if ((await focusedId(page)) !== null) throw new Error("a reminder took the focus");
      if ((await page.getByTestId("reminders").getAttribute("aria-live")) !== "polite") throw new Error("not announced politely");
      await shot(page, `reminders-${colorScheme}`);
    });
  }

  await run("reminders-snooze", { scenario: "reminders" }, async (page) => {
    const task = reminder(page, "task");
    await task.waitFor();
    const id = await task.getAttribute("data-item");
    await task.getByTestId("reminder-snooze").click();
    await page.getByTestId("reminder-snooze-menu").waitFor();
    const labels = await page.getByTestId("reminder-snooze-menu").locator("[role=menuitem] .label").allTextContents();
    if (labels.join("|") !== "15 minutes|1 hour|Tomorrow 9:00") throw new Error(`the choices: ${labels.join(", ")}`);
    await shot(page, "reminders-snooze-menu");
    await page.getByTestId("reminder-snooze-hour").click();
    await task.waitFor({ state: "detached" });
    if ((await toastCount(page)) !== 1) throw new Error("the other reminder went too");
    await shot(page, "reminders-after-snooze");
    // My day has it an hour from now (it fell due before), and no reminder came again.
    await page.getByTestId("nav-my-day").click();
    await page.locator(`[data-testid=myday-item][data-item="${id}"] time`).getByText("4:00 p.m.").waitFor();
    if ((await toastCount(page)) !== 1) throw new Error("the reminders changed on the way to My day");
  });

  await run("reminders-actions", { scenario: "reminders" }, async (page) => {
    const task = reminder(page, "task");
    const meeting = reminder(page, "meeting");
    await meeting.waitFor();
    await page.waitForFunction(() => document.querySelector("[data-testid=nav-my-day-due]")?.textContent?.trim().startsWith("3"));
    // Open goes to the company's page; the reminder stays until it is dealt with.
    await task.getByTestId("reminder-open").click();
    await page.getByTestId("screen-record").waitFor();
    if ((await toastCount(page)) !== 2) throw new Error("Open dismissed the reminder");
    // A refused Done says why in the toast, which stays.
    await page.evaluate(() => {
      const bridge = window.__TAURI_INTERNALS__;
      const invoke = bridge.invoke;
      let refused = false;
      bridge.invoke = (cmd, args) => {
        if (cmd !== "complete_task" || refused) return invoke(cmd, args);
        refused = true;
        return Promise.reject({ code: "forbidden", message: "a viewer can't change activities" });
      };
    });
    await task.getByTestId("reminder-done").click();
    await task.getByTestId("reminder-error").waitFor();
    await shot(page, "reminders-error");
    // Done: the toast goes, the menu's count follows, the focus moves on to the meeting's.
    await task.getByTestId("reminder-done").click();
    await task.waitFor({ state: "detached" });
    await page.waitForFunction(() => document.querySelector("[data-testid=nav-my-day-due]")?.textContent?.trim().startsWith("2"));
    if ((await focusedId(page)) !== "reminder-snooze") throw new Error("the focus did not move on to the next reminder");
    // Esc on a focused reminder dismisses it, and only it (the record page stays).
    await page.keyboard.press("Escape");
    await meeting.waitFor({ state: "detached" });
    if (!(await page.getByTestId("screen-record").isVisible())) throw new Error("Esc went back from the record");
  });

  await run("reminders-many", { scenario: "reminders_many", hash: "#/crm", height: 900 }, async (page) => {
    await page.getByTestId("reminders-more").waitFor();
    if ((await toastCount(page)) !== 3) throw new Error("not three shown");
    if ((await text(page, "reminders-more")) !== "+2 more — open My day") throw new Error("the more line");
    await shot(page, "reminders-many");
    await page.getByTestId("reminder-dismiss").first().click();
    await page.getByTestId("reminders-more").getByText("+1 more").waitFor();
    if ((await toastCount(page)) !== 3) throw new Error("the next did not take its place");
    await page.getByTestId("reminders-more").click();
    await page.getByTestId("screen-my-day").waitFor();
    await page.getByTestId("reminders-more").waitFor({ state: "detached" });
    if ((await toastCount(page)) !== 3) throw new Error("the shown ones went");
  });

  await run("reminders-1024-dark", { scenario: "reminders_many", hash: "#/my-day", colorScheme: "dark", width: 1024, height: 700 }, async (page) => {
    await page.getByTestId("reminders-more").waitFor();
    await page.getByTestId("myday-item").first().waitFor();
    // A short window shows two, so the screen stays usable.
    if ((await toastCount(page)) !== 2) throw new Error("not two shown in a short window");
    if ((await text(page, "reminders-more")) !== "+3 more — open My day") throw new Error("the more line");
    await shot(page, "reminders-1024x700-dark");
  });

  await run("reminders-failing", { scenario: "failing" }, async (page) => {
    await page.getByTestId("nav-my-day").waitFor();
    await page.waitForTimeout(600);
    if ((await toastCount(page)) !== 0) throw new Error("a reminder while they fail");
    if (await page.getByTestId("reminders").locator("[role=alert]").count()) throw new Error("a failure shown");
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
