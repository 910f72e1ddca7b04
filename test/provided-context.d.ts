// What test/global-setup.ts provides to every test file through vitest's inject().
import "vitest";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    dockerHost: string;
  }
}
