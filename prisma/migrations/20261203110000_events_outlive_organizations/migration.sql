-- Issue 12, item 5: deleting an organisation cascaded to its events and their pending webhook deliveries, so
-- the host product never learnt of it. Events now outlive their organisation: the `organization.deleted`
-- event is written in the deleting transaction and delivered to global endpoints afterwards.
ALTER TABLE "Event" DROP CONSTRAINT "Event_organizationId_fkey";
