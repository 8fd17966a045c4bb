-- EventOS demo data for a Supabase project (or scripts/local-supabase.sh): small, fixed ids, and
-- dates relative to now() so that the live event is always running.
--
-- Every user's password is `eventos-demo`. The users are made as Supabase Auth (GoTrue) would
-- make them, so that they can sign in on a real project as on the test stand-in
-- (supabase/test/supabase-base.sql has GoTrue's columns): GoTrue's token and change columns set
-- to '' (a NULL there fails the user's sign-in with "Database error querying schema",
-- supabase/auth#1940), and an 'email' identity each, which email and password sign-in needs.
--
--   user                          id                                    who
--   owner@demo.eventos.test       10000001-0000-4000-8000-000000000001  Olivia Owens, EventOS Demo owner
--   organizer@demo.eventos.test   10000002-0000-4000-8000-000000000002  Sarah Johnson, admin
--   sales@demo.eventos.test       10000003-0000-4000-8000-000000000003  Marcus Reid, manager (sales rep)
--   viewer@demo.eventos.test      10000004-0000-4000-8000-000000000004  Victor Viewer, viewer
--   door@demo.eventos.test        10000005-0000-4000-8000-000000000005  Dev Door: no account role, only
--                                                                       'registration' on the live event
--   customer@demo.eventos.test    10000006-0000-4000-8000-000000000006  Casey Customer: bought one ticket
--                                                                       for the upcoming event on the web
--   outsider@other.eventos.test   10000007-0000-4000-8000-000000000007  Oscar Outsider, Other Co owner
--
--   accounts  aa000001-0000-4000-8000-000000000001  EventOS Demo (slug eventos-demo-aa000001)
--             aa000002-0000-4000-8000-000000000002  Other Co (slug other-co-aa000002)
--   events    e0000001-…-000000000001  live now: published, public (door check-ins happen here)
--             e0000002-…-000000000002  upcoming in 14 days: published, public (Casey's ticket)
--             e0000003-…-000000000003  draft in 45 days
--             e0000004-…-000000000004  private, published, in 7 days
--             e0000005-…-000000000005  past (30 days ago), completed
--             e0000006-…-000000000006  Other Co's event, published, public, in 10 days
--
-- Other ids carry their table in the first digits, and the first 8 hex digits differ per row
-- (order and ticket numbers are made from them): venues 2000000n, orders 300000nn, attendees
-- 400000nn, tickets 500000nn, check-ins 600000nn, sessions 7000000n, speakers 7100000n,
-- sponsors 7200000n, expenses 7300000n, announcements 7400000n, event teams 7500000n,
-- account_users 7600000n, feedback 7700000n, campaigns 7800000n, notifications 7900000n, CRM
-- companies c100000n, contacts c200000n, opportunities c300000n, activities c400000n, notes
-- c500000n, documents c600000n, email templates c700000n. Pipeline stages have the ids the
-- desktop derives from the account id (uuid v5 of 'crm_pipeline_stages:{name}').
--
-- Ticket QR codes are base64(sha256('eventos-demo ticket {ticket id}')): fixed, and 44
-- characters like real ones. Slugs, order and ticket numbers are made by the schema's triggers.
-- Rows with no parent in the account (venues, events, CRM companies, ...) name their account;
-- child rows leave account_id out and take their parent's, as the web app's inserts do.
-- Tickets are inserted active; the check-ins below make them 'used' (the schema derives it).

BEGIN;

-- People: Supabase Auth users and their profiles.
WITH people (id, email, full_name, phone, company) AS (
  VALUES
    ('10000001-0000-4000-8000-000000000001'::uuid, 'owner@demo.eventos.test', 'Olivia Owens', '+1-416-555-0100', 'EventOS Demo'),
    ('10000002-0000-4000-8000-000000000002'::uuid, 'organizer@demo.eventos.test', 'Sarah Johnson', '+1-416-555-0101', 'EventOS Demo'),
    ('10000003-0000-4000-8000-000000000003'::uuid, 'sales@demo.eventos.test', 'Marcus Reid', '+1-416-555-0102', 'EventOS Demo'),
    ('10000004-0000-4000-8000-000000000004'::uuid, 'viewer@demo.eventos.test', 'Victor Viewer', '+1-416-555-0103', 'EventOS Demo'),
    ('10000005-0000-4000-8000-000000000005'::uuid, 'door@demo.eventos.test', 'Dev Door', '+1-416-555-0104', 'Front Door Staffing'),
    ('10000006-0000-4000-8000-000000000006'::uuid, 'customer@demo.eventos.test', 'Casey Customer', '+1-647-555-0105', NULL),
    ('10000007-0000-4000-8000-000000000007'::uuid, 'outsider@other.eventos.test', 'Oscar Outsider', '+1-905-555-0106', 'Other Co')
),
users AS (
  INSERT INTO auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
                          confirmation_token, recovery_token, email_change_token_new, email_change,
                          raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
  SELECT '00000000-0000-0000-0000-000000000000', id, 'authenticated', 'authenticated', email,
         extensions.crypt('eventos-demo', extensions.gen_salt('bf')), now() - interval '90 days',
         '', '', '', '',
         '{"provider":"email","providers":["email"]}', jsonb_build_object('full_name', full_name),
         now() - interval '90 days', now() - interval '90 days'
  FROM people
),
-- As GoTrue records an email sign-up: provider_id is the user's id; the id is GoTrue's default.
identities AS (
  INSERT INTO auth.identities (provider_id, user_id, identity_data, provider, created_at, updated_at)
  SELECT id::text, id,
         jsonb_build_object('sub', id::text, 'email', email, 'email_verified', true, 'phone_verified', false),
         'email', now() - interval '90 days', now() - interval '90 days'
  FROM people
)
INSERT INTO profiles (id, email, full_name, phone, company, created_at, updated_at)
SELECT id, email, full_name, phone, company, now() - interval '90 days', now() - interval '90 days'
FROM people;

-- Accounts and who belongs to them (door and customer belong to none).
INSERT INTO accounts (id, name, plan, billing_email, created_at) VALUES
  ('aa000001-0000-4000-8000-000000000001', 'EventOS Demo', 'pro', 'billing@demo.eventos.test', now() - interval '90 days'),
  ('aa000002-0000-4000-8000-000000000002', 'Other Co', 'starter', 'billing@other.eventos.test', now() - interval '60 days');

INSERT INTO account_users (id, account_id, user_id, role, invited_by, joined_at) VALUES
  ('76000001-0000-4000-8000-000000000001', 'aa000001-0000-4000-8000-000000000001', '10000001-0000-4000-8000-000000000001', 'owner', NULL, now() - interval '90 days'),
  ('76000002-0000-4000-8000-000000000002', 'aa000001-0000-4000-8000-000000000001', '10000002-0000-4000-8000-000000000002', 'admin', '10000001-0000-4000-8000-000000000001', now() - interval '85 days'),
  ('76000003-0000-4000-8000-000000000003', 'aa000001-0000-4000-8000-000000000001', '10000003-0000-4000-8000-000000000003', 'manager', '10000001-0000-4000-8000-000000000001', now() - interval '80 days'),
  ('76000004-0000-4000-8000-000000000004', 'aa000001-0000-4000-8000-000000000001', '10000004-0000-4000-8000-000000000004', 'viewer', '10000002-0000-4000-8000-000000000002', now() - interval '40 days'),
  ('76000005-0000-4000-8000-000000000005', 'aa000002-0000-4000-8000-000000000002', '10000007-0000-4000-8000-000000000007', 'owner', NULL, now() - interval '60 days');

-- Each account's six default pipeline stages (seed 004), with the ids the desktop derives.
INSERT INTO crm_pipeline_stages (id, account_id, name, order_index, default_probability, color, is_closed, is_won) VALUES
  ('31b5b337-c03d-522c-8df8-fb1b2ec6fe0b', 'aa000001-0000-4000-8000-000000000001', 'Lead', 1, 10, '#6b7280', false, false),
  ('aa588a0f-73a8-5f1b-b462-0c8ceee1170e', 'aa000001-0000-4000-8000-000000000001', 'Qualified', 2, 25, '#3b82f6', false, false),
  ('4e3d4758-f3f8-5971-a34a-783ac886e839', 'aa000001-0000-4000-8000-000000000001', 'Proposal', 3, 50, '#8b5cf6', false, false),
  ('d15b5412-85ec-5fcb-a9fd-dd9ebdc47609', 'aa000001-0000-4000-8000-000000000001', 'Negotiation', 4, 75, '#f59e0b', false, false),
  ('c2de1fed-952f-5ca9-b0c7-a6ee3bf6d637', 'aa000001-0000-4000-8000-000000000001', 'Won', 5, 100, '#10b981', true, true),
  ('2f3d3018-f00f-55e5-875d-ecc8b2795367', 'aa000001-0000-4000-8000-000000000001', 'Lost', 6, 0, '#ef4444', true, false),
  ('44e94029-87f3-5607-af3e-91b3a9e8e976', 'aa000002-0000-4000-8000-000000000002', 'Lead', 1, 10, '#6b7280', false, false),
  ('897a913f-223e-58f2-86ae-cc9fa4ca06a4', 'aa000002-0000-4000-8000-000000000002', 'Qualified', 2, 25, '#3b82f6', false, false),
  ('f5d0aa9c-33d7-5403-b246-b2e8c547bc25', 'aa000002-0000-4000-8000-000000000002', 'Proposal', 3, 50, '#8b5cf6', false, false),
  ('6b92a3ca-e40e-513c-b4e0-f40b219582d6', 'aa000002-0000-4000-8000-000000000002', 'Negotiation', 4, 75, '#f59e0b', false, false),
  ('d9b0ae7d-fa8e-54b3-8b77-a4c8fdf491d3', 'aa000002-0000-4000-8000-000000000002', 'Won', 5, 100, '#10b981', true, true),
  ('e8adf7f0-b4c1-5b21-b7df-ab221dc87f02', 'aa000002-0000-4000-8000-000000000002', 'Lost', 6, 0, '#ef4444', true, false);

-- Venues.
INSERT INTO venues (id, account_id, name, address, postal_code, capacity, amenities, contact_email, contact_phone, timezone) VALUES
  ('20000001-0000-4000-8000-000000000001', 'aa000001-0000-4000-8000-000000000001', 'Metro Toronto Convention Centre', '255 Front St W', 'M5V 2W6', 5000,
   '{"wifi": true, "parking": true, "catering": true}', 'events@mtccc.example.com', '+1-416-585-8000', 'America/Toronto'),
  ('20000002-0000-4000-8000-000000000002', 'aa000001-0000-4000-8000-000000000001', 'Steam Whistle Brewing', '255 Bremner Blvd', 'M5V 3M9', 800,
   '{"wifi": true, "parking": false, "catering": true}', 'events@steamwhistle.example.com', '+1-416-362-2337', 'America/Toronto'),
  ('20000003-0000-4000-8000-000000000003', 'aa000001-0000-4000-8000-000000000001', 'The Carlu', '444 Yonge St', 'M5B 2H4', 1200,
   '{"wifi": true, "parking": true, "stage": true}', 'info@thecarlu.example.com', '+1-416-597-1931', 'America/Toronto'),
  ('20000004-0000-4000-8000-000000000004', 'aa000002-0000-4000-8000-000000000002', 'Harbour Loft', '1 Queens Quay E', 'M5E 1A1', 300,
   '{"wifi": true}', 'hello@harbourloft.example.com', '+1-416-555-0199', 'America/Toronto');

-- Events: one in every phase, and one of Other Co's.
INSERT INTO events (id, account_id, organizer_id, venue_id, name, type, description, start_at, end_at, capacity, price_cents, status, visibility) VALUES
  ('e0000001-0000-4000-8000-000000000001', 'aa000001-0000-4000-8000-000000000001', '10000002-0000-4000-8000-000000000002', '20000001-0000-4000-8000-000000000001',
   'AI & Machine Learning Summit', 'conference', 'A day of talks and workshops on applied AI, running now.',
   date_trunc('hour', now()) - interval '2 hours', date_trunc('hour', now()) + interval '6 hours', 250, 29900, 'published', 'public'),
  ('e0000002-0000-4000-8000-000000000002', 'aa000001-0000-4000-8000-000000000001', '10000002-0000-4000-8000-000000000002', '20000002-0000-4000-8000-000000000002',
   'Toronto Tech Networking Night', 'networking', 'Meet founders and engineers over local craft beer.',
   date_trunc('day', now()) + interval '14 days 22 hours', date_trunc('day', now()) + interval '15 days 2 hours', 150, 4500, 'published', 'public'),
  ('e0000003-0000-4000-8000-000000000003', 'aa000001-0000-4000-8000-000000000001', '10000001-0000-4000-8000-000000000001', '20000003-0000-4000-8000-000000000003',
   'Northwind Client Summit 2027', 'conference', 'Draft: planned with Northwind Financial.',
   date_trunc('day', now()) + interval '45 days 13 hours', date_trunc('day', now()) + interval '45 days 21 hours', 400, 0, 'draft', 'public'),
  ('e0000004-0000-4000-8000-000000000004', 'aa000001-0000-4000-8000-000000000001', '10000002-0000-4000-8000-000000000002', '20000003-0000-4000-8000-000000000003',
   'Leadership Roundtable (invitation only)', 'seminar', 'A private seminar for client executives.',
   date_trunc('day', now()) + interval '7 days 14 hours', date_trunc('day', now()) + interval '7 days 18 hours', 40, 0, 'published', 'private'),
  ('e0000005-0000-4000-8000-000000000005', 'aa000001-0000-4000-8000-000000000001', '10000002-0000-4000-8000-000000000002', '20000002-0000-4000-8000-000000000002',
   'Data Visualization Workshop', 'workshop', 'Hands-on charts and dashboards.',
   date_trunc('day', now()) - interval '30 days' + interval '14 hours', date_trunc('day', now()) - interval '30 days' + interval '20 hours', 60, 14900, 'completed', 'public'),
  ('e0000006-0000-4000-8000-000000000006', 'aa000002-0000-4000-8000-000000000002', '10000007-0000-4000-8000-000000000007', '20000004-0000-4000-8000-000000000004',
   'Other Co Harbour Mixer', 'networking', 'Other Co''s own event.',
   date_trunc('day', now()) + interval '10 days 22 hours', date_trunc('day', now()) + interval '11 days 1 hour', 100, 2500, 'published', 'public');

-- Box office and web orders. total_cents and order_number come from the triggers.
INSERT INTO orders (id, customer_id, event_id, quantity, unit_price_cents, payment_status, stripe_payment_intent_id, paid_at, created_at) VALUES
  ('30000001-0000-4000-8000-000000000001', NULL, 'e0000001-0000-4000-8000-000000000001', 2, 29900, 'paid', 'pi_demo_30000001', now() - interval '20 days', now() - interval '20 days'),
  ('30000002-0000-4000-8000-000000000002', NULL, 'e0000001-0000-4000-8000-000000000001', 1, 29900, 'paid', 'pi_demo_30000002', now() - interval '12 days', now() - interval '12 days'),
  ('30000003-0000-4000-8000-000000000003', NULL, 'e0000001-0000-4000-8000-000000000001', 2, 29900, 'paid', 'pi_demo_30000003', now() - interval '5 days', now() - interval '5 days'),
  ('30000004-0000-4000-8000-000000000004', NULL, 'e0000001-0000-4000-8000-000000000001', 1, 29900, 'paid', 'pi_demo_30000004', now() - interval '3 days', now() - interval '3 days'),
  ('30000005-0000-4000-8000-000000000005', '10000006-0000-4000-8000-000000000006', 'e0000002-0000-4000-8000-000000000002', 1, 4500, 'paid', 'pi_demo_30000005', now() - interval '2 days', now() - interval '2 days'),
  ('30000006-0000-4000-8000-000000000006', NULL, 'e0000002-0000-4000-8000-000000000002', 2, 4500, 'paid', 'pi_demo_30000006', now() - interval '1 day', now() - interval '1 day'),
  ('30000007-0000-4000-8000-000000000007', NULL, 'e0000004-0000-4000-8000-000000000004', 1, 0, 'paid', NULL, now() - interval '4 days', now() - interval '4 days'),
  ('30000008-0000-4000-8000-000000000008', NULL, 'e0000005-0000-4000-8000-000000000005', 2, 14900, 'paid', 'pi_demo_30000008', now() - interval '45 days', now() - interval '45 days'),
  ('30000009-0000-4000-8000-000000000009', NULL, 'e0000005-0000-4000-8000-000000000005', 1, 14900, 'refunded', 'pi_demo_30000009', now() - interval '44 days', now() - interval '44 days'),
  ('30000010-0000-4000-8000-000000000010', NULL, 'e0000006-0000-4000-8000-000000000006', 1, 2500, 'paid', 'pi_demo_30000010', now() - interval '6 days', now() - interval '6 days');

INSERT INTO attendees (id, order_id, event_id, full_name, email, phone, created_at) VALUES
  ('40000001-0000-4000-8000-000000000001', '30000001-0000-4000-8000-000000000001', 'e0000001-0000-4000-8000-000000000001', 'Priya Patel', 'priya.patel@example.com', '+1-416-555-1001', now() - interval '20 days'),
  ('40000002-0000-4000-8000-000000000002', '30000001-0000-4000-8000-000000000001', 'e0000001-0000-4000-8000-000000000001', 'Liam Chen', 'liam.chen@example.com', '+1-416-555-1002', now() - interval '20 days'),
  ('40000003-0000-4000-8000-000000000003', '30000002-0000-4000-8000-000000000002', 'e0000001-0000-4000-8000-000000000001', 'Amara Okafor', 'amara.okafor@example.com', '+1-416-555-1003', now() - interval '12 days'),
  ('40000004-0000-4000-8000-000000000004', '30000003-0000-4000-8000-000000000003', 'e0000001-0000-4000-8000-000000000001', 'Noah Tremblay', 'noah.tremblay@example.com', '+1-416-555-1004', now() - interval '5 days'),
  ('40000005-0000-4000-8000-000000000005', '30000003-0000-4000-8000-000000000003', 'e0000001-0000-4000-8000-000000000001', 'Sofia Rossi', 'sofia.rossi@example.com', '+1-416-555-1005', now() - interval '5 days'),
  ('40000006-0000-4000-8000-000000000006', '30000004-0000-4000-8000-000000000004', 'e0000001-0000-4000-8000-000000000001', 'Ethan Wong', 'ethan.wong@example.com', '+1-416-555-1006', now() - interval '3 days'),
  ('40000007-0000-4000-8000-000000000007', '30000005-0000-4000-8000-000000000005', 'e0000002-0000-4000-8000-000000000002', 'Casey Customer', 'customer@demo.eventos.test', '+1-647-555-0105', now() - interval '2 days'),
  ('40000008-0000-4000-8000-000000000008', '30000006-0000-4000-8000-000000000006', 'e0000002-0000-4000-8000-000000000002', 'Olivia Martin', 'olivia.martin@example.com', '+1-416-555-1008', now() - interval '1 day'),
  ('40000009-0000-4000-8000-000000000009', '30000006-0000-4000-8000-000000000006', 'e0000002-0000-4000-8000-000000000002', 'Lucas Roy', 'lucas.roy@example.com', '+1-416-555-1009', now() - interval '1 day'),
  ('40000010-0000-4000-8000-000000000010', '30000007-0000-4000-8000-000000000007', 'e0000004-0000-4000-8000-000000000004', 'Grace Liu', 'grace.liu@northwind.example.com', '+1-416-555-2001', now() - interval '4 days'),
  ('40000011-0000-4000-8000-000000000011', '30000008-0000-4000-8000-000000000008', 'e0000005-0000-4000-8000-000000000005', 'Mateo Silva', 'mateo.silva@example.com', '+1-416-555-1011', now() - interval '45 days'),
  ('40000012-0000-4000-8000-000000000012', '30000008-0000-4000-8000-000000000008', 'e0000005-0000-4000-8000-000000000005', 'Chloe Bouchard', 'chloe.bouchard@example.com', '+1-416-555-1012', now() - interval '45 days'),
  ('40000013-0000-4000-8000-000000000013', '30000009-0000-4000-8000-000000000009', 'e0000005-0000-4000-8000-000000000005', 'Aiden Murphy', 'aiden.murphy@example.com', '+1-416-555-1013', now() - interval '44 days'),
  ('40000014-0000-4000-8000-000000000014', '30000010-0000-4000-8000-000000000010', 'e0000006-0000-4000-8000-000000000006', 'Harper Lee', 'harper.lee@example.com', '+1-905-555-1014', now() - interval '6 days');

INSERT INTO tickets (id, event_id, order_id, attendee_id, qr_code, status, created_at) VALUES
  ('50000001-0000-4000-8000-000000000001', 'e0000001-0000-4000-8000-000000000001', '30000001-0000-4000-8000-000000000001', '40000001-0000-4000-8000-000000000001',
   encode(sha256('eventos-demo ticket 50000001-0000-4000-8000-000000000001'::bytea), 'base64'), 'active', now() - interval '20 days'),
  ('50000002-0000-4000-8000-000000000002', 'e0000001-0000-4000-8000-000000000001', '30000001-0000-4000-8000-000000000001', '40000002-0000-4000-8000-000000000002',
   encode(sha256('eventos-demo ticket 50000002-0000-4000-8000-000000000002'::bytea), 'base64'), 'active', now() - interval '20 days'),
  ('50000003-0000-4000-8000-000000000003', 'e0000001-0000-4000-8000-000000000001', '30000002-0000-4000-8000-000000000002', '40000003-0000-4000-8000-000000000003',
   encode(sha256('eventos-demo ticket 50000003-0000-4000-8000-000000000003'::bytea), 'base64'), 'active', now() - interval '12 days'),
  ('50000004-0000-4000-8000-000000000004', 'e0000001-0000-4000-8000-000000000001', '30000003-0000-4000-8000-000000000003', '40000004-0000-4000-8000-000000000004',
   encode(sha256('eventos-demo ticket 50000004-0000-4000-8000-000000000004'::bytea), 'base64'), 'active', now() - interval '5 days'),
  ('50000005-0000-4000-8000-000000000005', 'e0000001-0000-4000-8000-000000000001', '30000003-0000-4000-8000-000000000003', '40000005-0000-4000-8000-000000000005',
   encode(sha256('eventos-demo ticket 50000005-0000-4000-8000-000000000005'::bytea), 'base64'), 'active', now() - interval '5 days'),
  ('50000006-0000-4000-8000-000000000006', 'e0000001-0000-4000-8000-000000000001', '30000004-0000-4000-8000-000000000004', '40000006-0000-4000-8000-000000000006',
   encode(sha256('eventos-demo ticket 50000006-0000-4000-8000-000000000006'::bytea), 'base64'), 'cancelled', now() - interval '3 days'),
  ('50000007-0000-4000-8000-000000000007', 'e0000002-0000-4000-8000-000000000002', '30000005-0000-4000-8000-000000000005', '40000007-0000-4000-8000-000000000007',
   encode(sha256('eventos-demo ticket 50000007-0000-4000-8000-000000000007'::bytea), 'base64'), 'active', now() - interval '2 days'),
  ('50000008-0000-4000-8000-000000000008', 'e0000002-0000-4000-8000-000000000002', '30000006-0000-4000-8000-000000000006', '40000008-0000-4000-8000-000000000008',
   encode(sha256('eventos-demo ticket 50000008-0000-4000-8000-000000000008'::bytea), 'base64'), 'active', now() - interval '1 day'),
  ('50000009-0000-4000-8000-000000000009', 'e0000002-0000-4000-8000-000000000002', '30000006-0000-4000-8000-000000000006', '40000009-0000-4000-8000-000000000009',
   encode(sha256('eventos-demo ticket 50000009-0000-4000-8000-000000000009'::bytea), 'base64'), 'active', now() - interval '1 day'),
  ('50000010-0000-4000-8000-000000000010', 'e0000004-0000-4000-8000-000000000004', '30000007-0000-4000-8000-000000000007', '40000010-0000-4000-8000-000000000010',
   encode(sha256('eventos-demo ticket 50000010-0000-4000-8000-000000000010'::bytea), 'base64'), 'active', now() - interval '4 days'),
  ('50000011-0000-4000-8000-000000000011', 'e0000005-0000-4000-8000-000000000005', '30000008-0000-4000-8000-000000000008', '40000011-0000-4000-8000-000000000011',
   encode(sha256('eventos-demo ticket 50000011-0000-4000-8000-000000000011'::bytea), 'base64'), 'active', now() - interval '45 days'),
  ('50000012-0000-4000-8000-000000000012', 'e0000005-0000-4000-8000-000000000005', '30000008-0000-4000-8000-000000000008', '40000012-0000-4000-8000-000000000012',
   encode(sha256('eventos-demo ticket 50000012-0000-4000-8000-000000000012'::bytea), 'base64'), 'active', now() - interval '45 days'),
  ('50000013-0000-4000-8000-000000000013', 'e0000005-0000-4000-8000-000000000005', '30000009-0000-4000-8000-000000000009', '40000013-0000-4000-8000-000000000013',
   encode(sha256('eventos-demo ticket 50000013-0000-4000-8000-000000000013'::bytea), 'base64'), 'refunded', now() - interval '44 days'),
  ('50000014-0000-4000-8000-000000000014', 'e0000006-0000-4000-8000-000000000006', '30000010-0000-4000-8000-000000000010', '40000014-0000-4000-8000-000000000014',
   encode(sha256('eventos-demo ticket 50000014-0000-4000-8000-000000000014'::bytea), 'base64'), 'active', now() - interval '6 days');

-- Check-ins: three at the live event (two scanned, one found by name at the desk) and both
-- of the past workshop's paid tickets. Each makes its ticket 'used' at that time.
INSERT INTO event_checkins (id, event_id, attendee_id, check_in_time, check_out_time, location, qr_code_scanned, check_in_method, attendance_duration, is_present) VALUES
  ('60000001-0000-4000-8000-000000000001', 'e0000001-0000-4000-8000-000000000001', '40000001-0000-4000-8000-000000000001',
   date_trunc('hour', now()) - interval '2 hours 15 minutes', NULL, 'Main entrance',
   (SELECT qr_code FROM tickets WHERE id = '50000001-0000-4000-8000-000000000001'), 'qr_code', NULL, true),
  ('60000002-0000-4000-8000-000000000002', 'e0000001-0000-4000-8000-000000000001', '40000002-0000-4000-8000-000000000002',
   date_trunc('hour', now()) - interval '2 hours 5 minutes', NULL, 'Main entrance',
   (SELECT qr_code FROM tickets WHERE id = '50000002-0000-4000-8000-000000000002'), 'qr_code', NULL, true),
  ('60000003-0000-4000-8000-000000000003', 'e0000001-0000-4000-8000-000000000001', '40000003-0000-4000-8000-000000000003',
   date_trunc('hour', now()) - interval '1 hour 40 minutes', NULL, 'Registration desk', NULL, 'manual', NULL, true),
  ('60000004-0000-4000-8000-000000000004', 'e0000005-0000-4000-8000-000000000005', '40000011-0000-4000-8000-000000000011',
   date_trunc('day', now()) - interval '30 days' + interval '13 hours 50 minutes', date_trunc('day', now()) - interval '30 days' + interval '19 hours 50 minutes',
   'Front Street doors', (SELECT qr_code FROM tickets WHERE id = '50000011-0000-4000-8000-000000000011'), 'qr_code', 360, false),
  ('60000005-0000-4000-8000-000000000005', 'e0000005-0000-4000-8000-000000000005', '40000012-0000-4000-8000-000000000012',
   date_trunc('day', now()) - interval '30 days' + interval '14 hours 10 minutes', date_trunc('day', now()) - interval '30 days' + interval '18 hours 10 minutes',
   'Front Street doors', (SELECT qr_code FROM tickets WHERE id = '50000012-0000-4000-8000-000000000012'), 'qr_code', 240, false);

-- The live event's programme, money and team.
INSERT INTO speakers (id, event_id, profile_id, bio, expertise_areas, social_links, presentation_title, presentation_duration, status, speaker_fee) VALUES
  ('71000001-0000-4000-8000-000000000001', 'e0000001-0000-4000-8000-000000000001', '10000002-0000-4000-8000-000000000002',
   'Sarah has run Toronto tech conferences for a decade.', '{AI,Events}', '{"linkedin": "https://linkedin.example.com/sarahjohnson"}',
   'AI in the events business', 60, 'confirmed', 0),
  ('71000002-0000-4000-8000-000000000002', 'e0000001-0000-4000-8000-000000000001', '10000001-0000-4000-8000-000000000001',
   'Olivia founded EventOS Demo.', '{Operations,Ticketing}', '{}',
   'QR check-in at scale', 90, 'confirmed', 1500.00);

INSERT INTO sessions (id, event_id, speaker_id, venue_id, title, description, session_type, difficulty_level, start_time, end_time, max_attendees, status) VALUES
  ('70000001-0000-4000-8000-000000000001', 'e0000001-0000-4000-8000-000000000001', '71000001-0000-4000-8000-000000000001', '20000001-0000-4000-8000-000000000001',
   'Opening keynote: AI in the events business', 'Where AI already helps organizers.', 'keynote', 'beginner',
   date_trunc('hour', now()) - interval '2 hours', date_trunc('hour', now()) - interval '1 hour', 250, 'completed'),
  ('70000002-0000-4000-8000-000000000002', 'e0000001-0000-4000-8000-000000000001', '71000002-0000-4000-8000-000000000002', '20000001-0000-4000-8000-000000000001',
   'Workshop: QR check-in at scale', 'Run a door for thousands, offline.', 'workshop', 'intermediate',
   date_trunc('hour', now()) - interval '30 minutes', date_trunc('hour', now()) + interval '1 hour', 60, 'live');

INSERT INTO sponsors (id, event_id, company_name, contact_name, contact_email, sponsorship_tier, sponsorship_amount, benefits_included, website_url, status) VALUES
  ('72000001-0000-4000-8000-000000000001', 'e0000001-0000-4000-8000-000000000001', 'Northwind Financial', 'Grace Liu', 'grace.liu@northwind.example.com',
   'gold', 15000.00, '{"Logo on badges","Booth"}', 'https://northwind.example.com', 'confirmed'),
  ('72000002-0000-4000-8000-000000000002', 'e0000002-0000-4000-8000-000000000002', 'Lakeshore Tech Collective', 'Ravi Singh', 'ravi.singh@lakeshore.example.com',
   'silver', 5000.00, '{"Logo on screens"}', 'https://lakeshore.example.com', 'pending');

INSERT INTO event_expenses (id, event_id, created_by, expense_name, expense_category, amount, vendor_name, invoice_number, status, approved_by, approved_at, payment_date) VALUES
  ('73000001-0000-4000-8000-000000000001', 'e0000001-0000-4000-8000-000000000001', '10000002-0000-4000-8000-000000000002', 'Hall B rental', 'venue', 12000.00,
   'Metro Toronto Convention Centre', 'MTCC-2291', 'paid', '10000001-0000-4000-8000-000000000001', now() - interval '30 days', (now() - interval '25 days')::date),
  ('73000002-0000-4000-8000-000000000002', 'e0000001-0000-4000-8000-000000000001', '10000002-0000-4000-8000-000000000002', 'Lunch for 250', 'catering', 8750.50,
   'Queen St Catering', 'QSC-118', 'approved', '10000001-0000-4000-8000-000000000001', now() - interval '10 days', NULL),
  ('73000003-0000-4000-8000-000000000003', 'e0000002-0000-4000-8000-000000000002', '10000003-0000-4000-8000-000000000003', 'Social media ads', 'marketing', 600.00,
   NULL, NULL, 'pending', NULL, NULL, NULL);

INSERT INTO event_announcements (id, event_id, author_id, title, content, priority, target_audience, target_sessions, delivery_method, scheduled_for, sent_at, status) VALUES
  ('74000001-0000-4000-8000-000000000001', 'e0000001-0000-4000-8000-000000000001', '10000002-0000-4000-8000-000000000002', 'Doors are open',
   'Registration is at the Front Street entrance. Have your QR code ready.', 'high', 'attendees', NULL, '{email,in_app}',
   NULL, date_trunc('hour', now()) - interval '2 hours 30 minutes', 'sent'),
  ('74000002-0000-4000-8000-000000000002', 'e0000001-0000-4000-8000-000000000001', '10000002-0000-4000-8000-000000000002', 'Workshop moved to Room 204',
   'The QR check-in workshop now runs in Room 204.', 'normal', 'attendees', '{70000002-0000-4000-8000-000000000002}', '{push}',
   date_trunc('hour', now()) + interval '15 minutes', NULL, 'scheduled');

-- Dev Door works the live event's door; Sarah leads its team.
INSERT INTO event_teams (id, event_id, member_id, role, permissions, assigned_by, assigned_at) VALUES
  ('75000001-0000-4000-8000-000000000001', 'e0000001-0000-4000-8000-000000000001', '10000005-0000-4000-8000-000000000005', 'registration',
   '{manage_attendees}', '10000002-0000-4000-8000-000000000002', now() - interval '7 days'),
  ('75000002-0000-4000-8000-000000000002', 'e0000001-0000-4000-8000-000000000001', '10000002-0000-4000-8000-000000000002', 'organizer',
   '{manage_event,manage_sessions,manage_attendees,view_analytics,send_announcements}', '10000001-0000-4000-8000-000000000001', now() - interval '60 days');

INSERT INTO event_feedback (id, event_id, attendee_id, overall_rating, content_rating, venue_rating, comments) VALUES
  ('77000001-0000-4000-8000-000000000001', 'e0000005-0000-4000-8000-000000000005', '40000011-0000-4000-8000-000000000011', 5, 5, 4,
   'Practical and well paced.');

INSERT INTO campaigns (id, event_id, name, channel, status, subject, content, budget, scheduled_at, created_by) VALUES
  ('78000001-0000-4000-8000-000000000001', 'e0000002-0000-4000-8000-000000000002', 'Networking Night launch', 'email', 'scheduled',
   'Toronto Tech Networking Night: tickets on sale', 'Join us at Steam Whistle Brewing.', 600.00, now() + interval '1 day', '10000003-0000-4000-8000-000000000003');

INSERT INTO notifications (id, account_id, user_id, type, title, body, priority) VALUES
  ('79000001-0000-4000-8000-000000000001', 'aa000001-0000-4000-8000-000000000001', '10000003-0000-4000-8000-000000000003', 'crm',
   'Send Northwind the revised proposal', 'Due in three days.', 'high');

-- CRM: client companies (two each for sales@ and owner@), their people, deals and history.
INSERT INTO crm_organizers (id, account_id, company_name, industry, company_size, website, status, lead_source, primary_email, primary_phone,
                            address, annual_events, total_revenue, lifetime_value, engagement_score, health_score, churn_risk, tags, assigned_to, created_by) VALUES
  ('c1000001-0000-4000-8000-000000000001', 'aa000001-0000-4000-8000-000000000001', 'Northwind Financial', 'Finance', 'large', 'https://northwind.example.com',
   'active', 'referral', 'events@northwind.example.com', '+1-416-555-2000',
   '{"street": "100 King St W", "city": "Toronto", "province": "ON", "country": "CA"}', 6, 48000.00, 126000.00, 82, 88, 'low',
   '{finance,conference}', '10000003-0000-4000-8000-000000000003', '10000003-0000-4000-8000-000000000003'),
  ('c1000002-0000-4000-8000-000000000002', 'aa000001-0000-4000-8000-000000000001', 'Maple Health Network', 'Healthcare', 'enterprise', 'https://maplehealth.example.com',
   'prospect', 'inbound', 'events@maplehealth.example.com', '+1-416-555-2010',
   '{"street": "200 University Ave", "city": "Toronto", "province": "ON", "country": "CA"}', 3, 0, 0, 45, 60, 'medium',
   '{healthcare}', '10000003-0000-4000-8000-000000000003', '10000003-0000-4000-8000-000000000003'),
  ('c1000003-0000-4000-8000-000000000003', 'aa000001-0000-4000-8000-000000000001', 'Lakeshore Tech Collective', 'Technology', 'medium', 'https://lakeshore.example.com',
   'active', 'event', 'hello@lakeshore.example.com', '+1-416-555-2020',
   '{"street": "30 Lakeshore Blvd E", "city": "Toronto", "province": "ON", "country": "CA"}', 10, 32000.00, 54000.00, 90, 92, 'low',
   '{technology,meetups}', '10000001-0000-4000-8000-000000000001', '10000001-0000-4000-8000-000000000001'),
  ('c1000004-0000-4000-8000-000000000004', 'aa000001-0000-4000-8000-000000000001', 'Harbourfront Arts Council', 'Non-profit', 'small', 'https://harbourarts.example.com',
   'inactive', 'partner', 'info@harbourarts.example.com', '+1-416-555-2030',
   '{"street": "235 Queens Quay W", "city": "Toronto", "province": "ON", "country": "CA"}', 1, 0, 9000.00, 20, 35, 'high',
   '{arts}', '10000001-0000-4000-8000-000000000001', '10000001-0000-4000-8000-000000000001'),
  ('c1000005-0000-4000-8000-000000000005', 'aa000002-0000-4000-8000-000000000002', 'Bluewater Logistics', 'Logistics', 'medium', 'https://bluewater.example.com',
   'active', 'outbound', 'events@bluewater.example.com', '+1-905-555-2040',
   '{"city": "Mississauga", "province": "ON", "country": "CA"}', 2, 0, 0, 50, 50, 'low',
   '{}', '10000007-0000-4000-8000-000000000007', '10000007-0000-4000-8000-000000000007');

INSERT INTO crm_contacts (id, organizer_id, full_name, title, department, email, phone, is_primary, is_decision_maker, vip_status, influence_level, last_contact_date, engagement_score) VALUES
  ('c2000001-0000-4000-8000-000000000001', 'c1000001-0000-4000-8000-000000000001', 'Grace Liu', 'VP Client Events', 'Marketing', 'grace.liu@northwind.example.com', '+1-416-555-2001',
   true, true, true, 'high', now() - interval '2 days', 85),
  ('c2000002-0000-4000-8000-000000000002', 'c1000001-0000-4000-8000-000000000001', 'Daniel Moreau', 'Events Coordinator', 'Marketing', 'daniel.moreau@northwind.example.com', '+1-416-555-2002',
   false, false, false, 'medium', now() - interval '9 days', 60),
  ('c2000003-0000-4000-8000-000000000003', 'c1000002-0000-4000-8000-000000000002', 'Fatima Khan', 'Director of Learning', 'People', 'fatima.khan@maplehealth.example.com', '+1-416-555-2011',
   true, true, false, 'high', now() - interval '5 days', 55),
  ('c2000004-0000-4000-8000-000000000004', 'c1000003-0000-4000-8000-000000000003', 'Ravi Singh', 'Community Lead', 'Operations', 'ravi.singh@lakeshore.example.com', '+1-416-555-2021',
   true, true, false, 'medium', now() - interval '1 day', 90),
  ('c2000005-0000-4000-8000-000000000005', 'c1000004-0000-4000-8000-000000000004', 'Emma Gagnon', 'Executive Director', 'Office', 'emma.gagnon@harbourarts.example.com', '+1-416-555-2031',
   true, true, false, 'high', now() - interval '60 days', 25),
  ('c2000006-0000-4000-8000-000000000006', 'c1000005-0000-4000-8000-000000000005', 'Henry Walsh', 'Office Manager', 'Operations', 'henry.walsh@bluewater.example.com', '+1-905-555-2041',
   true, false, false, 'medium', now() - interval '3 days', 50);

INSERT INTO crm_opportunities (id, organizer_id, event_id, stage_id, name, description, value, probability, expected_close_date, actual_close_date, status, loss_reason, assigned_to) VALUES
  ('c3000001-0000-4000-8000-000000000001', 'c1000001-0000-4000-8000-000000000001', 'e0000003-0000-4000-8000-000000000003', '4e3d4758-f3f8-5971-a34a-783ac886e839',
   'Northwind Client Summit 2027', 'Venue, catering and registration for their client summit.', 48000.00, 50, (now() + interval '20 days')::date, NULL, 'open', NULL,
   '10000003-0000-4000-8000-000000000003'),
  ('c3000002-0000-4000-8000-000000000002', 'c1000002-0000-4000-8000-000000000002', NULL, 'aa588a0f-73a8-5f1b-b462-0c8ceee1170e',
   'Maple Health leadership seminar', 'A one-day seminar for 120 managers.', 18500.00, 25, (now() + interval '40 days')::date, NULL, 'open', NULL,
   '10000003-0000-4000-8000-000000000003'),
  ('c3000003-0000-4000-8000-000000000003', 'c1000003-0000-4000-8000-000000000003', 'e0000002-0000-4000-8000-000000000002', 'c2de1fed-952f-5ca9-b0c7-a6ee3bf6d637',
   'Lakeshore meetup series', 'Four networking nights a year.', 32000.00, 100, (now() - interval '10 days')::date, (now() - interval '12 days')::date, 'won', NULL,
   '10000001-0000-4000-8000-000000000001'),
  ('c3000004-0000-4000-8000-000000000004', 'c1000004-0000-4000-8000-000000000004', NULL, '2f3d3018-f00f-55e5-875d-ecc8b2795367',
   'Harbourfront winter gala', 'Gala dinner for 200.', 9000.00, 0, (now() - interval '30 days')::date, (now() - interval '35 days')::date, 'lost', 'Chose a venue outside Toronto',
   '10000001-0000-4000-8000-000000000001');

INSERT INTO crm_activities (id, organizer_id, contact_id, opportunity_id, event_id, type, subject, description, activity_date, duration_minutes, is_task, task_status, due_date, user_id) VALUES
  ('c4000001-0000-4000-8000-000000000001', 'c1000001-0000-4000-8000-000000000001', 'c2000001-0000-4000-8000-000000000001', 'c3000001-0000-4000-8000-000000000001', NULL,
   'call', 'Summit budget call', 'Grace confirmed a budget near 50k.', now() - interval '2 days', 30, false, NULL, NULL, '10000003-0000-4000-8000-000000000003'),
  ('c4000002-0000-4000-8000-000000000002', 'c1000002-0000-4000-8000-000000000002', 'c2000003-0000-4000-8000-000000000003', 'c3000002-0000-4000-8000-000000000002', NULL,
   'meeting', 'Discovery meeting', 'Walked through past seminars.', now() - interval '5 days', 60, false, NULL, NULL, '10000003-0000-4000-8000-000000000003'),
  ('c4000003-0000-4000-8000-000000000003', 'c1000003-0000-4000-8000-000000000003', 'c2000004-0000-4000-8000-000000000004', 'c3000003-0000-4000-8000-000000000003', 'e0000002-0000-4000-8000-000000000002',
   'email', 'Networking Night logistics', 'Sent the run sheet.', now() - interval '1 day', NULL, false, NULL, NULL, '10000001-0000-4000-8000-000000000001'),
  ('c4000004-0000-4000-8000-000000000004', 'c1000001-0000-4000-8000-000000000001', 'c2000001-0000-4000-8000-000000000001', 'c3000001-0000-4000-8000-000000000001', NULL,
   'task', 'Send revised proposal', 'Add the breakout rooms option.', now(), NULL, true, 'pending', now() + interval '3 days', '10000003-0000-4000-8000-000000000003');

INSERT INTO crm_notes (id, organizer_id, contact_id, opportunity_id, title, content, is_pinned, tags, created_by) VALUES
  ('c5000001-0000-4000-8000-000000000001', 'c1000001-0000-4000-8000-000000000001', NULL, 'c3000001-0000-4000-8000-000000000001', 'Decision process',
   'Grace decides with their CFO; they want one invoice for venue and catering.', true, '{decision}', '10000003-0000-4000-8000-000000000003'),
  ('c5000002-0000-4000-8000-000000000002', 'c1000003-0000-4000-8000-000000000003', 'c2000004-0000-4000-8000-000000000004', NULL, 'Preferences',
   'Ravi prefers Steam Whistle and late starts.', false, '{}', '10000001-0000-4000-8000-000000000001');

INSERT INTO crm_documents (id, organizer_id, opportunity_id, file_name, file_type, file_size, storage_path, document_type, version, uploaded_by) VALUES
  ('c6000001-0000-4000-8000-000000000001', 'c1000001-0000-4000-8000-000000000001', 'c3000001-0000-4000-8000-000000000001', 'northwind-summit-proposal-v2.pdf',
   'application/pdf', 248331, 'crm/aa000001-0000-4000-8000-000000000001/northwind-summit-proposal-v2.pdf', 'proposal', 2, '10000003-0000-4000-8000-000000000003');

INSERT INTO crm_email_templates (id, account_id, name, description, subject, body_html, body_text, category, variables, created_by) VALUES
  ('c7000001-0000-4000-8000-000000000001', 'aa000001-0000-4000-8000-000000000001', 'Meeting follow-up', 'Sent after a first meeting.',
   'Great to meet you, {{contact_name}}', '<p>Hi {{contact_name}},</p><p>Thanks for your time today. I will send a proposal for {{event_name}} this week.</p>',
   'Hi {{contact_name}}, thanks for your time today. I will send a proposal for {{event_name}} this week.', 'follow_up',
   '[{"name": "contact_name", "description": "The contact''s full name"}, {"name": "event_name", "description": "The event discussed"}]',
   '10000003-0000-4000-8000-000000000003');


-- Seed 001's production and operations (issue 17): a fashion show with its designers, models,
-- run-of-show and looks; media partners and influencers; logistics, planning, risks and custom
-- fields; social platforms and meeting types. Ids: event e0000007, sessions 7000000n, designers
-- 8100000n, models 8200000n, runs 8300000n, run models 8400000n, looks 8500000n, platforms
-- 8600000n, media partners 8700000n, influencers 8800000n, event influencers 8900000n,
-- logistics 8a00000n, planning 8b00000n, risks 8c00000n, custom fields 8d00000n, meeting types
-- 8e00000n.
INSERT INTO events (id, account_id, organizer_id, venue_id, name, type, description, start_at, end_at, capacity, price_cents, status, visibility) VALUES
  ('e0000007-0000-4000-8000-000000000007', 'aa000001-0000-4000-8000-000000000001', '10000002-0000-4000-8000-000000000002', '20000002-0000-4000-8000-000000000002',
   'Northwind Runway: Spring/Summer 2027', 'fashion_show', 'Two designers, one runway: press, buyers and front-row guests.',
   date_trunc('day', now()) + interval '21 days 23 hours', date_trunc('day', now()) + interval '22 days 2 hours', 150, 0, 'published', 'private');

INSERT INTO sessions (id, event_id, venue_id, title, description, session_type, start_time, end_time, max_attendees, status) VALUES
  ('70000003-0000-4000-8000-000000000003', 'e0000007-0000-4000-8000-000000000007', '20000002-0000-4000-8000-000000000002',
   'Full rehearsal', 'Walk-through with music and lights.', 'rehearsal',
   date_trunc('day', now()) + interval '21 days 19 hours', date_trunc('day', now()) + interval '21 days 21 hours', 40, 'scheduled'),
  ('70000004-0000-4000-8000-000000000004', 'e0000007-0000-4000-8000-000000000007', '20000002-0000-4000-8000-000000000002',
   'The show', 'Atelier Chen, then Moretti Uomo.', 'show',
   date_trunc('day', now()) + interval '22 days', date_trunc('day', now()) + interval '22 days 45 minutes', 150, 'scheduled');

INSERT INTO fashion_designers (id, account_id, name, brand_name, contact_email, website, categories, status, tags) VALUES
  ('81000001-0000-4000-8000-000000000001', 'aa000001-0000-4000-8000-000000000001', 'Amara Chen', 'Atelier Chen', 'studio@atelierchen.example.com',
   'https://atelierchen.example.com', '{womenswear,sustainable}', 'confirmed', '{emerging}'),
  ('81000002-0000-4000-8000-000000000002', 'aa000001-0000-4000-8000-000000000001', 'Luca Moretti', 'Moretti Uomo', 'press@morettiuomo.example.com',
   'https://morettiuomo.example.com', '{menswear,ready_to_wear}', 'confirmed', '{}'),
  ('81000003-0000-4000-8000-000000000003', 'aa000001-0000-4000-8000-000000000001', 'Noor Haddad', 'Maison Noor', 'hello@maisonnoor.example.com',
   'https://maisonnoor.example.com', '{couture,bridal}', 'prospect', '{fw27}');

INSERT INTO models (id, account_id, full_name, agency_name, email, divisions, height_cm, is_minor, day_rate_cents, status) VALUES
  ('82000001-0000-4000-8000-000000000001', 'aa000001-0000-4000-8000-000000000001', 'Zoë Laurent', 'Elite Toronto', 'zoe@models.example.com', '{women}', 178, false, 120000, 'active'),
  ('82000002-0000-4000-8000-000000000002', 'aa000001-0000-4000-8000-000000000001', 'Kwame Mensah', 'Next Toronto', 'kwame@models.example.com', '{men}', 188, false, 110000, 'active'),
  ('82000003-0000-4000-8000-000000000003', 'aa000001-0000-4000-8000-000000000001', 'Sofia Ivanova', 'Elite Toronto', 'sofia@models.example.com', '{women,curve}', 175, false, 100000, 'active'),
  ('82000004-0000-4000-8000-000000000004', 'aa000001-0000-4000-8000-000000000001', 'Aiden Park', 'Next Toronto', 'aiden@models.example.com', '{men}', 185, false, 95000, 'on_hold');

INSERT INTO production_runs (id, event_id, session_id, designer_id, title, collection_season, run_order, planned_start_at, duration_minutes, status, producer_id) VALUES
  ('83000001-0000-4000-8000-000000000001', 'e0000007-0000-4000-8000-000000000007', '70000004-0000-4000-8000-000000000004', '81000001-0000-4000-8000-000000000001',
   'Tidal', 'SS27', 1, date_trunc('day', now()) + interval '22 days', 20, 'fittings', '10000002-0000-4000-8000-000000000002'),
  ('83000002-0000-4000-8000-000000000002', 'e0000007-0000-4000-8000-000000000007', '70000004-0000-4000-8000-000000000004', '81000002-0000-4000-8000-000000000002',
   'Linea', 'SS27', 2, date_trunc('day', now()) + interval '22 days 25 minutes', 20, 'casting', '10000002-0000-4000-8000-000000000002');

INSERT INTO production_run_models (id, event_id, production_run_id, model_id, call_at, status, fee_cents) VALUES
  ('84000001-0000-4000-8000-000000000001', 'e0000007-0000-4000-8000-000000000007', '83000001-0000-4000-8000-000000000001', '82000001-0000-4000-8000-000000000001',
   date_trunc('day', now()) + interval '21 days 20 hours', 'confirmed', 120000),
  ('84000002-0000-4000-8000-000000000002', 'e0000007-0000-4000-8000-000000000007', '83000001-0000-4000-8000-000000000001', '82000003-0000-4000-8000-000000000003',
   date_trunc('day', now()) + interval '21 days 20 hours', 'booked', 100000),
  ('84000003-0000-4000-8000-000000000003', 'e0000007-0000-4000-8000-000000000007', '83000002-0000-4000-8000-000000000002', '82000002-0000-4000-8000-000000000002',
   date_trunc('day', now()) + interval '21 days 20 hours 30 minutes', 'booked', 110000);

INSERT INTO production_looks (id, event_id, production_run_id, look_number, model_id, title, garments, change_type, dresser_name) VALUES
  ('85000001-0000-4000-8000-000000000001', 'e0000007-0000-4000-8000-000000000007', '83000001-0000-4000-8000-000000000001', 1, '82000001-0000-4000-8000-000000000001',
   'Look 1: linen trench', '[{"item": "Trench coat", "size": "S"}]', 'none', 'Priya'),
  ('85000002-0000-4000-8000-000000000002', 'e0000007-0000-4000-8000-000000000007', '83000001-0000-4000-8000-000000000001', 2, '82000003-0000-4000-8000-000000000003',
   'Look 2: kelp-silk dress', '[{"item": "Slip dress", "size": "M"}]', 'none', 'Priya'),
  ('85000003-0000-4000-8000-000000000003', 'e0000007-0000-4000-8000-000000000007', '83000001-0000-4000-8000-000000000001', 3, '82000001-0000-4000-8000-000000000001',
   'Look 3: finale gown', '[{"item": "Gown", "size": "S"}]', 'full', 'Jordan');

INSERT INTO social_media_platforms (id, account_id, name, slug, profile_url_template, account_handle, sort_order) VALUES
  ('86000001-0000-4000-8000-000000000001', 'aa000001-0000-4000-8000-000000000001', 'Instagram', 'instagram', 'https://www.instagram.com/{handle}', 'northwindevents', 1),
  ('86000002-0000-4000-8000-000000000002', 'aa000001-0000-4000-8000-000000000001', 'TikTok', 'tiktok', 'https://www.tiktok.com/@{handle}', 'northwindevents', 2);

INSERT INTO media_partners (id, event_id, outlet_name, contact_name, contact_email, partnership_type, deliverables, audience_reach, press_passes, status) VALUES
  ('87000001-0000-4000-8000-000000000001', 'e0000007-0000-4000-8000-000000000007', 'Toronto Style Weekly', 'Dana Brooks', 'dana@styleweekly.example.com',
   'official_media_partner', 'Runway gallery and two interviews', 85000, 4, 'confirmed');

INSERT INTO influencers (id, account_id, full_name, handle, platform_id, follower_count, engagement_rate, niches, status) VALUES
  ('88000001-0000-4000-8000-000000000001', 'aa000001-0000-4000-8000-000000000001', 'Maya Brooks', 'mayawears', '86000001-0000-4000-8000-000000000001', 214000, 3.85, '{fashion,sustainability}', 'active'),
  ('88000002-0000-4000-8000-000000000002', 'aa000001-0000-4000-8000-000000000001', 'Theo Grant', 'theogrant', '86000002-0000-4000-8000-000000000002', 92000, 6.10, '{menswear}', 'prospect');

INSERT INTO event_influencers (id, event_id, influencer_id, role, posts_required, status) VALUES
  ('89000001-0000-4000-8000-000000000001', 'e0000007-0000-4000-8000-000000000007', '88000001-0000-4000-8000-000000000001', 'front_row', 3, 'confirmed');

INSERT INTO event_logistics (id, event_id, category, title, vendor_name, location, quantity, scheduled_at, ends_at, status, owner_id, expense_id) VALUES
  ('8a000001-0000-4000-8000-000000000001', 'e0000001-0000-4000-8000-000000000001', 'setup', 'Hall B load-in', 'Metro Toronto Convention Centre', 'Dock 3', 1,
   date_trunc('hour', now()) - interval '6 hours', date_trunc('hour', now()) - interval '3 hours', 'done', '10000002-0000-4000-8000-000000000002', '73000001-0000-4000-8000-000000000001'),
  ('8a000002-0000-4000-8000-000000000002', 'e0000007-0000-4000-8000-000000000007', 'equipment', 'Runway lighting rig', 'Lumen Stage Co.', 'Main hall', 24,
   date_trunc('day', now()) + interval '21 days 14 hours', date_trunc('day', now()) + interval '21 days 18 hours', 'confirmed', '10000002-0000-4000-8000-000000000002', NULL);

INSERT INTO event_planning (id, event_id, title, kind, phase, status, priority, assigned_to, due_date, sort_order) VALUES
  ('8b000001-0000-4000-8000-000000000001', 'e0000007-0000-4000-8000-000000000007', 'Casting closed', 'milestone', 'pre_production', 'in_progress', 'high',
   '10000002-0000-4000-8000-000000000002', (now() + interval '10 days')::date, 1),
  ('8b000002-0000-4000-8000-000000000002', 'e0000007-0000-4000-8000-000000000007', 'Send the run-of-show to dressers', 'task', 'production', 'not_started', 'normal',
   '10000002-0000-4000-8000-000000000002', (now() + interval '18 days')::date, 2);
UPDATE event_planning SET depends_on_id = '8b000001-0000-4000-8000-000000000001' WHERE id = '8b000002-0000-4000-8000-000000000002';

INSERT INTO event_risks (id, event_id, title, category, likelihood, impact, owner_id, mitigation, status, raised_by) VALUES
  ('8c000001-0000-4000-8000-000000000001', 'e0000001-0000-4000-8000-000000000001', 'Wi-Fi fails at the doors', 'technical', 3, 4, '10000002-0000-4000-8000-000000000002',
   'Door laptops check in offline and exchange check-ins over the LAN.', 'mitigating', '10000001-0000-4000-8000-000000000001'),
  ('8c000002-0000-4000-8000-000000000002', 'e0000007-0000-4000-8000-000000000007', 'A model misses the call time', 'supplier', 2, 4, '10000002-0000-4000-8000-000000000002',
   'Stand-by model from the agency on the day.', 'open', '10000002-0000-4000-8000-000000000002');

INSERT INTO event_xpls (id, event_id, field_key, label, value_type, field_value, visibility, sort_order) VALUES
  ('8d000001-0000-4000-8000-000000000001', 'e0000007-0000-4000-8000-000000000007', 'dress_code', 'Dress code', 'text', 'Black tie optional', 'public', 1);

INSERT INTO meeting_types (id, account_id, name, description, duration_minutes, location_kind, buffer_minutes, color) VALUES
  ('8e000001-0000-4000-8000-000000000001', 'aa000001-0000-4000-8000-000000000001', 'Discovery call', 'A first call with a prospect.', 30, 'video', 10, '#2563eb'),
  ('8e000002-0000-4000-8000-000000000002', 'aa000001-0000-4000-8000-000000000001', 'Venue walkthrough', 'On site with the client.', 60, 'in_person', 30, '#16a34a'),
  ('8e000003-0000-4000-8000-000000000003', 'aa000001-0000-4000-8000-000000000001', 'Contract review', 'The contract, line by line.', 45, 'phone', 15, '#9333ea');


-- Meeting bookings (issue 17): each with its CRM activity, as the desktop writes them; ids
-- 8f00000n, their activities c400001n.
INSERT INTO crm_activities (id, organizer_id, contact_id, opportunity_id, event_id, type, subject, description, activity_date, duration_minutes, user_id, metadata) VALUES
  ('c4000011-0000-4000-8000-000000000011', 'c1000001-0000-4000-8000-000000000001', 'c2000001-0000-4000-8000-000000000001', 'c3000001-0000-4000-8000-000000000001', NULL,
   'meeting', 'Venue walkthrough with Grace Liu', 'Fairmont Royal York, lobby', date_trunc('hour', now()) + interval '2 days', 60, '10000003-0000-4000-8000-000000000003',
   '{"meeting_booking_id": "8f000001-0000-4000-8000-000000000001", "status": "confirmed"}'),
  ('c4000012-0000-4000-8000-000000000012', 'c1000003-0000-4000-8000-000000000003', 'c2000004-0000-4000-8000-000000000004', NULL, NULL,
   'meeting', 'Discovery call with Ravi Singh', 'https://meet.example.com/ravi', date_trunc('hour', now()) + interval '4 days', 30, '10000001-0000-4000-8000-000000000001',
   '{"meeting_booking_id": "8f000002-0000-4000-8000-000000000002", "status": "confirmed"}');

INSERT INTO meeting_bookings (id, meeting_type_id, host_id, organizer_id, contact_id, opportunity_id, guest_name, guest_email, starts_at, ends_at, location, meeting_url, status, activity_id) VALUES
  ('8f000001-0000-4000-8000-000000000001', '8e000002-0000-4000-8000-000000000002', '10000003-0000-4000-8000-000000000003', 'c1000001-0000-4000-8000-000000000001',
   'c2000001-0000-4000-8000-000000000001', 'c3000001-0000-4000-8000-000000000001', 'Grace Liu', 'grace.liu@northwind.example.com',
   date_trunc('hour', now()) + interval '2 days', date_trunc('hour', now()) + interval '2 days 1 hour', 'Fairmont Royal York, lobby', NULL, 'confirmed',
   'c4000011-0000-4000-8000-000000000011'),
  ('8f000002-0000-4000-8000-000000000002', '8e000001-0000-4000-8000-000000000001', '10000001-0000-4000-8000-000000000001', 'c1000003-0000-4000-8000-000000000003',
   'c2000004-0000-4000-8000-000000000004', NULL, 'Ravi Singh', 'ravi.singh@lakeshore.example.com',
   date_trunc('hour', now()) + interval '4 days', date_trunc('hour', now()) + interval '4 days 30 minutes', NULL, 'https://meet.example.com/ravi', 'confirmed',
   'c4000012-0000-4000-8000-000000000012');


-- Notification templates and queue, integrations, scheduled jobs and analytics snapshots
-- (issue 17); ids 9100000n, 9200000n, 9300000n, 9400000n, 9500000n. The Stripe integration's
-- secret is not here: it never is in a synced row (the server keeps it apart).
INSERT INTO notification_templates (id, account_id, template_key, channel, locale, name, subject, body, variables, is_default) VALUES
  ('91000001-0000-4000-8000-000000000001', 'aa000001-0000-4000-8000-000000000001', 'order_confirmation', 'email', 'en', 'Order confirmation',
   'Your tickets for {{event_name}}', 'Hi {{name}}, your order {{order_number}} is confirmed.', '["name", "event_name", "order_number"]', true),
  ('91000002-0000-4000-8000-000000000002', 'aa000001-0000-4000-8000-000000000001', 'waitlist_offer', 'sms', 'en', 'Waitlist offer (SMS)',
   NULL, 'A place at {{event_name}} is yours until {{expires_at}}.', '["event_name", "expires_at"]', true);

INSERT INTO notification_queue (id, event_id, template_id, channel, recipient_user_id, to_address, subject, body, priority, status, attempts, sent_at, dedupe_key, created_by) VALUES
  ('92000001-0000-4000-8000-000000000001', 'e0000002-0000-4000-8000-000000000002', '91000001-0000-4000-8000-000000000001', 'email',
   '10000006-0000-4000-8000-000000000006', 'customer@demo.eventos.test', 'Your tickets for Toronto Tech Networking Night',
   'Hi Casey, your order is confirmed.', 'normal', 'sent', 1, now() - interval '2 days', 'order_confirmation:30000009', '10000002-0000-4000-8000-000000000002'),
  ('92000002-0000-4000-8000-000000000002', 'e0000001-0000-4000-8000-000000000001', NULL, 'email', NULL, 'attendees@demo.eventos.test',
   'Doors open 30 minutes early', 'Bring your ticket QR code.', 'high', 'queued', 0, NULL, NULL, '10000002-0000-4000-8000-000000000002');

INSERT INTO integrations (id, account_id, provider, name, status, config, scopes, has_secret, secret_hint, connected_by, connected_at, last_sync_at) VALUES
  ('93000001-0000-4000-8000-000000000001', 'aa000001-0000-4000-8000-000000000001', 'stripe', 'Stripe (CAD)', 'connected',
   '{"account_country": "CA", "statement_descriptor": "NORTHWIND EVENTS"}', '{payments,refunds}', true, '4242',
   '10000001-0000-4000-8000-000000000001', now() - interval '90 days', now() - interval '1 hour'),
  ('93000002-0000-4000-8000-000000000002', 'aa000001-0000-4000-8000-000000000001', 'mailchimp', 'Newsletter', 'disconnected',
   '{"audience": "Toronto events"}', '{}', false, NULL, NULL, NULL, NULL);

INSERT INTO scheduled_jobs (id, account_id, kind, name, cron, payload, is_active, next_run_at, last_run_at, last_status, run_count, created_by) VALUES
  ('94000001-0000-4000-8000-000000000001', 'aa000001-0000-4000-8000-000000000001', 'send_notifications', 'Send queued messages', '*/5 * * * *',
   '{}', true, date_trunc('hour', now()) + interval '1 hour', date_trunc('hour', now()), 'succeeded', 4120, '10000001-0000-4000-8000-000000000001'),
  ('94000002-0000-4000-8000-000000000002', 'aa000001-0000-4000-8000-000000000001', 'analytics_snapshot', 'Nightly snapshots', '0 4 * * *',
   '{"periods": ["day", "event"]}', true, date_trunc('day', now()) + interval '1 day 4 hours', date_trunc('day', now()) + interval '4 hours', 'succeeded', 380,
   '10000001-0000-4000-8000-000000000001');

INSERT INTO analytics (id, account_id, event_id, metric, period, period_start, period_end, value, unit, source, computed_at, computed_by) VALUES
  ('95000001-0000-4000-8000-000000000001', 'aa000001-0000-4000-8000-000000000001', 'e0000005-0000-4000-8000-000000000005', 'tickets_sold', 'event',
   (now() - interval '30 days')::date, (now() - interval '29 days')::date, 2, 'count', 'server', now() - interval '29 days', 'server'),
  ('95000002-0000-4000-8000-000000000002', 'aa000001-0000-4000-8000-000000000001', NULL, 'revenue_cents', 'month',
   date_trunc('month', now() - interval '1 month')::date, date_trunc('month', now())::date, 114700, 'cents', 'server', date_trunc('month', now()), 'server');

COMMIT;
