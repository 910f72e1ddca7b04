import type { ReactNode } from "react";

/** A labelled form control with the server's message for it, if any. */
export function Field({ label, error, children }: { label: string; error?: string; children: ReactNode }) {
  return (
    <div>
      {/* biome-ignore lint/a11y/noLabelWithoutControl: the control is the children, inside the label */}
      <label>
        {label}
        {children}
      </label>
      {error ? <div className="field-error">{error}</div> : null}
    </div>
  );
}
