// Generated from crates/app (src/ipc.rs) by its tests; do not edit by hand.
// Rewrite with: UPDATE_BINDINGS=1 cargo test -p eventos-app --test bindings
// This folder is the only part of the UI that talks to Tauri.

import { invoke } from "@tauri-apps/api/core";

/** A row of any table: column name → value, typed by the schema registry. */
export type Row = Record<string, unknown>;

export type ErrorCode = "invalid" | "duplicate" | "reference" | "not_found" | "no_workspace" | "workspace_exists" | "corrupt_database" | "database_too_new" | "disk_full" | "busy" | "io" | "sign_in_failed" | "session_ended" | "unreachable" | "server_refused" | "not_connected" | "camera" | "forbidden" | "sold_out" | "internal";

export type AppError = { code: ErrorCode, message: string, 
/**
 * The field the error is about, when it is about one: a form marks it without reading
 * the message.
 */
field?: string, };

export type WorkspaceState = "first_run" | "ready" | "broken";

export type Status = { state: WorkspaceState, data_dir: string, problem: AppError | null, 
/**
 * Where the replica was moved: a broken one, or the one put aside on connecting.
 */
moved_to: string | null, };

export type EventSummary = { id: string, name: string, slug: string, 
/**
 * conference, seminar, workshop or networking.
 */
kind: string, 
/**
 * draft, published, cancelled or completed.
 */
status: string, start_at: string, end_at: string, venue_name: string | null, capacity: number, tickets_sold: number, 
/**
 * Checked in (tickets used).
 */
tickets_used: number, 
/**
 * Paid orders, in cents.
 */
revenue_cents: number, 
/**
 * The time zone its times are shown in: its venue's, else this computer's.
 */
zone: string, };

export type EventSort = "start_at" | "name" | "tickets_sold" | "status";

export type EventQuery = { 
/**
 * Text found in the name, venue or slug (one phrase, any case); empty for all.
 */
search: string, sort: EventSort, descending: boolean, };

export type TicketStats = { capacity: number, sold: number, available: number, active: number, used: number, cancelled: number, };

export type SessionItem = { id: string, title: string, session_type: string | null, start_time: string, end_time: string, speaker_name: string | null, status: string | null, };

export type EventDetail = { summary: EventSummary, description: string | null, visibility: string, price_cents: number, venue_address: string | null, tickets: TicketStats, sessions: Array<SessionItem>, };

export type DailySales = { 
/**
 * `YYYY-MM-DD`, local.
 */
date: string, tickets: number, };

export type Dashboard = { 
/**
 * Events running at some point of the local day (not cancelled).
 */
today: Array<EventSummary>, 
/**
 * The next events after today (not cancelled), soonest first.
 */
upcoming: Array<EventSummary>, 
/**
 * Paid orders across all events, in cents.
 */
revenue_cents: number, 
/**
 * Tickets sold (active or used) across all events.
 */
tickets_sold: number, 
/**
 * Tickets checked in during the local day, across all events.
 */
checked_in_today: number, 
/**
 * Tickets sold per local day, oldest first, [`SALES_DAYS`] days ending today.
 */
sales: Array<DailySales>, };

export type CompanySummary = { id: string, company_name: string, industry: string | null, 
/**
 * active, inactive, prospect or archived.
 */
status: string | null, 
/**
 * The sales rep the company is assigned to.
 */
owner_name: string | null, contacts: number, open_opportunities: number, 
/**
 * The open opportunities' value, an exact decimal (`"45000.00"`), in CAD.
 */
open_pipeline: string, };

export type EventEdit = { name: string, description: string | null, capacity: number, 
/**
 * draft, published, cancelled or completed.
 */
status: string, };

export type SyncState = "not_connected" | "signed_out" | "offline" | "syncing" | "synced" | "error";

export type SyncProgress = { scope: string, done: number, total: number, };

export type SyncStatus = { state: SyncState, project_url: string | null, email: string | null, 
/**
 * Changes waiting to go up (failed ones included).
 */
waiting: number, 
/**
 * Of those, the ones the server refused: they wait for the user.
 */
failed: number, 
/**
 * Conflicts with a known winner, not undone.
 */
conflicts: number, last_synced_at: string | null, error: AppError | null, progress: SyncProgress | null, 
/**
 * What this computer keeps: `account:<uuid>` or `event:<uuid>`.
 */
scopes: Array<string>, 
/**
 * Where the session is kept.
 */
session_kept_in: string | null, 
/**
 * Connecting now would put this workspace's file aside (it holds the demo, or work of its
 * own that belongs to no project) and start a fresh one.
 */
connect_moves_aside: boolean, 
/**
 * The number of the latest sync asked for ("Sync now", a sign-in, a change of scopes);
 * `sync_now` answers with its own.
 */
requested: number, 
/**
 * The latest request answered by a sync (or an attempt to reach the server) that started
 * after it. Whoever asked waits for `answered >= requested`; until then `state` is
 * Syncing, never a stale Synced.
 */
answered: number, };

export type ConnectForm = { 
/**
 * The project's URL, `https://<ref>.supabase.co`.
 */
url: string, 
/**
 * The project's anon (publishable) key.
 */
anon_key: string, email: string, password: string, };

export type OutboxItem = { change_id: string, table: string, row_id: string, 
/**
 * insert, update or delete.
 */
op: string, 
/**
 * The changed fields, by name.
 */
fields: Array<string>, 
/**
 * The changed fields with their values, as JSON text (what "Copy" puts on the clipboard,
 * so a refused change can be kept elsewhere before it is discarded); `None` for a delete.
 */
values: string | null, created_at: string, 
/**
 * Why the server refused it; `None` while it waits its turn.
 */
error: string | null, attempts: number, };

export type ConflictItem = { id: number, table: string, row_id: string, field: string, 
/**
 * This device's value, as JSON text.
 */
mine: string, 
/**
 * The value that won, as JSON text (`None` until the row is next pulled).
 */
winner: string | null, 
/**
 * Who won: another device's name, or "the web" for a write made there.
 */
winner_by: string | null, at: string, undone_at: string | null, };

export type ScopeChoice = { 
/**
 * `account:<uuid>` or `event:<uuid>`.
 */
scope: string, 
/**
 * The account's or the event's name.
 */
label: string, 
/**
 * What it holds for this user, in words (a sales rep's account: their own accounts).
 */
detail: string, 
/**
 * Kept now.
 */
kept: boolean, };

export type DoorMode = "entry" | "exit";

export type ScanMethod = "qr_code" | "manual";

export type DoorSetup = { event_id: string, 
/**
 * The gate's name, as staff typed it ("Gate B"); recorded as the check-in's `location`.
 */
gate: string, mode: DoorMode, 
/**
 * Checking people into one session instead of the event.
 */
session_id: string | null, };

export type DoorScan = { method: ScanMethod, 
/**
 * What the scanner read or the person typed.
 */
payload: string, event_id: string, 
/**
 * The gate's name, as staff typed it ("Gate B"); recorded as the check-in's `location`.
 */
gate: string, mode: DoorMode, 
/**
 * Checking people into one session instead of the event.
 */
session_id: string | null, };

export type VerdictKind = "admitted" | "exited" | "already_checked_in" | "not_inside" | "wrong_event" | "cancelled" | "refunded" | "unknown" | "invalid_signature" | "not_a_ticket";

export type PastScan = { at: string, gate: string | null, device_id: string | null, 
/**
 * Whether this computer recorded it.
 */
this_device: boolean, };

export type Verdict = { kind: VerdictKind, name: string | null, ticket_number: string | null, order_number: string | null, 
/**
 * Already checked in: the entry that let them in. Not inside: their last exit.
 */
previous: PastScan | null, other_event: string | null, 
/**
 * One sentence more, for the cases a person needs told why.
 */
detail: string | null, 
/**
 * Admitted on its signature alone: the ticket's row has not reached this computer yet.
 */
not_yet_synced: boolean, scanned_at: string, };

export type DoorCounts = { checked_in: number, sold: number, inside: number, };

export type DoorHit = { ticket_id: string, ticket_number: string, name: string | null, email: string | null, order_number: string | null, 
/**
 * `active`, `used`, `cancelled` or `refunded`.
 */
status: string, inside: boolean, };

export type DuplicateEntry = { ticket_id: string, ticket_number: string | null, name: string | null, first: PastScan, again: PastScan, };

export type CameraChoice = { 
/**
 * `camera:0`, or `dir:/path` for a folder of images.
 */
id: string, name: string, };

export type CameraResolution = "480p" | "720p" | "1080p";

export type ScannedVerdict = { seq: number, 
/**
 * When the frame the code was read in arrived (UTC, the replica's format): scan → verdict
 * on screen is measured from here.
 */
frame_at: string, verdict: Verdict, };

export type ScannerPoll = { running: boolean, source: string, frames: number, 
/**
 * The latest frame's size, "1280×720".
 */
frame_size: string | null, 
/**
 * The latest preview, a JPEG as a `data:` URL.
 */
frame: string | null, 
/**
 * Verdicts after the `after` asked for, oldest first.
 */
verdicts: Array<ScannedVerdict>, 
/**
 * Why the camera stopped, or why a scan could not be decided.
 */
error: AppError | null, };

export type OtherDoor = { name: string, gate: string, exit: boolean, connected: boolean, 
/**
 * Seconds since it was last heard from.
 */
last_heard_s: number, checked_in: number, };

export type DoorExchange = { 
/**
 * `alone`, `connected` or `needs_key`.
 */
state: string, peers: Array<OtherDoor>, 
/**
 * Check-ins other doors sent that were new here.
 */
received: number, 
/**
 * Whether doors are found by DNS-SD here (else by pairing code only).
 */
discovery: boolean, listening: string, last_error: string | null, };

export type PairingShown = { 
/**
 * What a person types: `192.168.1.20:47011 K7M2Q-9PX3D`.
 */
text: string, 
/**
 * What the QR holds (the screen draws it with `ticket_qr`, like a ticket's).
 */
qr_payload: string, valid_minutes: number, };

export type Role = "owner" | "admin" | "manager" | "member" | "viewer" | "door";

export type Allowed = { read: boolean, create: boolean, update: boolean, delete: boolean, };

export type FieldKind = "text" | "integer" | "boolean" | "timestamp" | "date" | "decimal" | "money" | "choice" | "list" | "json" | "reference" | "id";

export type FieldInfo = { name: string, label: string, kind: FieldKind, 
/**
 * An insert must give it (not a field the app fills when left empty).
 */
required: boolean, 
/**
 * Left empty on a new record, the app fills it (an id, a slug, an order or ticket number).
 */
filled: boolean, 
/**
 * Computed by the database: shown, never edited.
 */
generated: boolean, choices: Array<string>, references: string | null, scale: number | null, 
/**
 * The rule a value must follow beyond its kind, in words, when it has one (for hints).
 */
rule: string | null, };

export type Area = "account" | "events" | "production" | "crm" | "outreach";

export type TableInfo = { name: string, label: string, singular: string, area: Area, naming: Array<string>, list: Array<string>, fields: Array<FieldInfo>, 
/**
 * Fields of child rows its list filters on (`tickets.checked_in_at` on attendees: those
 * with a ticket checked in), labelled with the child ("Ticket: checked in at").
 */
related_filters: Array<FieldInfo>, allowed: Allowed, count: number, };

export type FilterOp = "contains" | "is" | "is_not" | "at_least" | "at_most" | "empty" | "not_empty";

export type Filter = { field: string, op: FilterOp, 
/**
 * Absent for `empty`/`not_empty`.
 */
value: unknown, };

export type Sort = { field: string, descending: boolean, };

export type RecordQuery = { filters: Array<Filter>, 
/**
 * Words to find: full-text where the table is indexed, else in the fields that name a row.
 */
search: string | null, 
/**
 * Default: the first field that names a row, else the id.
 */
sort: Sort | null, 
/**
 * The `next` of the page before (keyset paging: stable while rows are added).
 */
after: string | null, 
/**
 * Rows a page (1–500; default 50).
 */
limit: number | null, };

export type RecordPage = { rows: Record<string, unknown>[], 
/**
 * Rows matching the filters and search, all pages together.
 */
total: number, 
/**
 * Where the next page starts; `None` on the last page.
 */
next: string | null, };

export type Children = { table: string, 
/**
 * The column of `table` that points at the record.
 */
column: string, total: number, rows: Record<string, unknown>[], };

export type RecordDetail = { table: string, 
/**
 * What names it ("Sarah Johnson", "ORD-…").
 */
title: string, row: Record<string, unknown>, children: Array<Children>, allowed: Allowed, };

export type TableCount = { table: string, count: number, };

export type DeletePlan = { 
/**
 * Rows deleted with it, per table (the record itself included).
 */
removes: Array<TableCount>, 
/**
 * Rows that stay but lose their link to it (ON DELETE SET NULL), per table.
 */
unlinks: Array<TableCount>, 
/**
 * Why the delete would be refused (rows still refer to it), if it would be.
 */
refused: string | null, };

export type Exported = { path: string, rows: number, };

export type ExportProgress = { table: string, written: number, 
/**
 * Rows the export will write.
 */
total: number, };

export type VenueChoice = { "kind": "none" } | { "kind": "existing", id: string, } | { "kind": "new", name: string, address: string | null, city: string | null, timezone: string | null, };

export type EventDraft = { name: string, 
/**
 * conference, seminar, workshop or networking.
 */
kind: string, venue: VenueChoice, starts: string, ends: string, capacity: number, price_cents: number, 
/**
 * public or private.
 */
visibility: string, description: string | null, };

export type StatusPlan = { from: string, to: string, 
/**
 * Why it cannot move there, if it cannot.
 */
refused: string | null, 
/**
 * Valid tickets not yet used: a cancellation cancels them (doors refuse them once synced).
 */
active_tickets: number, 
/**
 * Tickets already used: kept as they are.
 */
used_tickets: number, 
/**
 * In words, for the confirmation.
 */
consequence: string, };

export type Payment = "cash" | "card" | "complimentary";

export type Holder = { name: string, email: string, };

export type SaleRequest = { 
/**
 * The event's id or slug.
 */
event: string, quantity: number, buyer: Holder, holders: Array<Holder | null>, payment: Payment, };

export type QrPath = { size: number, 
/**
 * `M{x} {y}h1v1h-1z` per dark module (runs of modules on a row joined into one rectangle).
 */
d: string, };

export type TicketCode = { ticket_number: string, name: string | null, 
/**
 * What the QR code holds.
 */
payload: string, 
/**
 * Signed with the event's key (else the seed's random code, found by lookup only).
 */
signed: boolean, };

export type BoxOffice = { event_id: string, event_name: string, 
/**
 * `draft`, `published`, `cancelled` or `completed`: only a published event sells.
 */
status: string, price_cents: number, capacity: number, 
/**
 * Active and used tickets this computer knows of.
 */
places_taken: number, 
/**
 * Places held for waitlist offers that have not expired: not sold to anyone else.
 */
places_held: number, places_left: number, 
/**
 * Tickets sold on this computer that the server has not seen yet: other laptops selling
 * meanwhile cannot know of them, nor this one of theirs.
 */
sold_here_unsynced: number, 
/**
 * Why it cannot sell now, if it cannot.
 */
closed_because: string | null, };

export type Sale = { order_id: string, order_number: string, total_cents: number, payment: Payment, tickets: Array<TicketCode>, box_office: BoxOffice, };

export type VoidKind = "cancel" | "refund";

export type Voided = { order_number: string, 
/**
 * The tickets it cancelled or refunded.
 */
voided: Array<string>, 
/**
 * The order's tickets it left as they were: already checked in, cancelled or refunded.
 */
kept: Array<string>, 
/**
 * Whether the whole order is now refunded (every ticket void, at least one refunded).
 */
order_refunded: boolean, };

export type WaitlistEntry = { id: string, position: number | null, name: string, email: string, 
/**
 * waiting, offered, converted, expired or cancelled.
 */
status: string, reason: string | null, 
/**
 * When the place was offered.
 */
offered_at: string | null, 
/**
 * When an offer lapses (UTC).
 */
expires_at: string | null, };

export type Waitlist = { event_id: string, event_name: string, capacity: number, places_taken: number, 
/**
 * Places held by offers not yet expired.
 */
places_held: number, offer_hours: number, entries: Array<WaitlistEntry>, 
/**
 * Offers made and offers expired by this look, in words (empty when nothing moved).
 */
moved: Array<string>, };

export type Room = { 
/**
 * None: sessions with no room.
 */
id: string | null, name: string, capacity: number | null, };

export type WarningKind = "speaker_double_booked" | "room_double_booked" | "outside_event_dates" | "over_room_capacity";

export type ProgrammeSession = { id: string, title: string, session_type: string | null, status: string, start_local: string, end_local: string, room_id: string | null, speaker_id: string | null, speaker_name: string | null, max_attendees: number | null, 
/**
 * The kinds of warning that name this session.
 */
warnings: Array<WarningKind>, };

export type ProgrammeDay = { 
/**
 * The local date, `2026-03-08`.
 */
date: string, sessions: Array<ProgrammeSession>, };

export type SpeakerLine = { id: string, name: string, status: string, 
/**
 * Titles of the speaker's sessions, in time order.
 */
sessions: Array<string>, };

export type SponsorLine = { id: string, company_name: string, amount_cents: number | null, status: string, };

export type SponsorTier = { 
/**
 * platinum, gold, silver, bronze, partner, or "none".
 */
tier: string, 
/**
 * Confirmed sponsors' amounts, in cents.
 */
confirmed_cents: number, sponsors: Array<SponsorLine>, };

export type MaterialLine = { id: string, title: string, material_type: string | null, session_title: string | null, file_url: string | null, };

export type Warning = { kind: WarningKind, 
/**
 * The sessions it is about.
 */
sessions: Array<string>, message: string, };

export type Programme = { event_id: string, event_name: string, 
/**
 * The venue's zone: every `*_local` time is its wall clock.
 */
zone: string, starts_local: string, ends_local: string, 
/**
 * The lanes: each room (a venue) sessions use, by name; "No room" last when some have none.
 */
rooms: Array<Room>, days: Array<ProgrammeDay>, speakers: Array<SpeakerLine>, sponsor_tiers: Array<SponsorTier>, materials: Array<MaterialLine>, warnings: Array<Warning>, };

export type StatusTotals = { pending_cents: number, approved_cents: number, rejected_cents: number, paid_cents: number, };

export type CategoryTotals = { category: string, totals: StatusTotals, };

export type ExpenseLine = { id: string, name: string, category: string, amount_cents: number, status: string, vendor_name: string | null, approved_by: string | null, approved_at: string | null, payment_date: string | null, receipt_url: string | null, };

export type Roi = { 
/**
 * The view's result: the same sum as [`Budget::result_cents`], with the expenses counted
 * in SQL rather than from the expense lines.
 */
result_cents: number, 
/**
 * Result × 10,000 / committed expenses, rounded half away from zero; none without expenses.
 */
roi_basis_points: number | null, 
/**
 * Committed expenses in the marketing category.
 */
marketing_expenses_cents: number, 
/**
 * Campaigns' planned budgets: shown apart, never added.
 */
campaign_budget_cents: number, 
/**
 * Fees agreed with models, influencers and media partners: shown apart, never added (a cost
 * counts once, from the expenses).
 */
committed_fees_cents: number, tickets_sold: number, checked_in: number, 
/**
 * Committed expenses per person checked in, rounded half up; none before anyone is.
 */
cost_per_attendee_cents: number | null, };

export type Budget = { event_id: string, event_name: string, 
/**
 * The expenses' currency (the seeds' default, CAD, when none is given).
 */
currency: string, 
/**
 * Every category of the seed, in its order, with its totals by status.
 */
categories: Array<CategoryTotals>, totals: StatusTotals, expenses: Array<ExpenseLine>, 
/**
 * Paid orders' totals less the price of their refunded tickets.
 */
ticket_revenue_cents: number, 
/**
 * Confirmed sponsors' amounts.
 */
sponsorship_cents: number, 
/**
 * Approved and paid expenses.
 */
committed_cents: number, 
/**
 * Ticket revenue plus sponsorship minus committed expenses.
 */
result_cents: number, 
/**
 * The return on it, from the replica's `event_roi` view.
 */
roi: Roi, };

export type DaySales = { 
/**
 * The local date of payment (of ordering, for an order not paid yet).
 */
date: string, orders: number, tickets: number, 
/**
 * What paid orders earned (less refunded tickets), as the budget counts it.
 */
revenue_cents: number, };

export type QuarterHour = { 
/**
 * The quarter's start on the venue's clock, `2026-03-08T09:15`.
 */
starts_local: string, check_ins: number, };

export type SessionAttendance = { id: string, title: string, starts_local: string, 
/**
 * Different people checked in to the session.
 */
attended: number, max_attendees: number | null, };

export type Ratings = { responses: number, overall: number | null, content: number | null, speaker: number | null, venue: number | null, organization: number | null, };

export type SessionRatings = { session_id: string, title: string, ratings: Ratings, };

export type Comment = { 
/**
 * None for an anonymous response.
 */
author: string | null, session_title: string | null, overall_rating: number | null, comments: string, created_at: string, };

export type Count = { label: string, count: number, };

export type EventAnalytics = { event_id: string, event_name: string, zone: string, sales_per_day: Array<DaySales>, check_ins_per_quarter_hour: Array<QuarterHour>, sessions: Array<SessionAttendance>, feedback: Ratings, session_feedback: Array<SessionRatings>, comments: Array<Comment>, connections: Array<Count>, };

export type Step = { 
/**
 * The status it moves to.
 */
to: string, 
/**
 * The button's words ("Approve", "Mark paid").
 */
label: string, 
/**
 * What the step writes besides the status, in words.
 */
effect: string, };

export type Card = { id: string, name: string, company_id: string, company_name: string, value_cents: number, probability: number, expected_revenue_cents: number, expected_close_date: string | null, owner_name: string | null, 
/**
 * open, won, lost or abandoned.
 */
status: string, actual_close_date: string | null, loss_reason: string | null, };

export type BoardColumn = { stage_id: string, name: string, color: string | null, 
/**
 * The probability a deal takes when moved here.
 */
probability: number, is_closed: boolean, is_won: boolean, 
/**
 * The first `per_column` of the column's deals (more where asked); `count` says how many
 * there are, and the totals count them all.
 */
cards: Array<Card>, count: number, total_cents: number, weighted_cents: number, };

export type MonthForecast = { month: string, deals: number, total_cents: number, weighted_cents: number, };

export type BoardOwner = { 
/**
 * The profile's id, for [`BoardQuery::owner`].
 */
id: string, name: string, };

export type TicketsOf = { "kind": "order", "value": string } | { "kind": "ticket", "value": string } | { "kind": "event", "value": string } | { "kind": "attendee", "value": string };

export type PaperSize = "a4" | "letter" | "wallet";

export type SavedPdf = { path: string, pages: number, 
/**
 * Characters the font lacks, printed as U+FFFD (a name in a script it does not cover).
 */
missing: Array<string>, };

export type PdfProgress = { done: number, total: number, };

export type BadgesOf = { 
/**
 * The event's id or slug.
 */
event: string, 
/**
 * Only these attendees (ids); all when none.
 */
attendees: Array<string> | null, 
/**
 * Only the holder of this ticket (its number): the badge of someone just admitted.
 */
ticket: string | null, 
/**
 * A layout's name (`eventos_print::LAYOUTS`).
 */
layout: string, };

export type BadgeLayoutInfo = { name: string, label: string, 
/**
 * Badges a page (1: a thermal printer's).
 */
per_page: number, };

export type Board = { columns: Array<BoardColumn>, 
/**
 * The owners of the deals the search finds (whatever owner is chosen), by name.
 */
owners: Array<BoardOwner>, 
/**
 * Some deals the search finds are assigned to nobody.
 */
unassigned: boolean, 
/**
 * Open deals by month of expected close (`2027-01`; `none` for deals without a date).
 */
months: Array<MonthForecast>, 
/**
 * Open deals only.
 */
open_cents: number, weighted_cents: number, };

export type BoardQuery = { 
/**
 * Only this owner's (`assigned_to`, a profile id).
 */
owner: string | null, 
/**
 * Only the deals assigned to nobody.
 */
unassigned: boolean, 
/**
 * Only deals whose name or company contains this.
 */
search: string | null, 
/**
 * How many cards each column sends (all when none): a big account has thousands, and a
 * screen shows a page of them.
 */
per_column: number | null, 
/**
 * More cards for some columns, by stage id ("Show more").
 */
shown: { [key in string]: number }, 
/**
 * The column holding this deal sends cards up to it (a card just moved, to be focused).
 */
reveal: string | null, };

export type Closing = { won: boolean, 
/**
 * `YYYY-MM-DD`; today on this computer when none is given.
 */
close_date: string | null, 
/**
 * Why it was lost (needed for a lost deal).
 */
reason: string | null, };

export type QuickLog = { 
/**
 * call, email, meeting, note or task.
 */
kind: string, subject: string, 
/**
 * How it went ("Left a voicemail"): the activity's description.
 */
outcome: string | null, duration_minutes: number | null, 
/**
 * When it happened (a meeting: when it is); now when none is given. RFC 3339.
 */
at: string | null, 
/**
 * A task's due time, RFC 3339.
 */
due: string | null, 
/**
 * The record it is logged on: `crm_organizers`, `crm_contacts` or `crm_opportunities`.
 */
on_table: string, on_id: string, };

export type DayItem = { id: string, kind: string, subject: string, 
/**
 * When it is due (a task) or takes place (a meeting), RFC 3339.
 */
when: string | null, done: boolean, company_id: string | null, company_name: string | null, contact_name: string | null, deal_name: string | null, };

export type MyDay = { overdue: Array<DayItem>, today: Array<DayItem>, upcoming: Array<DayItem>, 
/**
 * Finished today.
 */
done: Array<DayItem>, 
/**
 * Overdue and due today: the count the menu shows.
 */
due_count: number, };

export type Reminders = { 
/**
 * To remind of now.
 */
due: Array<DayItem>, 
/**
 * Reminders answered on their desktop notification (done or snoozed there) since the last
 * look: the window's own for them go.
 */
answered: Array<string>, };

export type MergeField = { field: string, kept: unknown, dropped: unknown, result: unknown, };

export type MovingRows = { table: string, field: string, count: number, };

export type MergePlan = { table: string, keep_id: string, drop_id: string, 
/**
 * Every field where the two differ: what each has and what the kept record gets.
 */
fields: Array<MergeField>, 
/**
 * Rows that point at the dropped record and move to the kept one, per table.
 */
moving: Array<MovingRows>, };

export type ImportKind = "companies" | "contacts" | "opportunities";

export type Encoding = "utf8" | "utf8_bom" | "windows1252";

export type ImportField = { field: string, label: string, required: boolean, };

export type OnDuplicate = "merge" | "skip" | "create";

export type ImportRequest = { kind: ImportKind, 
/**
 * The CSV file (its name, when its content is given).
 */
path: string, 
/**
 * The file's bytes in base64, when the window read it (a file picked in the app, which
 * gives no path): then `path` is only its name.
 */
content_base64: string | null, 
/**
 * One entry per column: the field it fills, or null to leave it out. Empty: the
 * suggestions from the headers.
 */
mapping: Array<string | null>, on_duplicate: OnDuplicate, 
/**
 * Another choice than `on_duplicate` for some lines.
 */
decisions: Record<number, OnDuplicate>, 
/**
 * Check everything and count, write nothing.
 */
dry_run: boolean, };

export type Rejected = { line: number, reason: string, };

export type FieldChange = { field: string, existing: string, incoming: string, result: string, };

export type Duplicate = { line: number, 
/**
 * The record it duplicates, when it is in the replica.
 */
existing_id: string | null, 
/**
 * The earlier line it duplicates, when it is in the file.
 */
earlier_line: number | null, 
/**
 * The duplicated record's name.
 */
name: string, 
/**
 * What matched: email, name or website.
 */
by: string, 
/**
 * What a merge would change: field, the value there, the file's, the result.
 */
changes: Array<FieldChange>, };

export type ImportPreview = { kind: ImportKind, encoding: Encoding, 
/**
 * `,`, `;` or a tab.
 */
delimiter: string, headers: Array<string>, 
/**
 * Every field a column can fill.
 */
fields: Array<ImportField>, 
/**
 * The mapping in effect (the request's, else the suggestions).
 */
mapping: Array<string | null>, rows: number, 
/**
 * The first rows as they would be imported (field → value).
 */
sample: Array<{ [key in string]: string }>, duplicates: Array<Duplicate>, 
/**
 * Rows that would be rejected (and a broken end of file), by line.
 */
problems: Array<Rejected>, };

export type ImportSummary = { 
/**
 * Undoes the whole import (None for a dry run).
 */
import_id: string | null, created: number, merged: number, skipped: number, 
/**
 * Companies a contact or deal named that did not exist yet.
 */
companies_created: number, rejected: Array<Rejected>, dry_run: boolean, };

export type ImportUndone = { deleted: number, restored: number, };

export type SearchHit = { table: string, id: string, title: string, 
/**
 * A second line: the company, the email, the date.
 */
detail: string | null, };

export type RenderedEmail = { to: string, subject: string, body: string, 
/**
 * `{{names}}` the template uses that are not variables: left as typed.
 */
unknown: Array<string>, 
/**
 * Variables with no value for this contact (or no event chosen): left empty.
 */
empty: Array<string>, 
/**
 * The message as a `mailto:` link (subject and body encoded).
 */
mailto: string, };

export type AttachDocument = { 
/**
 * `crm_organizers` or `crm_opportunities`.
 */
on_table: string, on_id: string, file_name: string, 
/**
 * The file's bytes, base64.
 */
content_base64: string, 
/**
 * contract, proposal, invoice, presentation or other.
 */
document_type: string | null, };

export type FileState = { "state": "here" } | { "state": "waiting_upload" } | { "state": "upload_failed", error: string, } | { "state": "on_server" };

export type DocumentItem = { id: string, file_name: string, 
/**
 * Its MIME type.
 */
file_type: string, file_size: number, document_type: string | null, version: number | null, is_signed: boolean, signed_at: string | null, created_at: string | null, storage_path: string, file: FileState, };

export type UploadItem = { document_id: string | null, file_name: string, size: number, storage_path: string, 
/**
 * Why the server refused it; `None` while it waits its turn.
 */
error: string | null, attempts: number, };

/** Whether a thrown value is the app's typed error. */
export function isAppError(e: unknown): e is AppError {
  return typeof e === "object" && e !== null && "code" in e && "message" in e;
}

/** Calls a command; a failure is thrown as an `AppError` (never a bare string). */
async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (e) {
    throw isAppError(e) ? e : ({ code: "internal", message: String(e) } satisfies AppError);
  }
}

export const commands = {
  status: (): Promise<Status> => call("status"),
  openDemo: (utcOffsetMinutes: number): Promise<Status> => call("open_demo", { utcOffsetMinutes }),
  startEmpty: (): Promise<Status> => call("start_empty"),
  moveAsideAndStartFresh: (): Promise<Status> => call("move_aside_and_start_fresh"),
  dashboard: (utcOffsetMinutes: number): Promise<Dashboard> => call("dashboard", { utcOffsetMinutes }),
  events: (query: EventQuery): Promise<Array<EventSummary>> => call("events", { query }),
  event: (id: string): Promise<EventDetail> => call("event", { id }),
  companies: (): Promise<Array<CompanySummary>> => call("companies"),
  updateEvent: (id: string, edit: EventEdit): Promise<EventDetail> => call("update_event", { id, edit }),
  syncStatus: (): Promise<SyncStatus> => call("sync_status"),
  connect: (form: ConnectForm): Promise<SyncStatus> => call("connect", { form }),
  signOut: (): Promise<SyncStatus> => call("sign_out"),
  syncNow: (): Promise<SyncStatus> => call("sync_now"),
  outbox: (): Promise<Array<OutboxItem>> => call("outbox"),
  retryChange: (changeId: string): Promise<Array<OutboxItem>> => call("retry_change", { changeId }),
  discardChange: (changeId: string): Promise<Array<OutboxItem>> => call("discard_change", { changeId }),
  conflicts: (): Promise<Array<ConflictItem>> => call("conflicts"),
  undoConflict: (id: number): Promise<Array<ConflictItem>> => call("undo_conflict", { id }),
  scopeChoices: (): Promise<Array<ScopeChoice>> => call("scope_choices"),
  setScopes: (scopes: string[]): Promise<SyncStatus> => call("set_scopes", { scopes }),
  checkIn: (scan: DoorScan): Promise<Verdict> => call("check_in", { scan }),
  doorCounts: (eventId: string): Promise<DoorCounts> => call("door_counts", { eventId }),
  doorSearch: (eventId: string, query: string): Promise<Array<DoorHit>> => call("door_search", { eventId, query }),
  duplicateEntries: (eventId: string): Promise<Array<DuplicateEntry>> => call("duplicate_entries", { eventId }),
  cameras: (): Promise<Array<CameraChoice>> => call("cameras"),
  startScanner: (door: DoorSetup, cameraId: string, resolution: CameraResolution): Promise<null> => call("start_scanner", { door, cameraId, resolution }),
  stopScanner: (): Promise<null> => call("stop_scanner"),
  scannerPoll: (after: number): Promise<ScannerPoll> => call("scanner_poll", { after }),
  openExchange: (door: DoorSetup): Promise<DoorExchange> => call("open_exchange", { door }),
  doorExchange: (): Promise<DoorExchange> => call("door_exchange"),
  exchangePairingCode: (): Promise<PairingShown> => call("exchange_pairing_code"),
  exchangePair: (code: string): Promise<DoorExchange> => call("exchange_pair", { code }),
  closeExchange: (): Promise<null> => call("close_exchange"),
  recordTables: (): Promise<Array<TableInfo>> => call("record_tables"),
  listRecords: (table: string, query: RecordQuery): Promise<RecordPage> => call("list_records", { table, query }),
  record: (table: string, id: string): Promise<RecordDetail> => call("record", { table, id }),
  recordTitles: (table: string, ids: string[]): Promise<Record<string, string>> => call("record_titles", { table, ids }),
  createRecord: (table: string, values: Row): Promise<Row> => call("create_record", { table, values }),
  updateRecord: (table: string, id: string, patch: Row): Promise<Row> => call("update_record", { table, id, patch }),
  deletePlan: (table: string, id: string): Promise<DeletePlan> => call("delete_plan", { table, id }),
  deleteRecord: (table: string, id: string): Promise<null> => call("delete_record", { table, id }),
  exportRecords: (table: string, query: RecordQuery, columns: string[]): Promise<Exported> => call("export_records", { table, query, columns }),
  exportProgress: (): Promise<ExportProgress | null> => call("export_progress"),
  createEvent: (draft: EventDraft): Promise<EventDetail> => call("create_event", { draft }),
  statusPlan: (eventId: string, to: string): Promise<StatusPlan> => call("status_plan", { eventId, to }),
  setEventStatus: (eventId: string, to: string): Promise<EventDetail> => call("set_event_status", { eventId, to }),
  duplicateEvent: (eventId: string, starts: string): Promise<EventDetail> => call("duplicate_event", { eventId, starts }),
  boxOffice: (event: string): Promise<BoxOffice> => call("box_office", { event }),
  sell: (request: SaleRequest): Promise<Sale> => call("sell", { request }),
  voidOrder: (orderNumber: string, kind: VoidKind, reason: string | null): Promise<Voided> => call("void_order", { orderNumber, kind, reason }),
  voidTicket: (ticketNumber: string, kind: VoidKind, reason: string | null): Promise<Voided> => call("void_ticket", { ticketNumber, kind, reason }),
  changeHolder: (ticketNumber: string, holder: Holder): Promise<TicketCode> => call("change_holder", { ticketNumber, holder }),
  ticketQr: (payload: string): Promise<QrPath> => call("ticket_qr", { payload }),
  waitlist: (event: string): Promise<Waitlist> => call("waitlist", { event }),
  joinWaitlist: (event: string, person: Holder, reason: string | null): Promise<Waitlist> => call("join_waitlist", { event, person, reason }),
  convertWaitlistEntry: (entryId: string, payment: Payment): Promise<Sale> => call("convert_waitlist_entry", { entryId, payment }),
  cancelWaitlistEntry: (entryId: string): Promise<Waitlist> => call("cancel_waitlist_entry", { entryId }),
  programme: (event: string): Promise<Programme> => call("programme", { event }),
  budget: (event: string): Promise<Budget> => call("budget", { event }),
  eventAnalytics: (event: string): Promise<EventAnalytics> => call("event_analytics", { event }),
  recordSteps: (table: string, id: string): Promise<Array<Step>> => call("record_steps", { table, id }),
  stepRecord: (table: string, id: string, to: string): Promise<Row> => call("step_record", { table, id, to }),
  pipelineBoard: (query: BoardQuery): Promise<Board> => call("pipeline_board", { query }),
  moveOpportunity: (id: string, stageId: string): Promise<Row> => call("move_opportunity", { id, stageId }),
  closeOpportunity: (id: string, closing: Closing): Promise<Row> => call("close_opportunity", { id, closing }),
  logActivity: (log: QuickLog): Promise<Row> => call("log_activity", { log }),
  myDay: (utcOffsetMinutes: number): Promise<MyDay> => call("my_day", { utcOffsetMinutes }),
  dueReminders: (): Promise<Reminders> => call("due_reminders"),
  completeTask: (id: string): Promise<Row> => call("complete_task", { id }),
  snoozeTask: (id: string, until: string): Promise<Row> => call("snooze_task", { id, until }),
  makePrimaryContact: (contactId: string): Promise<Row> => call("make_primary_contact", { contactId }),
  mergePlan: (table: string, keepId: string, dropId: string): Promise<MergePlan> => call("merge_plan", { table, keepId, dropId }),
  mergeRecords: (table: string, keepId: string, dropId: string): Promise<Row> => call("merge_records", { table, keepId, dropId }),
  importPreview: (request: ImportRequest): Promise<ImportPreview> => call("import_preview", { request }),
  importCsv: (request: ImportRequest): Promise<ImportSummary> => call("import_csv", { request }),
  undoImport: (importId: string): Promise<ImportUndone> => call("undo_import", { importId }),
  searchEverything: (query: string): Promise<Array<SearchHit>> => call("search_everything", { query }),
  openLink: (url: string): Promise<null> => call("open_link", { url }),
  renderTemplate: (templateId: string, contactId: string, eventId: string | null): Promise<RenderedEmail> => call("render_template", { templateId, contactId, eventId }),
  documents: (onTable: string, onId: string): Promise<Array<DocumentItem>> => call("documents", { onTable, onId }),
  attachDocument: (attach: AttachDocument): Promise<DocumentItem> => call("attach_document", { attach }),
  openDocument: (id: string): Promise<string> => call("open_document", { id }),
  uploadQueue: (): Promise<Array<UploadItem>> => call("upload_queue"),
  retryUpload: (storagePath: string): Promise<Array<UploadItem>> => call("retry_upload", { storagePath }),
  defaultPaper: (): Promise<PaperSize> => call("default_paper"),
  saveTicketsPdf: (of: TicketsOf, paper: PaperSize): Promise<SavedPdf | null> => call("save_tickets_pdf", { of, paper }),
  openTicketsPdf: (of: TicketsOf, paper: PaperSize): Promise<SavedPdf> => call("open_tickets_pdf", { of, paper }),
  saveDoorListPdf: (event: string, paper: PaperSize): Promise<SavedPdf | null> => call("save_door_list_pdf", { event, paper }),
  openDoorListPdf: (event: string, paper: PaperSize): Promise<SavedPdf> => call("open_door_list_pdf", { event, paper }),
  saveEventReport: (event: string, paper: PaperSize): Promise<SavedPdf | null> => call("save_event_report", { event, paper }),
  openEventReport: (event: string, paper: PaperSize): Promise<SavedPdf> => call("open_event_report", { event, paper }),
  savePipelineReport: (paper: PaperSize): Promise<SavedPdf | null> => call("save_pipeline_report", { paper }),
  openPipelineReport: (paper: PaperSize): Promise<SavedPdf> => call("open_pipeline_report", { paper }),
  pdfProgress: (): Promise<PdfProgress> => call("pdf_progress"),
  badgeLayouts: (): Promise<BadgeLayoutInfo[]> => call("badge_layouts"),
  saveBadgesPdf: (of: BadgesOf): Promise<SavedPdf | null> => call("save_badges_pdf", { of }),
  openBadgesPdf: (of: BadgesOf): Promise<SavedPdf> => call("open_badges_pdf", { of }),
};
