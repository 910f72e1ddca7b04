const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids in URLs are UUIDs; anything else names nothing (and must not reach Postgres as a uuid). */
export const isUuid = (id: string) => UUID.test(id);
