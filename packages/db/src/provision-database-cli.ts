import { readFileSync } from "node:fs";
import { provisionDatabase } from "./provision-database";

// scripts/quickstart: provision-database-cli.ts <server url> <database> <app role> <password file>
// prints DATABASE_OWNER_URL=… and DATABASE_URL=… (the password is read from a file, never given on a command line).
try {
  const [serverUrl = "", database = "", role = "", passwordFile = ""] = process.argv.slice(2);
  const password = readFileSync(passwordFile, "utf8").trim();
  const { ownerUrl, appUrl } = await provisionDatabase(serverUrl, database, { role, password });
  console.log(`DATABASE_OWNER_URL=${ownerUrl}\nDATABASE_URL=${appUrl}`);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
