-- Row-level security for EventOS: who may read and write which rows.
--
-- Who is who (seed 000's account roles, seed 002's event teams, seed 003's customers):
--
--   role (account_users, status 'active')   event side              CRM                   the account
--   ---------------------------------------  ----------------------  --------------------  ----------------------
--   owner                                    read, write, delete     everything            update, delete; all members
--   admin                                    read, write, delete     everything            update; members but owners
--   manager                                  read, write, delete     as a sales rep        read; read members
--   member                                   read, insert, update    as a sales rep        read; read members
--   viewer                                   read                    nothing               read; read members
--   door staff (event_teams 'registration'   their event's row, attendees, tickets and check-ins (read), and
--     or 'volunteer', active; no account)    new check-ins for that event; nothing else
--   customer (any signed-in user)            published public events and their venues; their own orders
--                                            (insert for a published public event, read, update) and the
--                                            attendees and tickets of those orders (insert, read)
--   anon                                     published public events and the venues they use (read)
--
-- event_stats has a row for each event the reader sees (above), with the event's full ticket
-- figures whoever reads it (private.event_ticket_counts: counts, never ticket rows).
--
-- "event side" = venues, events, orders, attendees, tickets, speakers, sessions, sponsors,
-- event_feedback, networking_connections, event_checkins, event_materials, event_announcements,
-- event_analytics, event_waitlists, event_expenses, campaigns; event_teams too, except that only
-- owners, admins and managers write it (a team row lets someone outside the account in).
-- A sales rep (seed 004, inside their own account; 004's "admin" = owner or admin): organizers
-- assigned to them, the contacts of those organizers, opportunities assigned to them, their own
-- activities and those on their organizers, notes and documents they wrote or that hang on
-- something they see, email templates (read; write their own), pipeline stages (read).
-- Notifications: everyone reads, marks and deletes their own; editors address them to people of
-- their account. Profiles: your own, and those of people who share an account with you.
--
-- Every account-side check is `account_id = ANY ((SELECT private.account_ids_with_role(...))::uuid[])`:
-- the helper runs once per statement (an InitPlan), and the comparison uses the account_id
-- indexes. Helpers are SECURITY DEFINER so that they read account_users and event_teams without
-- going through (and recursing into) those tables' own policies.

-- ---------------------------------------------------------------------------------------------
-- Privileges. Supabase grants ALL (including TRUNCATE, which ignores row-level security) on every
-- table in public to anon and authenticated; start from nothing and grant what the policies need.
-- ---------------------------------------------------------------------------------------------

REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC, anon, authenticated;
REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM PUBLIC, anon, authenticated;

GRANT SELECT ON public.events, public.venues, public.event_stats TO anon;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO authenticated;
GRANT ALL ON ALL TABLES IN SCHEMA public TO service_role;
GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO service_role;

-- Functions are executable by PUBLIC unless revoked. Trigger functions need no EXECUTE right to
-- fire, and nothing in private is meant to be called by the API roles except the helpers below
-- and event_stats' ticket counts.
REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA private FROM PUBLIC, anon, authenticated;
-- Policies call the helpers as the requesting user.
GRANT USAGE ON SCHEMA private TO authenticated;

-- ---------------------------------------------------------------------------------------------
-- Helpers (schema private: not exposed by PostgREST)
-- ---------------------------------------------------------------------------------------------

-- The helpers are plpgsql, not SQL: plpgsql keeps each query's plan for the session, a SQL
-- function that cannot be inlined is planned again at every call (a policy may call one per row).
--
-- account_role and has_role answer for one account (for SQL functions and checks on a single
-- row); policies use account_ids_with_role, which is computed once per statement instead of
-- once per row.

-- The caller's role in an account (active memberships only), or NULL.
CREATE OR REPLACE FUNCTION private.account_role(p_account_id uuid) RETURNS text
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = '' AS $$
BEGIN
  RETURN (SELECT au.role FROM public.account_users au
    WHERE au.account_id = p_account_id AND au.user_id = (SELECT auth.uid()) AND au.status = 'active');
END $$;

-- Whether the caller holds one of these roles in the account.
CREATE OR REPLACE FUNCTION private.has_role(p_account_id uuid, VARIADIC p_roles text[]) RETURNS boolean
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = '' AS $$
BEGIN
  RETURN (SELECT EXISTS (
      SELECT 1 FROM public.account_users au
      WHERE au.account_id = p_account_id AND au.user_id = (SELECT auth.uid())
        AND au.status = 'active' AND au.role = ANY (p_roles)));
END $$;

-- The accounts in which the caller holds one of these roles. Policies compare a row's account_id
-- with this array, computed once per statement.
CREATE OR REPLACE FUNCTION private.account_ids_with_role(VARIADIC p_roles text[]) RETURNS uuid[]
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = '' AS $$
BEGIN
  RETURN (SELECT coalesce(array_agg(au.account_id), '{}') FROM public.account_users au
    WHERE au.user_id = (SELECT auth.uid()) AND au.status = 'active' AND au.role = ANY (p_roles));
END $$;

-- The events the caller works the door of: an active 'registration' or 'volunteer' team row, on
-- an event of the same account as the team row.
CREATE OR REPLACE FUNCTION private.door_event_ids() RETURNS uuid[]
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = '' AS $$
BEGIN
  RETURN (SELECT coalesce(array_agg(t.event_id), '{}')
    FROM public.event_teams t JOIN public.events e ON e.id = t.event_id AND e.account_id = t.account_id
    WHERE t.member_id = (SELECT auth.uid()) AND t.role IN ('registration', 'volunteer') AND t.status = 'active');
END $$;

CREATE OR REPLACE FUNCTION private.is_door_staff(p_event_id uuid) RETURNS boolean
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = '' AS $$
BEGIN
  RETURN (SELECT p_event_id = ANY (private.door_event_ids()));
END $$;

-- The orders the caller placed as a customer.
CREATE OR REPLACE FUNCTION private.own_order_ids() RETURNS uuid[]
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = '' AS $$
BEGIN
  RETURN (SELECT coalesce(array_agg(o.id), '{}') FROM public.orders o WHERE o.customer_id = (SELECT auth.uid()));
END $$;

-- Everyone listed in an account the caller is an active member of (the caller included).
CREATE OR REPLACE FUNCTION private.colleague_ids() RETURNS uuid[]
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = '' AS $$
BEGIN
  RETURN (SELECT coalesce(array_agg(DISTINCT other.user_id), '{}')
    FROM public.account_users mine JOIN public.account_users other ON other.account_id = mine.account_id
    WHERE mine.user_id = (SELECT auth.uid()) AND mine.status = 'active');
END $$;

-- Whether an event takes orders from the public: published, public, and in the given account.
CREATE OR REPLACE FUNCTION private.is_on_sale(p_event_id uuid, p_account_id uuid) RETURNS boolean
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = '' AS $$
BEGIN
  RETURN (SELECT EXISTS (
      SELECT 1 FROM public.events e
      WHERE e.id = p_event_id AND e.account_id = p_account_id
        AND e.status = 'published' AND e.visibility = 'public'));
END $$;

-- The helpers too were created executable by PUBLIC: only signed-in users call them.
REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA private FROM PUBLIC, anon;
GRANT EXECUTE ON FUNCTION
  private.account_role(uuid), private.has_role(uuid, text[]), private.account_ids_with_role(text[]),
  private.door_event_ids(), private.is_door_staff(uuid), private.own_order_ids(),
  private.colleague_ids(), private.is_on_sale(uuid, uuid)
TO authenticated;
-- event_stats (security_invoker) calls this as its reader, so every role that reads the view
-- runs it: anon (the web shop's seats left), authenticated, and service_role (which read the
-- view before it took its counts from here). Nothing else in private is anon's. The view refers
-- to the function by oid, so anon needs no USAGE on schema private and gets none: it cannot
-- name, let alone call, anything there itself.
GRANT EXECUTE ON FUNCTION private.event_ticket_counts(uuid) TO anon, authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- Row-level security on every table in public (a test checks that none is missed).
-- ---------------------------------------------------------------------------------------------

DO $$
DECLARE
  t text;
BEGIN
  FOR t IN SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') LOOP
    EXECUTE format('ALTER TABLE public.%I ENABLE ROW LEVEL SECURITY', t);
  END LOOP;
END $$;

-- ---------------------------------------------------------------------------------------------
-- The account and its people
-- ---------------------------------------------------------------------------------------------

-- Accounts are created by the sign-up flow (service_role), never through the API.
CREATE POLICY "members read their account" ON public.accounts
  FOR SELECT TO authenticated
  USING (id = ANY ((SELECT private.account_ids_with_role('owner', 'admin', 'manager', 'member', 'viewer'))::uuid[]));
CREATE POLICY "owners and admins update their account" ON public.accounts
  FOR UPDATE TO authenticated
  USING (id = ANY ((SELECT private.account_ids_with_role('owner', 'admin'))::uuid[]))
  WITH CHECK (id = ANY ((SELECT private.account_ids_with_role('owner', 'admin'))::uuid[]));
CREATE POLICY "owners delete their account" ON public.accounts
  FOR DELETE TO authenticated
  USING (id = ANY ((SELECT private.account_ids_with_role('owner'))::uuid[]));

CREATE POLICY "members read the account's people; people their memberships" ON public.account_users
  FOR SELECT TO authenticated
  USING (account_id = ANY ((SELECT private.account_ids_with_role('owner', 'admin', 'manager', 'member', 'viewer'))::uuid[])
         OR user_id = (SELECT auth.uid()));
-- Owners manage every membership; admins every one but owners' (they can neither touch an owner
-- nor make anyone one).
CREATE POLICY "owners and admins add people" ON public.account_users
  FOR INSERT TO authenticated
  WITH CHECK (account_id = ANY ((SELECT private.account_ids_with_role('owner'))::uuid[])
              OR (account_id = ANY ((SELECT private.account_ids_with_role('admin'))::uuid[]) AND role <> 'owner'));
CREATE POLICY "owners and admins change memberships" ON public.account_users
  FOR UPDATE TO authenticated
  USING (account_id = ANY ((SELECT private.account_ids_with_role('owner'))::uuid[])
         OR (account_id = ANY ((SELECT private.account_ids_with_role('admin'))::uuid[]) AND role <> 'owner'))
  WITH CHECK (account_id = ANY ((SELECT private.account_ids_with_role('owner'))::uuid[])
              OR (account_id = ANY ((SELECT private.account_ids_with_role('admin'))::uuid[]) AND role <> 'owner'));
CREATE POLICY "owners and admins remove people" ON public.account_users
  FOR DELETE TO authenticated
  USING (account_id = ANY ((SELECT private.account_ids_with_role('owner'))::uuid[])
         OR (account_id = ANY ((SELECT private.account_ids_with_role('admin'))::uuid[]) AND role <> 'owner'));

-- Profiles (no account_id: a person can be in several accounts). Created by the auth sign-up
-- trigger or by their person; never deleted through the API (auth.users cascades).
CREATE POLICY "people read their own and their colleagues' profiles" ON public.profiles
  FOR SELECT TO authenticated
  USING (id = (SELECT auth.uid()) OR id = ANY ((SELECT private.colleague_ids())::uuid[]));
-- A replica of an account holds every row its people can read, and those rows name people who
-- are not members: web-shop customers (orders), event team members and speakers. Members see
-- those profiles too, or the replica could not keep its references.
CREATE POLICY "members read the people their account's rows name" ON public.profiles
  FOR SELECT TO authenticated
  USING (id IN (SELECT o.customer_id FROM public.orders o
                WHERE o.account_id = ANY ((SELECT private.account_ids_with_role('owner', 'admin', 'manager', 'member', 'viewer'))::uuid[]))
         OR id IN (SELECT t.member_id FROM public.event_teams t
                   WHERE t.account_id = ANY ((SELECT private.account_ids_with_role('owner', 'admin', 'manager', 'member', 'viewer'))::uuid[]))
         OR id IN (SELECT s.profile_id FROM public.speakers s
                   WHERE s.account_id = ANY ((SELECT private.account_ids_with_role('owner', 'admin', 'manager', 'member', 'viewer'))::uuid[])));
CREATE POLICY "people create their own profile" ON public.profiles
  FOR INSERT TO authenticated
  WITH CHECK (id = (SELECT auth.uid()));
CREATE POLICY "people update their own profile" ON public.profiles
  FOR UPDATE TO authenticated
  USING (id = (SELECT auth.uid()))
  WITH CHECK (id = (SELECT auth.uid()));

-- ---------------------------------------------------------------------------------------------
-- The event side: readers read, editors insert and update, managers delete
-- ---------------------------------------------------------------------------------------------

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY[
    'venues', 'events', 'orders', 'attendees', 'tickets', 'speakers', 'sessions', 'sponsors',
    'event_feedback', 'networking_connections', 'event_checkins', 'event_materials',
    'event_announcements', 'event_analytics', 'event_waitlists', 'event_expenses', 'campaigns'
  ] LOOP
    EXECUTE format($p$
      CREATE POLICY "account members read" ON public.%1$I
        FOR SELECT TO authenticated
        USING (account_id = ANY ((SELECT private.account_ids_with_role('owner', 'admin', 'manager', 'member', 'viewer'))::uuid[]))
    $p$, t);
    EXECUTE format($p$
      CREATE POLICY "owners, admins, managers and members add" ON public.%1$I
        FOR INSERT TO authenticated
        WITH CHECK (account_id = ANY ((SELECT private.account_ids_with_role('owner', 'admin', 'manager', 'member'))::uuid[]))
    $p$, t);
    EXECUTE format($p$
      CREATE POLICY "owners, admins, managers and members change" ON public.%1$I
        FOR UPDATE TO authenticated
        USING (account_id = ANY ((SELECT private.account_ids_with_role('owner', 'admin', 'manager', 'member'))::uuid[]))
        WITH CHECK (account_id = ANY ((SELECT private.account_ids_with_role('owner', 'admin', 'manager', 'member'))::uuid[]))
    $p$, t);
    EXECUTE format($p$
      CREATE POLICY "owners, admins and managers delete" ON public.%1$I
        FOR DELETE TO authenticated
        USING (account_id = ANY ((SELECT private.account_ids_with_role('owner', 'admin', 'manager'))::uuid[]))
    $p$, t);
  END LOOP;
END $$;

-- A team row can let someone from outside the account in (door staff): managing the team is for
-- owners, admins and managers.
CREATE POLICY "account members read" ON public.event_teams
  FOR SELECT TO authenticated
  USING (account_id = ANY ((SELECT private.account_ids_with_role('owner', 'admin', 'manager', 'member', 'viewer'))::uuid[]));
CREATE POLICY "owners, admins and managers add" ON public.event_teams
  FOR INSERT TO authenticated
  WITH CHECK (account_id = ANY ((SELECT private.account_ids_with_role('owner', 'admin', 'manager'))::uuid[]));
CREATE POLICY "owners, admins and managers change" ON public.event_teams
  FOR UPDATE TO authenticated
  USING (account_id = ANY ((SELECT private.account_ids_with_role('owner', 'admin', 'manager'))::uuid[]))
  WITH CHECK (account_id = ANY ((SELECT private.account_ids_with_role('owner', 'admin', 'manager'))::uuid[]));
CREATE POLICY "owners, admins and managers delete" ON public.event_teams
  FOR DELETE TO authenticated
  USING (account_id = ANY ((SELECT private.account_ids_with_role('owner', 'admin', 'manager'))::uuid[]));

-- ---------------------------------------------------------------------------------------------
-- The public web shop (seed 003): anyone sees published public events and their venues;
-- a signed-in customer orders for themselves.
-- ---------------------------------------------------------------------------------------------

CREATE POLICY "anyone reads published public events" ON public.events
  FOR SELECT TO anon, authenticated
  USING (status = 'published' AND visibility = 'public');
CREATE POLICY "anyone reads the venues of published public events" ON public.venues
  FOR SELECT TO anon, authenticated
  USING (EXISTS (SELECT 1 FROM public.events e
                 WHERE e.venue_id = venues.id AND e.account_id = venues.account_id
                   AND e.status = 'published' AND e.visibility = 'public'));

-- The order's account must be its event's (the schema derives it; checked again here).
CREATE POLICY "customers place orders for published events" ON public.orders
  FOR INSERT TO authenticated
  WITH CHECK (customer_id = (SELECT auth.uid()) AND private.is_on_sale(event_id, account_id));
CREATE POLICY "customers read their orders" ON public.orders
  FOR SELECT TO authenticated
  USING (customer_id = (SELECT auth.uid()));
-- Seed 003's checkout marks its own order paid after Stripe confirms (client side), so a
-- customer may update their order while its event is on sale.
CREATE POLICY "customers update their orders" ON public.orders
  FOR UPDATE TO authenticated
  USING (customer_id = (SELECT auth.uid()))
  WITH CHECK (customer_id = (SELECT auth.uid()) AND private.is_on_sale(event_id, account_id));

CREATE POLICY "customers add attendees to their orders" ON public.attendees
  FOR INSERT TO authenticated
  WITH CHECK (EXISTS (SELECT 1 FROM public.orders o
                      WHERE o.id = attendees.order_id AND o.customer_id = (SELECT auth.uid())
                        AND o.event_id = attendees.event_id AND o.account_id = attendees.account_id));
CREATE POLICY "customers read the attendees of their orders" ON public.attendees
  FOR SELECT TO authenticated
  USING (order_id = ANY ((SELECT private.own_order_ids())::uuid[]));

CREATE POLICY "customers add tickets to their orders" ON public.tickets
  FOR INSERT TO authenticated
  WITH CHECK (status = 'active' AND checked_in_at IS NULL
              AND EXISTS (SELECT 1 FROM public.orders o
                          WHERE o.id = tickets.order_id AND o.customer_id = (SELECT auth.uid())
                            AND o.event_id = tickets.event_id AND o.account_id = tickets.account_id)
              AND (attendee_id IS NULL
                   OR EXISTS (SELECT 1 FROM public.attendees a
                              WHERE a.id = tickets.attendee_id AND a.order_id = tickets.order_id)));
CREATE POLICY "customers read the tickets of their orders" ON public.tickets
  FOR SELECT TO authenticated
  USING (order_id = ANY ((SELECT private.own_order_ids())::uuid[]));

-- ---------------------------------------------------------------------------------------------
-- Door staff: their event, its attendees, tickets and check-ins; check-ins are only inserted.
-- ---------------------------------------------------------------------------------------------

CREATE POLICY "door staff read their event" ON public.events
  FOR SELECT TO authenticated
  USING (id = ANY ((SELECT private.door_event_ids())::uuid[]));
CREATE POLICY "door staff read their event's attendees" ON public.attendees
  FOR SELECT TO authenticated
  USING (event_id = ANY ((SELECT private.door_event_ids())::uuid[]));
CREATE POLICY "door staff read their event's tickets" ON public.tickets
  FOR SELECT TO authenticated
  USING (event_id = ANY ((SELECT private.door_event_ids())::uuid[]));
CREATE POLICY "door staff read their event's check-ins" ON public.event_checkins
  FOR SELECT TO authenticated
  USING (event_id = ANY ((SELECT private.door_event_ids())::uuid[]));
CREATE POLICY "door staff check people in at their event" ON public.event_checkins
  FOR INSERT TO authenticated
  WITH CHECK (private.is_door_staff(event_id)
              AND EXISTS (SELECT 1 FROM public.events e
                          WHERE e.id = event_checkins.event_id AND e.account_id = event_checkins.account_id)
              AND (attendee_id IS NULL
                   OR EXISTS (SELECT 1 FROM public.attendees a
                              WHERE a.id = event_checkins.attendee_id AND a.event_id = event_checkins.event_id)));

-- ---------------------------------------------------------------------------------------------
-- Notifications: your own
-- ---------------------------------------------------------------------------------------------

CREATE POLICY "people read their notifications" ON public.notifications
  FOR SELECT TO authenticated
  USING (user_id = (SELECT auth.uid()));
CREATE POLICY "people mark their notifications" ON public.notifications
  FOR UPDATE TO authenticated
  USING (user_id = (SELECT auth.uid()))
  WITH CHECK (user_id = (SELECT auth.uid()));
CREATE POLICY "people delete their notifications" ON public.notifications
  FOR DELETE TO authenticated
  USING (user_id = (SELECT auth.uid()));
CREATE POLICY "editors notify people of their account" ON public.notifications
  FOR INSERT TO authenticated
  WITH CHECK (account_id = ANY ((SELECT private.account_ids_with_role('owner', 'admin', 'manager', 'member'))::uuid[])
              AND EXISTS (SELECT 1 FROM public.account_users au
                          WHERE au.account_id = notifications.account_id AND au.user_id = notifications.user_id));

-- ---------------------------------------------------------------------------------------------
-- CRM (seed 004). CRM admins = owners and admins: everything in their account. Sales reps =
-- managers and members: what is assigned to them. Viewers: nothing.
-- ---------------------------------------------------------------------------------------------

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY[
    'crm_organizers', 'crm_contacts', 'crm_pipeline_stages', 'crm_opportunities', 'crm_activities',
    'crm_notes', 'crm_documents', 'crm_email_templates'
  ] LOOP
    EXECUTE format($p$
      CREATE POLICY "owners and admins manage all" ON public.%1$I
        FOR ALL TO authenticated
        USING (account_id = ANY ((SELECT private.account_ids_with_role('owner', 'admin'))::uuid[]))
        WITH CHECK (account_id = ANY ((SELECT private.account_ids_with_role('owner', 'admin'))::uuid[]))
    $p$, t);
  END LOOP;
END $$;

-- Organizers: the ones assigned to the rep. Reps do not delete organizers.
CREATE POLICY "sales reps read their organizers" ON public.crm_organizers
  FOR SELECT TO authenticated
  USING (account_id = ANY ((SELECT private.account_ids_with_role('manager', 'member'))::uuid[])
         AND assigned_to = (SELECT auth.uid()));
CREATE POLICY "sales reps create organizers for themselves" ON public.crm_organizers
  FOR INSERT TO authenticated
  WITH CHECK (account_id = ANY ((SELECT private.account_ids_with_role('manager', 'member'))::uuid[])
              AND assigned_to = (SELECT auth.uid()));
CREATE POLICY "sales reps update their organizers" ON public.crm_organizers
  FOR UPDATE TO authenticated
  USING (account_id = ANY ((SELECT private.account_ids_with_role('manager', 'member'))::uuid[])
         AND assigned_to = (SELECT auth.uid()))
  WITH CHECK (account_id = ANY ((SELECT private.account_ids_with_role('manager', 'member'))::uuid[])
              AND assigned_to = (SELECT auth.uid()));

-- Contacts: all of them on the rep's organizers (read and write, as 004's "FOR ALL").
CREATE POLICY "sales reps manage the contacts of their organizers" ON public.crm_contacts
  FOR ALL TO authenticated
  USING (account_id = ANY ((SELECT private.account_ids_with_role('manager', 'member'))::uuid[])
         AND (organizer_id, account_id) IN (SELECT o.id, o.account_id FROM public.crm_organizers o
                                            WHERE o.assigned_to = (SELECT auth.uid())))
  WITH CHECK (account_id = ANY ((SELECT private.account_ids_with_role('manager', 'member'))::uuid[])
              AND (organizer_id, account_id) IN (SELECT o.id, o.account_id FROM public.crm_organizers o
                                                 WHERE o.assigned_to = (SELECT auth.uid())));

-- Pipeline stages: read by every CRM user of the account; managed by owners and admins (above).
CREATE POLICY "sales reps read the pipeline stages" ON public.crm_pipeline_stages
  FOR SELECT TO authenticated
  USING (account_id = ANY ((SELECT private.account_ids_with_role('manager', 'member'))::uuid[]));

-- Opportunities: the ones assigned to the rep (004's "FOR ALL").
CREATE POLICY "sales reps manage their opportunities" ON public.crm_opportunities
  FOR ALL TO authenticated
  USING (account_id = ANY ((SELECT private.account_ids_with_role('manager', 'member'))::uuid[])
         AND assigned_to = (SELECT auth.uid()))
  WITH CHECK (account_id = ANY ((SELECT private.account_ids_with_role('manager', 'member'))::uuid[])
              AND assigned_to = (SELECT auth.uid()));

-- Activities: the rep's own, and everyone's on the rep's organizers; reps log and edit their
-- own; deleting is for owners and admins (004 has no delete policy).
CREATE POLICY "sales reps read their activities and their organizers'" ON public.crm_activities
  FOR SELECT TO authenticated
  USING (account_id = ANY ((SELECT private.account_ids_with_role('manager', 'member'))::uuid[])
         AND (user_id = (SELECT auth.uid())
              OR (organizer_id, account_id) IN (SELECT o.id, o.account_id FROM public.crm_organizers o
                                                WHERE o.assigned_to = (SELECT auth.uid()))));
CREATE POLICY "sales reps log their own activities" ON public.crm_activities
  FOR INSERT TO authenticated
  WITH CHECK (account_id = ANY ((SELECT private.account_ids_with_role('manager', 'member'))::uuid[])
              AND user_id = (SELECT auth.uid()));
CREATE POLICY "sales reps update their own activities" ON public.crm_activities
  FOR UPDATE TO authenticated
  USING (account_id = ANY ((SELECT private.account_ids_with_role('manager', 'member'))::uuid[])
         AND user_id = (SELECT auth.uid()))
  WITH CHECK (account_id = ANY ((SELECT private.account_ids_with_role('manager', 'member'))::uuid[])
              AND user_id = (SELECT auth.uid()));

-- Notes hang on an organizer, a contact and/or an opportunity; documents on an organizer and/or
-- an opportunity. A rep sees the ones they wrote and the ones on something they see (the
-- subqueries go through those tables' policies); writes only their own, only on things they see.
CREATE POLICY "sales reps read notes they wrote or see the subject of" ON public.crm_notes
  FOR SELECT TO authenticated
  USING (account_id = ANY ((SELECT private.account_ids_with_role('manager', 'member'))::uuid[])
         AND (created_by = (SELECT auth.uid())
              OR organizer_id IN (SELECT o.id FROM public.crm_organizers o)
              OR contact_id IN (SELECT c.id FROM public.crm_contacts c)
              OR opportunity_id IN (SELECT p.id FROM public.crm_opportunities p)));
CREATE POLICY "sales reps write their own notes" ON public.crm_notes
  FOR INSERT TO authenticated
  WITH CHECK (account_id = ANY ((SELECT private.account_ids_with_role('manager', 'member'))::uuid[])
              AND created_by = (SELECT auth.uid())
              AND (organizer_id IS NULL OR organizer_id IN (SELECT o.id FROM public.crm_organizers o))
              AND (contact_id IS NULL OR contact_id IN (SELECT c.id FROM public.crm_contacts c))
              AND (opportunity_id IS NULL OR opportunity_id IN (SELECT p.id FROM public.crm_opportunities p)));
CREATE POLICY "sales reps edit their own notes" ON public.crm_notes
  FOR UPDATE TO authenticated
  USING (account_id = ANY ((SELECT private.account_ids_with_role('manager', 'member'))::uuid[])
         AND created_by = (SELECT auth.uid()))
  WITH CHECK (account_id = ANY ((SELECT private.account_ids_with_role('manager', 'member'))::uuid[])
              AND created_by = (SELECT auth.uid())
              AND (organizer_id IS NULL OR organizer_id IN (SELECT o.id FROM public.crm_organizers o))
              AND (contact_id IS NULL OR contact_id IN (SELECT c.id FROM public.crm_contacts c))
              AND (opportunity_id IS NULL OR opportunity_id IN (SELECT p.id FROM public.crm_opportunities p)));
CREATE POLICY "sales reps delete their own notes" ON public.crm_notes
  FOR DELETE TO authenticated
  USING (account_id = ANY ((SELECT private.account_ids_with_role('manager', 'member'))::uuid[])
         AND created_by = (SELECT auth.uid()));

CREATE POLICY "sales reps read documents they uploaded or see the subject of" ON public.crm_documents
  FOR SELECT TO authenticated
  USING (account_id = ANY ((SELECT private.account_ids_with_role('manager', 'member'))::uuid[])
         AND (uploaded_by = (SELECT auth.uid())
              OR organizer_id IN (SELECT o.id FROM public.crm_organizers o)
              OR opportunity_id IN (SELECT p.id FROM public.crm_opportunities p)));
CREATE POLICY "sales reps upload their own documents" ON public.crm_documents
  FOR INSERT TO authenticated
  WITH CHECK (account_id = ANY ((SELECT private.account_ids_with_role('manager', 'member'))::uuid[])
              AND uploaded_by = (SELECT auth.uid())
              AND (organizer_id IS NULL OR organizer_id IN (SELECT o.id FROM public.crm_organizers o))
              AND (opportunity_id IS NULL OR opportunity_id IN (SELECT p.id FROM public.crm_opportunities p)));
CREATE POLICY "sales reps edit their own documents" ON public.crm_documents
  FOR UPDATE TO authenticated
  USING (account_id = ANY ((SELECT private.account_ids_with_role('manager', 'member'))::uuid[])
         AND uploaded_by = (SELECT auth.uid()))
  WITH CHECK (account_id = ANY ((SELECT private.account_ids_with_role('manager', 'member'))::uuid[])
              AND uploaded_by = (SELECT auth.uid())
              AND (organizer_id IS NULL OR organizer_id IN (SELECT o.id FROM public.crm_organizers o))
              AND (opportunity_id IS NULL OR opportunity_id IN (SELECT p.id FROM public.crm_opportunities p)));
CREATE POLICY "sales reps delete their own documents" ON public.crm_documents
  FOR DELETE TO authenticated
  USING (account_id = ANY ((SELECT private.account_ids_with_role('manager', 'member'))::uuid[])
         AND uploaded_by = (SELECT auth.uid()));

-- Email templates: shared within the account's CRM users; a rep edits the ones they made.
CREATE POLICY "sales reps read the email templates" ON public.crm_email_templates
  FOR SELECT TO authenticated
  USING (account_id = ANY ((SELECT private.account_ids_with_role('manager', 'member'))::uuid[]));
CREATE POLICY "sales reps create their own email templates" ON public.crm_email_templates
  FOR INSERT TO authenticated
  WITH CHECK (account_id = ANY ((SELECT private.account_ids_with_role('manager', 'member'))::uuid[])
              AND created_by = (SELECT auth.uid()));
CREATE POLICY "sales reps edit their own email templates" ON public.crm_email_templates
  FOR UPDATE TO authenticated
  USING (account_id = ANY ((SELECT private.account_ids_with_role('manager', 'member'))::uuid[])
         AND created_by = (SELECT auth.uid()))
  WITH CHECK (account_id = ANY ((SELECT private.account_ids_with_role('manager', 'member'))::uuid[])
              AND created_by = (SELECT auth.uid()));
CREATE POLICY "sales reps delete their own email templates" ON public.crm_email_templates
  FOR DELETE TO authenticated
  USING (account_id = ANY ((SELECT private.account_ids_with_role('manager', 'member'))::uuid[])
         AND created_by = (SELECT auth.uid()));
