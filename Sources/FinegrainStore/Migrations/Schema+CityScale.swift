import SQLKit

extension Schema {
    /// Migrations 8 onwards: what a city's years of cases needed — list indexes, the text index
    /// keyed by integers, a compact event log and, on PostgreSQL, stored text vectors. Each says
    /// in a comment what it measured.
    static let cityScale: [Migration] = [
        Migration(
            version: 8, name: "case lists at city scale: newest-first indexes by status and by region",
            statements: [
                "CREATE INDEX cases_status_reported ON cases (status, reported_at)",
                "CREATE INDEX cases_district_reported ON cases (district_code, reported_at)",
                "CREATE INDEX cases_subdistrict_reported ON cases (subdistrict_code, reported_at)",
            ]),
        Migration(version: 9, name: "case text search: a full-text index of two-character terms") { db, dialect in
            switch dialect {
            case .sqlite:
                try await db.raw("CREATE VIRTUAL TABLE case_search USING fts5(case_id UNINDEXED, terms, columnsize = 0)").run()
            case .postgres:
                try await db.raw("CREATE TABLE case_search (case_id TEXT PRIMARY KEY REFERENCES cases(id), terms TEXT NOT NULL)").run()
                try await db.raw("CREATE INDEX case_search_terms ON case_search USING GIN (to_tsvector('simple', terms))").run()
            }
            // Filled by migration 10, which keys the index by an integer.
        },
        Migration(version: 10, name: "case text search keyed by an integer search_rowid") { db, dialect in
            // Version 9 keyed the index by case id: the page of a common word then read back tens of
            // thousands of ids. Integers come straight out of the index.
            let statements: [String] =
                switch dialect {
                case .sqlite:
                    [
                        "DROP TABLE case_search",
                        "ALTER TABLE cases ADD COLUMN search_rowid INTEGER",
                        "UPDATE cases SET search_rowid = rowid",
                        "CREATE VIRTUAL TABLE case_search USING fts5(terms, content = '', contentless_delete = 1)",
                    ]
                case .postgres:
                    [
                        "DROP TABLE case_search",
                        "ALTER TABLE cases ADD COLUMN search_rowid BIGINT",
                        """
                        UPDATE cases SET search_rowid = numbered.n
                        FROM (SELECT id AS numbered_id, row_number() OVER (ORDER BY id) AS n FROM cases) AS numbered
                        WHERE cases.id = numbered.numbered_id
                        """,
                        "CREATE TABLE case_search (search_rowid BIGINT PRIMARY KEY, terms TEXT NOT NULL)",
                        "CREATE INDEX case_search_terms ON case_search USING GIN (to_tsvector('simple', terms))",
                    ]
                }
            for statement in statements + [
                "CREATE UNIQUE INDEX cases_search_rowid ON cases (search_rowid)",
                "INSERT INTO counters (name, value) SELECT 'case_search_rowid', coalesce(max(search_rowid), 0) FROM cases",
            ] {
                try await db.raw(SQLQueryString(statement)).run()
            }
            try await Store.indexCaseText(db, dialect)
        },
        Migration(
            version: 11, name: "case list indexes end with the id, so a page is read from the index alone",
            statements: [
                // Lists order by (time, id); an index on the time alone made the database read
                // every row it skipped to learn its id — a deep page read a thousand rows.
                "DROP INDEX cases_reported",
                "CREATE INDEX cases_reported ON cases (reported_at, id)",
                "DROP INDEX cases_status",
                "CREATE INDEX cases_status ON cases (status, due_at, id)",
                "DROP INDEX cases_status_reported",
                "CREATE INDEX cases_status_reported ON cases (status, reported_at, id)",
                "DROP INDEX cases_district_reported",
                "CREATE INDEX cases_district_reported ON cases (district_code, reported_at, id)",
                "DROP INDEX cases_subdistrict_reported",
                "CREATE INDEX cases_subdistrict_reported ON cases (subdistrict_code, reported_at, id)",
            ]),
        Migration(version: 12, name: "a compact event log: 32-byte hashes, the previous hash not stored") { db, dialect in
            // Two hex hashes were 128 of an event's 560 bytes. The previous hash is the hash of the
            // case's event before, which every reader has in hand (and the hash still covers it);
            // the hash itself is kept as its 32 bytes. On SQLite the table is also keyed by
            // (case_id, sequence) alone (WITHOUT ROWID): the separate index of that key was 6 % of the file.
            let statements: [String] =
                switch dialect {
                case .sqlite:
                    [
                        """
                        CREATE TABLE case_events_compact (
                            case_id TEXT NOT NULL REFERENCES cases(id),
                            sequence INTEGER NOT NULL,
                            type TEXT NOT NULL,
                            at TEXT NOT NULL,
                            actor_user_id TEXT,
                            actor_role TEXT,
                            body TEXT NOT NULL,
                            hash BLOB NOT NULL,
                            PRIMARY KEY (case_id, sequence)
                        ) WITHOUT ROWID
                        """,
                        """
                        INSERT INTO case_events_compact (case_id, sequence, type, at, actor_user_id, actor_role, body, hash)
                        SELECT case_id, sequence, type, at, actor_user_id, actor_role, body, unhex(hash) FROM case_events ORDER BY case_id, sequence
                        """,
                        "DROP TABLE case_events",
                        "ALTER TABLE case_events_compact RENAME TO case_events",
                        "CREATE INDEX case_events_at ON case_events (at)",
                    ]
                case .postgres:
                    [
                        "ALTER TABLE case_events DROP COLUMN previous_hash",
                        "ALTER TABLE case_events ALTER COLUMN hash TYPE BYTEA USING decode(hash, 'hex')",
                    ]
                }
            for statement in statements { try await db.raw(SQLQueryString(statement)).run() }
        },
        Migration(
            version: 13, name: "a region's or department's overdue cases counted from an index alone",
            statements: [
                // "Overdue in 张店区" counted 192,577 cases at ten million by reading each row for
                // its deadline (1.35 s); with the deadline in the index the count never leaves it.
                "DROP INDEX cases_district",
                "CREATE INDEX cases_district ON cases (district_code, status, due_at)",
                "DROP INDEX cases_subdistrict",
                "CREATE INDEX cases_subdistrict ON cases (subdistrict_code, status, due_at)",
                "DROP INDEX cases_department",
                "CREATE INDEX cases_department ON cases (department_id, status, due_at)",
            ]),
        Migration(
            version: 14, name: "the newest-first list index carries the search rowid, so a common word's walk never reads a row",
            statements: [
                // A page of `q=井盖` walks the newest cases checking each one's search rowid against
                // the word's matches: about 300 rows for twenty at ten million, each a row lookup.
                "DROP INDEX cases_reported",
                "CREATE INDEX cases_reported ON cases (reported_at, id, search_rowid)",
            ]),
        Migration(version: 15, name: "PostgreSQL's text index over stored vectors, so a match is not recomputed") { db, dialect in
            // The index was over `to_tsvector('simple', terms)`, computed again for every row the
            // database checked: a word in every case of ten million (街道) took 53 s to read, a
            // bitmap gone lossy rechecked 2.3 million rows (40 s). Read from a stored vector, the
            // first took 3.0 s and the second 2.7 s (1.2 s with room for an exact bitmap). The
            // vector replaces the text (nothing else read it); the table grows from 2.9 to 6.3 GiB
            // at ten million, and this took 3 min there. SQLite's FTS5 index holds its terms itself.
            guard dialect == .postgres else { return }
            for statement in [
                "CREATE TABLE case_search_vectors (search_rowid BIGINT PRIMARY KEY, terms TSVECTOR NOT NULL)",
                "INSERT INTO case_search_vectors (search_rowid, terms) SELECT search_rowid, to_tsvector('simple', terms) FROM case_search",
                "DROP TABLE case_search",
                "ALTER TABLE case_search_vectors RENAME TO case_search",
                "ALTER INDEX case_search_vectors_pkey RENAME TO case_search_pkey",
                "SET LOCAL maintenance_work_mem = '256MB'",
                "CREATE INDEX case_search_terms ON case_search USING GIN (terms)",
            ] {
                try await db.raw(SQLQueryString(statement)).run()
            }
        },
    ]
}
