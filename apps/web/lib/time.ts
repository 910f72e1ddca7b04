/** A time as the console shows it: UTC, to the minute (or the second), `—` for none. */
export const shownTime = (time: Date | null, seconds = false) =>
  time
    ? time
        .toISOString()
        .slice(0, seconds ? 19 : 16)
        .replace("T", " ")
    : "—";
