import { signOut } from "@berth/core";
import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api";
import { sessionCookieName, sessionCookieOptions } from "@/lib/session";

export const POST = apiRoute(
  async ({ ctx, sessionToken }) => {
    if (sessionToken) await signOut(ctx, sessionToken);
    const response = NextResponse.json({ signedOut: true });
    response.cookies.set(sessionCookieName(), "", sessionCookieOptions(new Date(0)));
    return response;
  },
  { beforePasswordChange: true },
);
