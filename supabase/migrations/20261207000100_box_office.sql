-- The box office and venue time zones (issue 13): the columns the desktop replica's migration
-- V5 adds, same names, same rules.
--
-- venues.timezone: the venue's IANA time zone; an event's times are shown in it.
-- orders.payment_method: cash or card terminal at the door, complimentary, or online.
-- tickets.status_reason: why a ticket was cancelled or refunded.
ALTER TABLE public.venues ADD COLUMN timezone text;
ALTER TABLE public.orders ADD COLUMN payment_method text
  CONSTRAINT payment_method CHECK (payment_method IN ('cash', 'card', 'complimentary', 'online'));
ALTER TABLE public.tickets ADD COLUMN status_reason text;
