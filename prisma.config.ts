import { defineConfig } from "prisma/config";

// The CLI is used only for `prisma generate`, which needs no database; migrations are applied by
// `npm run db:migrate` (packages/db/src/migrate.ts), which records them in _prisma_migrations as Prisma does.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
