-- The box office and venue time zones (issue 13).
--
-- venues.timezone: the venue's IANA time zone ("America/Toronto"); an event's times are shown
-- in its venue's zone. Filled with the computer's zone when a venue is created without one.
-- orders.payment_method: how a sale was paid — cash or a card terminal at the door, a
-- complimentary ticket, or online (the web app). NULL on orders made before it existed.
-- tickets.status_reason: why a ticket was cancelled or refunded, as the organizer typed it.
ALTER TABLE venues ADD COLUMN timezone TEXT;
ALTER TABLE orders ADD COLUMN payment_method TEXT
  CONSTRAINT payment_method CHECK (payment_method IN ('cash', 'card', 'complimentary', 'online'));
ALTER TABLE tickets ADD COLUMN status_reason TEXT;
