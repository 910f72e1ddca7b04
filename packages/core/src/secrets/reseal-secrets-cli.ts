import { loadConfig } from "@berth/config";
import { createDb } from "@berth/db";
import { resealSecrets } from "./reseal-secrets";
import { secretKeysFrom } from "./secret-keys";

// `npm run secrets:reseal`, after a rotation (BERTH_SECRET_KEY new, BERTH_SECRET_KEY_PREVIOUS old): re-seals every
// sealed column under the new key; the previous key can be dropped once it has run.
try {
  const config = loadConfig(process.env, ["DATABASE_URL", "BERTH_SECRET_KEY", "BERTH_SECRET_KEY_PREVIOUS"]);
  const db = createDb(config.DATABASE_URL);
  const principal = { kind: "system", name: "secrets:reseal" } as const;
  const counts = await resealSecrets({ db, principal, request: {}, secretKeys: secretKeysFrom(config) });
  await db.$disconnect();
  if (!counts.length) console.log("Nothing to re-seal: no column holds sealed values yet.");
  for (const { table, column, resealed } of counts) console.log(`${table}.${column}: ${resealed} re-sealed.`);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
