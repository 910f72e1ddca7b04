-- Web processes keep the principals of sessions and API tokens for a few seconds. Whatever changes who a session or
-- token stands for, by any path (Berth's code, a cascade, an operator's SQL), tells them at once on the channel
-- berth_principals: `session:<id>` when a session ends, `user:<id>` when a user or its memberships change (its
-- sessions and the tokens it created), `token:<id>` when a token changes (revoked, say).

CREATE FUNCTION "berth_principal_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changed RECORD := COALESCE(NEW, OLD);
BEGIN
  IF TG_TABLE_NAME = 'sessions' THEN
    PERFORM pg_notify('berth_principals', 'session:' || OLD."id");
  ELSIF TG_TABLE_NAME = 'users' THEN
    PERFORM pg_notify('berth_principals', 'user:' || changed."id");
  ELSIF TG_TABLE_NAME = 'memberships' THEN
    PERFORM pg_notify('berth_principals', 'user:' || changed."user_id");
  ELSIF TG_TABLE_NAME = 'api_tokens' THEN
    PERFORM pg_notify('berth_principals', 'token:' || changed."id");
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "sessions_principal_changed" AFTER DELETE ON "sessions"
  FOR EACH ROW EXECUTE FUNCTION "berth_principal_changed"();
CREATE TRIGGER "users_principal_changed" AFTER UPDATE OR DELETE ON "users"
  FOR EACH ROW EXECUTE FUNCTION "berth_principal_changed"();
CREATE TRIGGER "memberships_principal_changed" AFTER INSERT OR UPDATE OR DELETE ON "memberships"
  FOR EACH ROW EXECUTE FUNCTION "berth_principal_changed"();
CREATE TRIGGER "api_tokens_principal_removed" AFTER DELETE ON "api_tokens"
  FOR EACH ROW EXECUTE FUNCTION "berth_principal_changed"();
-- Not when only last_used_at moves (once a minute per busy token): that changes nobody's rights.
CREATE TRIGGER "api_tokens_principal_changed" AFTER UPDATE ON "api_tokens"
  FOR EACH ROW WHEN (
    ROW(OLD."token_hash", OLD."tenant_id", OLD."platform_role", OLD."tenant_role", OLD."created_by_id",
        OLD."expires_at", OLD."revoked_at")
    IS DISTINCT FROM
    ROW(NEW."token_hash", NEW."tenant_id", NEW."platform_role", NEW."tenant_role", NEW."created_by_id",
        NEW."expires_at", NEW."revoked_at")
  ) EXECUTE FUNCTION "berth_principal_changed"();
