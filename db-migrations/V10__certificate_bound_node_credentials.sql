-- RFC 8705: a node credential issued over mutual TLS is bound to the client certificate of that
-- exchange, and accepted only with it. Kept is the certificate's SHA-256 thumbprint as RFC 8705
-- writes it (x5t#S256: base64url without padding, 43 characters); other kinds are never bound.
ALTER TABLE token ADD COLUMN cnf_x5t_s256 varchar(43);
ALTER TABLE token ADD CONSTRAINT token_cnf_x5t_s256 CHECK (
    cnf_x5t_s256 IS NULL OR (kind = 'node' AND cnf_x5t_s256 ~ '^[A-Za-z0-9_-]{43}$'));
