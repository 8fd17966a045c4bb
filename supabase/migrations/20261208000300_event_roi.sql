-- An event's return on investment (issue 17, seed 001's event_roi; docs/SCHEMA.md §N9): the
-- replica's V14 view, figure for figure (the columns are explained there). security_invoker: a
-- reader gets a row for each event they see, with the figures of the rows they may read.
CREATE VIEW public.event_roi WITH (security_invoker = true) AS
SELECT
  event_id, account_id, event_name, ticket_revenue_cents, sponsorship_cents, expenses_cents,
  marketing_expenses_cents, campaign_budget_cents, committed_fees_cents,
  ticket_revenue_cents + sponsorship_cents - expenses_cents AS result_cents,
  CASE WHEN expenses_cents = 0 THEN NULL
       ELSE round((ticket_revenue_cents + sponsorship_cents - expenses_cents) * 10000::numeric / expenses_cents)::bigint
  END AS roi_basis_points,
  tickets_sold, checked_in,
  CASE WHEN checked_in = 0 THEN NULL ELSE round(expenses_cents::numeric / checked_in)::bigint END AS cost_per_attendee_cents
FROM (
  SELECT
    e.id AS event_id,
    e.account_id,
    e.name AS event_name,
    (SELECT coalesce(sum(o.total_cents - o.unit_price_cents *
              (SELECT count(*) FROM public.tickets r WHERE r.order_id = o.id AND r.status = 'refunded')), 0)
     FROM public.orders o WHERE o.event_id = e.id AND o.payment_status = 'paid')::bigint AS ticket_revenue_cents,
    (SELECT coalesce(sum(s.sponsorship_amount), 0) * 100
     FROM public.sponsors s WHERE s.event_id = e.id AND s.status = 'confirmed')::bigint AS sponsorship_cents,
    (SELECT coalesce(sum(x.amount), 0) * 100
     FROM public.event_expenses x WHERE x.event_id = e.id AND x.status IN ('approved', 'paid'))::bigint AS expenses_cents,
    (SELECT coalesce(sum(x.amount), 0) * 100
     FROM public.event_expenses x WHERE x.event_id = e.id AND x.status IN ('approved', 'paid')
       AND x.expense_category = 'marketing')::bigint AS marketing_expenses_cents,
    (SELECT coalesce(sum(c.budget), 0) * 100
     FROM public.campaigns c WHERE c.event_id = e.id AND c.status <> 'cancelled')::bigint AS campaign_budget_cents,
    ((SELECT coalesce(sum(m.fee_cents), 0) FROM public.production_run_models m
      WHERE m.event_id = e.id AND m.status NOT IN ('cancelled', 'no_show'))
     + (SELECT coalesce(sum(i.fee_cents), 0) FROM public.event_influencers i
        WHERE i.event_id = e.id AND i.status NOT IN ('declined', 'cancelled'))
     + (SELECT coalesce(sum(p.fee_cents), 0) FROM public.media_partners p
        WHERE p.event_id = e.id AND p.status <> 'cancelled'))::bigint AS committed_fees_cents,
    (SELECT count(*) FROM public.tickets t WHERE t.event_id = e.id AND t.status IN ('active', 'used')) AS tickets_sold,
    (SELECT count(*) FROM public.tickets t WHERE t.event_id = e.id AND t.checked_in_at IS NOT NULL) AS checked_in
  FROM public.events e
) f;

REVOKE ALL ON public.event_roi FROM PUBLIC, anon, authenticated;
GRANT SELECT ON public.event_roi TO authenticated;
GRANT ALL ON public.event_roi TO service_role;
