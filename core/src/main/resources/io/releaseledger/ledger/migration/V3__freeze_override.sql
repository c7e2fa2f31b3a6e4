-- Who overrode which freeze window and why, beside the plan that holds it, so that every view of a release
-- (history, dashboard, timeline, release notes) shows it without reading the plan: canonical JSON
-- {"at":…,"by":…,"freeze":…,"frozenUntil":…,"reason":…}, NULL when no freeze was overridden.
ALTER TABLE releases ADD COLUMN freeze_override VARCHAR(4000);

-- Releases recorded before this column: the plan's canonical JSON (sorted keys) holds the override as the
-- object between "freezeOverride": and ,"job": (no string in it can hold ,"job": unescaped).
UPDATE releases
SET freeze_override = SUBSTRING(plan FROM POSITION('"freezeOverride":{' IN plan) + 17
                                     FOR POSITION(',"job":' IN plan) - POSITION('"freezeOverride":{' IN plan) - 17)
WHERE plan LIKE '%"freezeOverride":{%';
