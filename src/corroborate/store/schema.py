"""The schema, as an ordered list of named migrations. Append; never edit a released step."""

MIGRATIONS: list[tuple[str, list[str]]] = [
    ("documents-texts-claims", [
        """CREATE TABLE documents (
            doc_id      TEXT NOT NULL,
            version     INTEGER NOT NULL,
            sha256      TEXT NOT NULL,
            content     BLOB NOT NULL,        -- the original bytes, never modified
            media_type  TEXT NOT NULL,
            origin      TEXT NOT NULL,
            captured_at TIMESTAMPTZ NOT NULL,
            title       TEXT,
            outlet      TEXT,
            published   TEXT,
            url         TEXT,
            authors     TEXT,                 -- JSON list
            PRIMARY KEY (doc_id, version)
        )""",
        """CREATE TABLE texts (
            doc_id   TEXT NOT NULL,
            version  INTEGER NOT NULL,
            text     TEXT NOT NULL,
            pieces   TEXT NOT NULL,           -- JSON [[clean_start, original_start, length], ...]
            method   TEXT NOT NULL,
            PRIMARY KEY (doc_id, version)
        )""",
        """CREATE TABLE claims (
            doc_id      TEXT NOT NULL,
            version     INTEGER NOT NULL,
            n           INTEGER NOT NULL,     -- order within the document
            sha256      TEXT NOT NULL,        -- of the document the claim was read from
            outcome     TEXT NOT NULL,
            low         INTEGER,
            high        INTEGER,
            qualifier   TEXT NOT NULL,
            victims     TEXT,
            victim_type TEXT NOT NULL,
            perpetrator TEXT,
            place       TEXT,
            date        TEXT,
            source      TEXT,
            status      TEXT NOT NULL,
            scope       TEXT NOT NULL,
            evidence    TEXT NOT NULL,
            sent_start  INTEGER NOT NULL,     -- the evidence sentence in the cleaned text
            sent_end    INTEGER NOT NULL,
            PRIMARY KEY (doc_id, version, n)
        )""",
        """CREATE VIEW current_documents AS
            SELECT d.* FROM documents d
            JOIN (SELECT doc_id, max(version) AS version FROM documents GROUP BY doc_id) l
            USING (doc_id, version)""",
    ]),
]
