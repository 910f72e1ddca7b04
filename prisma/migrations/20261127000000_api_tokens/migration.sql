-- API tokens: bearer tokens with a platform role, or a role in one tenant; only their sha256 is stored.

CREATE TABLE "api_tokens" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "tenant_id" UUID,
    "platform_role" "PlatformRole",
    "tenant_role" "TenantRole",
    "created_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3),
    "last_used_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),
    CONSTRAINT "api_tokens_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "api_tokens_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "api_tokens_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    -- Exactly one kind of role: a platform token has a platform role, a tenant token a tenant role.
    CONSTRAINT "api_tokens_one_role" CHECK (
        ("tenant_id" IS NULL AND "platform_role" IS NOT NULL AND "tenant_role" IS NULL)
        OR ("tenant_id" IS NOT NULL AND "tenant_role" IS NOT NULL AND "platform_role" IS NULL)
    )
);
CREATE UNIQUE INDEX "api_tokens_token_hash_key" ON "api_tokens"("token_hash");
CREATE INDEX "api_tokens_tenant_id_idx" ON "api_tokens"("tenant_id");
