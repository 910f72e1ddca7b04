import { z } from "zod";

/** A lower-case DNS label: what tenant, project and service names become in Swarm object names. */
export const slug = z
  .string()
  .trim()
  .min(1, "Enter a name.")
  .max(30, "Use at most 30 characters.")
  .regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/, "Use lower-case letters, digits and inner hyphens only.");
