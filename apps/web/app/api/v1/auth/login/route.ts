import { signIn } from "@berth/core";
import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api";
import { sessionCookieName, sessionCookieOptions } from "@/lib/session";

export const POST = apiRoute(
  async ({ ctx, body }) => {
    const { token, expiresAt, user } = await signIn(ctx, body);
    const response = NextResponse.json({ user });
    response.cookies.set(sessionCookieName(), token, sessionCookieOptions(expiresAt));
    return response;
  },
  { public: true },
);
