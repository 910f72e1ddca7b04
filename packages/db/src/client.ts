import { setFlagsFromString } from "node:v8";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client";

export type Db = InstanceType<typeof PrismaClient>;

/**
 * A Prisma client over node-postgres; no query engine binary involved.
 * Prisma's query compiler is WebAssembly. V8's optimising tier for it cost each process about 45 MB (web and worker
 * alike) and no query time we could measure (0.6 ms per findUnique either way), so only the baseline compiler runs
 * it; the flag applies to WebAssembly compiled from now on, which Prisma does at the first query.
 */
export function createDb(databaseUrl: string): Db {
  setFlagsFromString("--liftoff-only");
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) });
}
