"use client";
import { useRouter } from "next/navigation";
import { startTransition } from "react";
import { ReadinessBanner } from "@/components/readiness-banner";

/**
 * What a page shows when it could not be rendered (Postgres away while it reads the session, say): which component
 * does not answer, from /readyz, and a way to try again that renders the page on the server anew; never a stack trace.
 */
export default function PageError({ reset }: { reset: () => void }) {
  const router = useRouter();
  const tryAgain = () =>
    startTransition(() => {
      router.refresh();
      reset();
    });
  return (
    <main>
      <h1>Berth could not show this page</h1>
      <ReadinessBanner />
      <p>Nothing was changed. Try again in a moment.</p>
      <button type="button" onClick={tryAgain}>
        Try again
      </button>
    </main>
  );
}
