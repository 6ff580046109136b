-- The school's own secret for keyed hashes (pseudonyms, throttling), if made already.
select value
from setting
where key = 'secret.hmac_key'
