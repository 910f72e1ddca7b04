import { z } from "zod";

/**
 * Any text a request may carry into Postgres: refuses NUL and lone UTF-16 surrogates (half of a character, which
 * no encoding can write), which Postgres cannot store and a password hash would not tell apart.
 */
export const storableText = () =>
  z.string().refine(
    (v) => !/[\0\p{Cs}]/u.test(v), // with the u flag, \p{Cs} matches only a surrogate without its pair
    "Remove the NUL or the broken character (half of a UTF-16 surrogate pair).",
  );

/** Text typed on one line (a name, a filter): trimmed, without control characters, which Postgres cannot all store. */
export const singleLine = () =>
  storableText()
    .trim()
    .regex(/^\P{Cc}*$/u, "Use no control characters (tabs, line breaks).");

/** An email address as typed: trimmed and lower-cased, so that it names the same user however it was written. */
export const emailField = () => storableText().trim().toLowerCase().email("Enter an email address.");
