-- An event's return on investment (issue 17, seed 001's event_roi; docs/SCHEMA.md §N9), computed
-- from the replica, never typed in and never stored. The server's 20261208000300_event_roi.sql
-- has the same view, figure for figure. In exact integer cents: two-decimal amounts are their
-- digits.
--
-- ticket_revenue_cents: paid orders' totals less the price of their refunded tickets (the Budget
--   screen's figure; the payments ledger will take its place).
-- sponsorship_cents: confirmed sponsors. expenses_cents: approved and paid expenses, of which
--   marketing_expenses_cents in the marketing category. result_cents: revenue + sponsorship −
--   expenses, the Budget screen's result.
-- campaign_budget_cents (planned, not spent) and committed_fees_cents (fees agreed with models,
--   influencers and media partners not cancelled) are shown apart, never added: a cost counts
--   once, from the expenses.
-- roi_basis_points: result × 10,000 / expenses, rounded half away from zero; NULL without
--   expenses. cost_per_attendee_cents: expenses / checked in, rounded half up; NULL when none.
CREATE VIEW event_roi AS
SELECT
  event_id, account_id, event_name, ticket_revenue_cents, sponsorship_cents, expenses_cents,
  marketing_expenses_cents, campaign_budget_cents, committed_fees_cents,
  ticket_revenue_cents + sponsorship_cents - expenses_cents AS result_cents,
  CASE
    WHEN expenses_cents = 0 THEN NULL
    WHEN ticket_revenue_cents + sponsorship_cents - expenses_cents >= 0
      THEN ((ticket_revenue_cents + sponsorship_cents - expenses_cents) * 20000 + expenses_cents) / (2 * expenses_cents)
    ELSE -(((expenses_cents - ticket_revenue_cents - sponsorship_cents) * 20000 + expenses_cents) / (2 * expenses_cents))
  END AS roi_basis_points,
  tickets_sold, checked_in,
  CASE WHEN checked_in = 0 THEN NULL ELSE (expenses_cents * 2 + checked_in) / (2 * checked_in) END AS cost_per_attendee_cents
FROM (
  SELECT
    e.id AS event_id,
    e.account_id AS account_id,
    e.name AS event_name,
    (SELECT coalesce(sum(o.total_cents - o.unit_price_cents *
              (SELECT count(*) FROM tickets r WHERE r.order_id = o.id AND r.status = 'refunded')), 0)
     FROM orders o WHERE o.event_id = e.id AND o.payment_status = 'paid') AS ticket_revenue_cents,
    (SELECT coalesce(sum(CAST(replace(s.sponsorship_amount, '.', '') AS INTEGER)), 0)
     FROM sponsors s WHERE s.event_id = e.id AND s.status = 'confirmed') AS sponsorship_cents,
    (SELECT coalesce(sum(CAST(replace(x.amount, '.', '') AS INTEGER)), 0)
     FROM event_expenses x WHERE x.event_id = e.id AND x.status IN ('approved', 'paid')) AS expenses_cents,
    (SELECT coalesce(sum(CAST(replace(x.amount, '.', '') AS INTEGER)), 0)
     FROM event_expenses x WHERE x.event_id = e.id AND x.status IN ('approved', 'paid')
       AND x.expense_category = 'marketing') AS marketing_expenses_cents,
    (SELECT coalesce(sum(CAST(replace(c.budget, '.', '') AS INTEGER)), 0)
     FROM campaigns c WHERE c.event_id = e.id AND c.status <> 'cancelled') AS campaign_budget_cents,
    (SELECT coalesce(sum(m.fee_cents), 0) FROM production_run_models m
     WHERE m.event_id = e.id AND m.status NOT IN ('cancelled', 'no_show'))
    + (SELECT coalesce(sum(i.fee_cents), 0) FROM event_influencers i
       WHERE i.event_id = e.id AND i.status NOT IN ('declined', 'cancelled'))
    + (SELECT coalesce(sum(p.fee_cents), 0) FROM media_partners p
       WHERE p.event_id = e.id AND p.status <> 'cancelled') AS committed_fees_cents,
    (SELECT count(*) FROM tickets t WHERE t.event_id = e.id AND t.status IN ('active', 'used')) AS tickets_sold,
    (SELECT count(*) FROM tickets t WHERE t.event_id = e.id AND t.checked_in_at IS NOT NULL) AS checked_in
  FROM events e
);
