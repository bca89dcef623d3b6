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
    ("gazetteer", [
        """CREATE TABLE gazetteer_places (
            place_id     TEXT PRIMARY KEY,    -- "wof:421190435", "gn:171831"
            source       TEXT NOT NULL,       -- the import it came from
            name         TEXT NOT NULL,
            kind         TEXT NOT NULL,       -- locality, neighbourhood, county, region, country, feature
            feature_code TEXT,
            country      TEXT,                -- ISO 3166 alpha-2
            admin1       TEXT,                -- key of the governorate/state; a region carries its own
            admin2       TEXT,                -- key of the district/county
            admin1_name  TEXT,
            latitude     DOUBLE,
            longitude    DOUBLE,
            population   BIGINT,
            current      BOOLEAN NOT NULL,    -- false: abandoned or historical
            geonameid    BIGINT
        )""",
        """CREATE TABLE gazetteer_names (
            place_id TEXT NOT NULL,
            name     TEXT NOT NULL,           -- as the source spells it
            key      TEXT NOT NULL,           -- folded (corroborate/fold.py)
            sound    TEXT NOT NULL            -- the key's consonants, for fuzzy candidates
        )""",
        "CREATE INDEX gazetteer_names_key ON gazetteer_names (key)",
        "CREATE INDEX gazetteer_names_sound ON gazetteer_names (sound)",
        """CREATE TABLE gazetteer_sources (
            source       TEXT PRIMARY KEY,
            path         TEXT NOT NULL,
            places       INTEGER NOT NULL,
            names        INTEGER NOT NULL,
            fold_version TEXT NOT NULL,       -- keys are rebuilt when the folding rules change
            imported_at  TIMESTAMPTZ NOT NULL
        )""",
    ]),
    ("claims-geocoding", [
        "ALTER TABLE claims ADD COLUMN latitude DOUBLE",
        "ALTER TABLE claims ADD COLUMN longitude DOUBLE",
        "ALTER TABLE claims ADD COLUMN precision INTEGER",  # 1 exact place .. 6 country, like UCDP where_prec
        "ALTER TABLE claims ADD COLUMN place_id TEXT",
        "ALTER TABLE claims ADD COLUMN date_precision INTEGER",  # 1 day .. 4 month, like UCDP date_prec
    ]),
    ("events", [
        """CREATE TABLE events (
            doc_id         TEXT NOT NULL,
            version        INTEGER NOT NULL,
            n              INTEGER NOT NULL,  -- order within the document
            sha256         TEXT NOT NULL,     -- of the document the event was read from
            event_type     TEXT NOT NULL,     -- ACLED event type
            sub_event_type TEXT,
            date           TEXT,
            place          TEXT,
            latitude       DOUBLE,
            longitude      DOUBLE,
            admin1         TEXT,
            country        TEXT,
            actor1         TEXT,
            actor2         TEXT,
            killed_low     INTEGER,
            killed_high    INTEGER,
            injured_low    INTEGER,
            injured_high   INTEGER,
            fatalities     INTEGER NOT NULL,  -- the ACLED-profile figure
            evidence       TEXT NOT NULL,
            sent_start     INTEGER NOT NULL,  -- the evidence in the cleaned text
            sent_end       INTEGER NOT NULL,
            PRIMARY KEY (doc_id, version, n)
        )""",
    ]),
    ("incidents", [
        """CREATE TABLE incidents (
            id                  TEXT NOT NULL,     -- stable: kept by the claims it holds
            kind                TEXT NOT NULL,     -- incident | aggregate
            date_start          TEXT,
            date_end            TEXT,
            place               TEXT,
            place_id            TEXT,
            latitude            DOUBLE,
            longitude           DOUBLE,
            country             TEXT,
            event_type          TEXT,
            victim_type         TEXT NOT NULL,
            killed_low          INTEGER,
            killed_high         INTEGER,
            injured_low         INTEGER,
            injured_high        INTEGER,
            grade               TEXT NOT NULL,
            independent_sources INTEGER NOT NULL
        )""",
        """CREATE TABLE incident_claims (
            incident_id TEXT NOT NULL,
            doc_id      TEXT NOT NULL,
            version     INTEGER NOT NULL,
            n           INTEGER NOT NULL,
            role        TEXT NOT NULL,             -- total, floor, vague, all deaths, outlier
            reason      TEXT                       -- why an outlier is one
        )""",
        "CREATE INDEX incident_claims_doc ON incident_claims (doc_id)",
        "CREATE INDEX incidents_id ON incidents (id)",
        """CREATE TABLE incident_history (
            incident_id TEXT NOT NULL,
            changed_at  TIMESTAMPTZ NOT NULL,
            cause       TEXT,                      -- the document whose ingest made the change
            change      TEXT NOT NULL,
            detail      TEXT NOT NULL              -- JSON: before and after
        )""",
        "CREATE INDEX incident_history_id ON incident_history (incident_id)",
    ]),
    ("tokens-audit", [
        """CREATE TABLE tokens (
            token_hash  TEXT PRIMARY KEY,      -- sha256 of the token: the token itself is never stored
            role        TEXT NOT NULL,         -- viewer, editor, admin
            name        TEXT NOT NULL,         -- who holds it, for the audit log
            created_at  TIMESTAMPTZ NOT NULL,
            revoked_at  TIMESTAMPTZ
        )""",
        """CREATE TABLE audit_log (
            changed_at  TIMESTAMPTZ NOT NULL,
            who         TEXT NOT NULL,         -- the token's name
            role        TEXT NOT NULL,
            action      TEXT NOT NULL,         -- ingest, claim status, merge, split, token
            subject     TEXT NOT NULL,         -- "document:<id>", "claim:<doc>:<n>", "incident:<id>"
            before_json TEXT,                  -- the record before the change
            after_json  TEXT                   -- and after it
        )""",
        "CREATE INDEX audit_log_subject ON audit_log (subject)",
    ]),
    ("incident-decisions", [
        # What a person decided by merging or splitting incidents: reconciling honours it.
        """CREATE TABLE incident_decisions (
            decided_at TIMESTAMPTZ NOT NULL,
            who        TEXT NOT NULL,          -- the token's name
            decision   TEXT NOT NULL,          -- together | apart; the latest for a pair holds
            claim      TEXT NOT NULL,          -- "doc:n", the lesser of the pair
            other      TEXT NOT NULL           -- "doc:n"
        )""",
        "CREATE INDEX incident_decisions_claim ON incident_decisions (claim)",
        "CREATE INDEX incident_decisions_other ON incident_decisions (other)",
    ]),
    ("documents-country", [
        "ALTER TABLE documents ADD COLUMN country TEXT",  # the country the document is about, when given
    ]),
    ("claims-place-facts", [
        # Recorded when the place is resolved, so that no later step asks the gazetteer again.
        "ALTER TABLE claims ADD COLUMN place_name TEXT",
        "ALTER TABLE claims ADD COLUMN place_kind TEXT",
        "ALTER TABLE claims ADD COLUMN country TEXT",
        "ALTER TABLE claims ADD COLUMN admin1 TEXT",
        "ALTER TABLE claims ADD COLUMN admin2 TEXT",
        "ALTER TABLE claims ADD COLUMN place_found BOOLEAN",  # the place as written, not only its container
    ]),
    ("incidents-precision", [
        # How precisely an incident is placed, as a word (reconcile/rules.toml [precision]).
        "ALTER TABLE incidents ADD COLUMN precision TEXT",
    ]),
    ("claims-cause", [
        # violence | indirect | other (../shared/spec/claims.md, "Cause"). Claims stored before
        # causes were read were all taken for violence, and reached incidents as such.
        "ALTER TABLE claims ADD COLUMN cause TEXT DEFAULT 'violence'",
        # An incident or aggregate holding claims of indirect deaths (starvation under siege,
        # disease in a camp): deaths the conflict caused without a violent act.
        "ALTER TABLE incidents ADD COLUMN indirect BOOLEAN DEFAULT false",
    ]),
    ("audit-every-ingest", [
        # Every stored version of a document now has its ingest entry, written with it. The
        # versions stored before say so, rather than pass for audited.
        """INSERT INTO audit_log
           SELECT d.captured_at, '(before the audit log)', 'unknown', 'ingest', 'document:' || d.doc_id, NULL,
                  json_object('version', d.version, 'sha256', d.sha256, 'origin', d.origin)::TEXT
           FROM documents d
           WHERE NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.subject = 'document:' || d.doc_id
                             AND a.action = 'ingest'
                             AND json_extract(a.after_json, '$.version')::INTEGER = d.version)""",
    ]),
    ("documents-focus", [
        # The country a document is most about, as its places were resolved (resolve/focus.py):
        # recorded once at ingest, read by reconciliation. Documents stored before have none,
        # and reconciliation takes the country most of their places are in.
        "ALTER TABLE documents ADD COLUMN focus TEXT",
    ]),
    ("victim-lists", [
        # Victim lists (../shared/spec/estimate.md): each list as imported, each record with its
        # row as written and the row's hash; the persons linkage made of them, and the scored
        # pairs it kept, so that persons can be remade at another threshold without linking again.
        """CREATE TABLE victim_lists (
            name        TEXT PRIMARY KEY,
            source      TEXT NOT NULL,         -- the file it was read from
            sha256      TEXT NOT NULL,         -- of that file
            imported_at TIMESTAMPTZ NOT NULL,
            country     TEXT,                  -- where its places are (ISO code), when given
            mapping     TEXT                   -- JSON {column: field}
        )""",
        """CREATE TABLE list_records (
            list TEXT NOT NULL, record_id TEXT NOT NULL, line INTEGER NOT NULL,
            original TEXT NOT NULL, sha256 TEXT NOT NULL,
            given_name TEXT, father_name TEXT, family_name TEXT, full_name TEXT, sex TEXT, age INTEGER,
            date_of_death TEXT, place_of_death TEXT,
            PRIMARY KEY (list, record_id)
        )""",
        """CREATE TABLE linkages (
            linked_at TIMESTAMPTZ NOT NULL,
            threshold DOUBLE NOT NULL,             -- the match probability persons were made at
            one_per_list BOOLEAN NOT NULL,         -- whether a person could hold two records of one list
            model     TEXT NOT NULL                -- Splink's trained model (JSON)
        )""",
        """CREATE TABLE person_links (
            left_record TEXT NOT NULL, right_record TEXT NOT NULL,   -- "list:record_id"
            match_weight DOUBLE NOT NULL, match_probability DOUBLE NOT NULL,
            agreement TEXT NOT NULL, weights TEXT NOT NULL          -- JSON by field compared
        )""",
        """CREATE TABLE persons (
            record TEXT PRIMARY KEY,               -- "list:record_id"
            person_id TEXT NOT NULL,
            -- the record's strata, as linkage read them: its place's governorate (resolved), year, sex
            governorate TEXT, year INTEGER, sex TEXT
        )""",
    ]),
    ("search-texts", [
        # Each document version's title and text as the keys of its words (corroborate/fold.py),
        # " key key … ": searching by folded words finds Baniyas where the text says Banias. Rebuilt
        # when the folding rules change (fold_version), as the gazetteer's keys are.
        """CREATE TABLE search_texts (
            doc_id       TEXT NOT NULL,
            version      INTEGER NOT NULL,
            folded       TEXT NOT NULL,
            fold_version TEXT NOT NULL,
            PRIMARY KEY (doc_id, version)
        )""",
    ]),
    ("audit-reason", [
        # Why a person made an edit (merge, split, a claim's status), in their words.
        "ALTER TABLE audit_log ADD COLUMN reason TEXT",
    ]),
]
