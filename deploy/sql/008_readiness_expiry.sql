-- Assessments expire with time, not with a change: the day up to which expiries were looked for.
CREATE TABLE readiness_expiry_sweep (
  id TINYINT NOT NULL PRIMARY KEY,
  swept_through DATE NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- The first sweep looks at every expiry so far.
INSERT INTO readiness_expiry_sweep (id, swept_through) VALUES (1, '1970-01-01');
