-- How many subscriptions a dump by a superuser would have.
-- Returns: subscriptions bigint
SELECT count(subname) AS subscriptions
FROM pg_subscription
WHERE $3 AND subdbid = (SELECT oid FROM pg_database WHERE datname = current_database());
