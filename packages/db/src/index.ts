export { checkDatabase, DatabaseUnavailableError, databaseAddress } from "./check-database";
export { createDb, type Db } from "./client";
export type * from "./generated/prisma/client";
export { Prisma } from "./generated/prisma/client";
export { scopedTo, tenantsVisibleTo } from "./scoped-to";
