/** Whether a process of this id runs: what tells a crashed run's leftovers (their process gone) from a live run's. */
export function processExists(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
