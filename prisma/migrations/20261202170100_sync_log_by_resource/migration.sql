-- A directory user's (or group's) own sync history on the console: the requests about one resource, newest
-- first, without walking the directory's whole log.
CREATE INDEX "SyncLogEntry_directoryId_resourceId_id_idx" ON "SyncLogEntry"("directoryId", "resourceId", "id");
