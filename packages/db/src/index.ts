export { checkDatabase, DatabaseUnavailableError, databaseAddress } from "./check-database";
export { createDb, type Db } from "./client";
export { databaseOutOfResources } from "./database-out-of-resources";
export { databaseUnreachableAt } from "./database-unreachable";
export type * from "./generated/prisma/client";
export { Prisma } from "./generated/prisma/client";
export { holdLeaderChannel } from "./leader-channel";
export { scopedTo, tenantsVisibleTo } from "./scoped-to";
