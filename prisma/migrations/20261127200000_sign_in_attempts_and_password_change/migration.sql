-- Sign-in attempts are counted in a table of their own, reserved before the password is checked, so that parallel
-- attempts cannot all pass the limit; a lock-out is one row however many attempts it refuses.
-- A user given a password by someone else (the first admin) must change it before doing anything else.

ALTER TABLE "users" ADD COLUMN "password_change_required" BOOLEAN NOT NULL DEFAULT false;

CREATE TABLE "sign_in_attempts" (
    "id" BIGSERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "ip" TEXT,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "succeeded" BOOLEAN,
    CONSTRAINT "sign_in_attempts_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "sign_in_attempts_email_at_idx" ON "sign_in_attempts"("email", "at");
CREATE INDEX "sign_in_attempts_ip_at_idx" ON "sign_in_attempts"("ip", "at");
CREATE INDEX "sign_in_attempts_at_idx" ON "sign_in_attempts"("at");

CREATE TABLE "sign_in_lockouts" (
    "key" TEXT NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "until" TIMESTAMPTZ(3) NOT NULL,
    "refused" INTEGER NOT NULL DEFAULT 1,
    CONSTRAINT "sign_in_lockouts_pkey" PRIMARY KEY ("key")
);
