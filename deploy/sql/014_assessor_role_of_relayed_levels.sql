-- Levels the learning outbox relay recorded before migration 013 carry the SERVICE role (7) as
-- their assessor; they are institutes' assessments like those recorded since (assessor role
-- TRAINING_INSTITUTE, 3), which is what ListAssessments promises. Their token is not known.
UPDATE assessment SET assessor_role = 3 WHERE assessor_role = 7;
