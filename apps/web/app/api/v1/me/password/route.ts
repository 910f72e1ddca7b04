import { changePassword } from "@berth/core";
import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api";
import { sessionCookieName, sessionCookieOptions } from "@/lib/session";

export const POST = apiRoute(
  async ({ ctx, body }) => {
    const { token, expiresAt } = await changePassword(ctx, body);
    const response = NextResponse.json({ passwordChanged: true });
    response.cookies.set(sessionCookieName(), token, sessionCookieOptions(expiresAt));
    return response;
  },
  { beforePasswordChange: true },
);
