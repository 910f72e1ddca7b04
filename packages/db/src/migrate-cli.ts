import { loadConfig } from "@berth/config";
import { migrate } from "./migrate";

try {
  const { DATABASE_URL } = loadConfig(process.env, ["DATABASE_URL"]);
  const applied = await migrate(DATABASE_URL);
  console.log(applied.length ? `Applied ${applied.join(", ")}.` : "Database is up to date.");
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
