/** The advisory lock key Prisma Migrate takes, so our migrator and `prisma migrate deploy` exclude each other. */
export const PRISMA_MIGRATE_LOCK = 72707369;
