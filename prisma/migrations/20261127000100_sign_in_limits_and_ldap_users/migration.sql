-- Sign-in failures are counted from the audit log by action and time; users from LDAP have no local password.

CREATE INDEX "audit_log_action_at_idx" ON "audit_log"("action", "at");
ALTER TABLE "users" ALTER COLUMN "password_hash" DROP NOT NULL;
