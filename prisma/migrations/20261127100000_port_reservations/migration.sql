-- The host ports tenants' projects publish: one project per port across every tenant, so that no two claim one.
-- A reservation is written with its project and goes when the project's row is deleted (after its services).

CREATE TABLE "port_reservations" (
    "port" INTEGER NOT NULL,
    "project_id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    CONSTRAINT "port_reservations_pkey" PRIMARY KEY ("port"),
    CONSTRAINT "port_reservations_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "port_reservations_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
CREATE INDEX "port_reservations_project_id_idx" ON "port_reservations"("project_id");
CREATE INDEX "port_reservations_tenant_id_idx" ON "port_reservations"("tenant_id");

-- Projects that exist already keep the host ports they publish (the first project to claim one keeps it).
INSERT INTO "port_reservations" ("port", "project_id", "tenant_id")
SELECT DISTINCT ON ((p ->> 'published')::int) (p ->> 'published')::int, s."project_id", s."tenant_id"
FROM "services" s, jsonb_array_elements(s."ports") p
WHERE jsonb_typeof(p -> 'published') = 'number'
ORDER BY (p ->> 'published')::int, s."created_at";
