import { z } from "zod";

const uuid = z.uuid();

/** Ids in URLs are UUIDs; anything else names nothing (and must not reach Postgres as a uuid). */
export const isUuid = (id: string) => uuid.safeParse(id).success;
