import { type APIRequestContext, expect, type Page, request } from "@playwright/test";
import { BASE_URL } from "./global-setup";

export const ADMIN_EMAIL = "admin@berth.local";
/** The first admin's password, which global-setup chose in place of the bootstrap's one-time password. */
export const adminPassword = () => process.env.BERTH_E2E_ADMIN_PASSWORD ?? "";
/** The password the specs give the users they create. */
export const PASSWORD = "correct horse battery staple";

/** An API client signed in as `email`. */
export async function signedIn(email: string, password: string): Promise<APIRequestContext> {
  const context = await request.newContext({ baseURL: BASE_URL });
  const response = await context.post("/api/v1/auth/login", { data: { email, password } });
  expect(response.status(), `sign-in of ${email}`).toBe(200);
  return context;
}

/** Signs in through the sign-in page, and waits for the projects page it leads to. */
export async function signInPage(page: Page, email: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Projects" })).toBeVisible();
}
