import { loadConfig } from "@berth/config";
import { migrateForApp } from "./migrate";

try {
  const config = loadConfig(process.env, ["DATABASE_URL", "DATABASE_OWNER_URL"]);
  const applied = await migrateForApp(config.DATABASE_OWNER_URL, config.DATABASE_URL);
  console.log(applied.length ? `Applied ${applied.join(", ")}.` : "Database is up to date.");
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
