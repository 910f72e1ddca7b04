import { loadConfig } from "@berth/config";
import { ensureFirstAdmin } from "@berth/core";
import { checkDatabase, createDb } from "@berth/db";
import { migrateForApp } from "@berth/db/migrate";

/**
 * Migrates the database as the owner role (DATABASE_OWNER_URL), grants the app role (DATABASE_URL) what web and worker
 * need, and, on first run only, creates the first admin and prints its one-time password.
 * Used by `npm run quickstart` and by the stack's bootstrap service; web and worker never hold the owner's URL.
 */
try {
  const config = loadConfig();
  await checkDatabase(config.DATABASE_OWNER_URL ?? config.DATABASE_URL);
  const applied = await migrateForApp(config.DATABASE_OWNER_URL, config.DATABASE_URL);
  if (applied.length) console.log(`Applied migrations: ${applied.join(", ")}.`);
  const db = createDb(config.DATABASE_URL);
  const password = await ensureFirstAdmin(db, config.BERTH_ADMIN_EMAIL);
  await db.$disconnect();
  if (password) {
    console.log(`First admin created: ${config.BERTH_ADMIN_EMAIL}`);
    console.log(`One-time password:   ${password}`);
    console.log("It is shown only now and stored hashed; Berth asks for a password of your own at the first sign-in.");
  }
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
