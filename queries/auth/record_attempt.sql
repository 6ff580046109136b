-- One sign-in attempt, keyed by a keyed hash of the e-mail or of the network address, at the
-- application's clock (the throttle window is measured with the same clock).
-- params: $subject_hash (VARCHAR), $succeeded (BOOLEAN), $attempted_at (TIMESTAMP)
insert into login_attempt (subject_hash, succeeded, attempted_at)
values ($subject_hash, $succeeded, $attempted_at)
