-- A person who left stops working on their leaving day: their assignments end there, so that
-- every "assigned on day D" question leaves them out from that day on. Mends the leavers stored
-- before the upsert did so, and tells the read models to recount them.
DELETE pa FROM person_assignment pa JOIN person p ON p.id = pa.person_id
WHERE p.status = 3 AND pa.effective_from >= p.left_on;

UPDATE person_assignment pa JOIN person p ON p.id = pa.person_id SET pa.effective_to = p.left_on
WHERE p.status = 3 AND pa.effective_to > p.left_on;

INSERT INTO change_log (occurred_at, kind, entity_id, detail)
SELECT UTC_TIMESTAMP(6), 'person', CAST(id AS CHAR), 'left' FROM person
WHERE status = 3 AND left_on IS NOT NULL ORDER BY id;
