import { z } from "zod";

/** Text typed on one line (a name, a filter): trimmed, without control characters, which Postgres cannot all store. */
export const singleLine = () =>
  z
    .string()
    .trim()
    .regex(/^\P{Cc}*$/u, "Use no control characters (tabs, line breaks).");

/** An email address as typed: trimmed and lower-cased, so that it names the same user however it was written. */
export const emailField = () => z.string().trim().toLowerCase().email("Enter an email address.");
