-- Room on each page for a row's next version, so that the worker's claim of a delivery (attempts and
-- lastAttemptAt, no indexed column) is a heap-only (HOT) update that writes no index entry. A batch claims
-- up to 25 rows inserted together, about one page of them at this setting. Schema-only: Prisma's schema
-- language has no fillfactor, so `prisma migrate diff` sees nothing here.
ALTER TABLE "WebhookDelivery" SET (fillfactor = 50);
