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
// In --serve mode, ?scenario=first_run|broken|ready|today|failing picks the bridge's answers.

import { createServer } from "node:http";
import { existsSync, mkdirSync, readFileSync, statSync } from "node:fs";
import { extname, join, normalize, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const DIST = resolve(here, "..", "dist");
const FIXTURES = process.env.FIXTURES ?? "/tmp/ui-fixtures";
const SHOTS = process.env.SHOTS ?? "/tmp/ui-shots";
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const CSP = "default-src 'self'; style-src 'self'; script-src 'self'";

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
};

/**
 * The stand-in bridge, as page-side source. `scenario` is one of
 * first_run (welcome screen, the demo opens after ~1 s), ready, broken, today
 * (ready, with the first upcoming event moved into "today" to show the door cards),
 * failing (ready, but companies() fails once with `busy` to show the error banner),
 * empty (ready, as after "Start empty": no events, no companies, no sales).
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
  const fail = (code, message) => { throw { code, message }; };
  const needReady = () => {
    if (state === "first_run") fail("no_workspace", "no workspace is open yet");
    if (state === "broken") fail("corrupt_database", "database disk image is malformed");
  };
  const statusRank = { draft: 0, published: 1, cancelled: 2, completed: 3 };
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
      let rows = (scenario === "empty" ? [] : clone(F.events)).filter((e) => {
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
      if (F.event.summary.id === id) return clone(F.event);
      const s = F.events.find((e) => e.id === id);
      if (!s) fail("not_found", "no event " + id);
      // Preview only: the fixtures hold one event's detail; others are built from their summary.
      return {
        summary: clone(s), description: null, visibility: "public", price_cents: 0, venue_address: null,
        tickets: { capacity: s.capacity, sold: s.tickets_sold, available: Math.max(0, s.capacity - s.tickets_sold),
                   active: s.tickets_sold - s.tickets_used, used: s.tickets_used, cancelled: 0 },
        sessions: [],
      };
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
  };
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

  await run("checkin", { hash: "#/checkin" }, async (page) => {
    await page.getByTestId("screen-checkin").waitFor();
    await shot(page, "checkin");
  });

  await run("sync", { hash: "#/sync", colorScheme: "dark" }, async (page) => {
    await page.getByTestId("screen-sync").waitFor();
    await shot(page, "sync-dark");
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

  await browser.close();
  server.close();
  console.log(shots.map((s) => `shot: ${s}`).join("\n"));
  if (problems.length > 0) {
    console.error(problems.map((p) => `PROBLEM ${p}`).join("\n"));
    process.exit(1);
  }
  console.log(`${shots.length} screenshots, no console errors or CSP violations.`);
}
