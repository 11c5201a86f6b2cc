import SQLKit

/// The schema, as the ordered list of every migration the store has ever had.
public enum Schema {
    /// Every migration the store has ever had, in order: the foundation (1–7), then the city-scale
    /// indexes and compactions (8 onwards, in `Schema+CityScale.swift`).
    public static let migrations: [Migration] = foundation + cityScale

    /// Migrations 1–7: the tables of every register, the case loop and evaluation.
    static let foundation: [Migration] = [
        Migration(
            version: 1, name: "regions and settings",
            statements: [
                """
                CREATE TABLE regions (
                    code TEXT PRIMARY KEY,
                    level TEXT NOT NULL,
                    depth INTEGER NOT NULL,
                    name TEXT NOT NULL,
                    name_en TEXT,
                    parent_code TEXT REFERENCES regions(code) DEFERRABLE INITIALLY DEFERRED,
                    division_parent_code TEXT REFERENCES regions(code) DEFERRABLE INITIALLY DEFERRED,
                    synthetic BOOLEAN NOT NULL,
                    area_m2 DOUBLE PRECISION NOT NULL,
                    centroid_lon DOUBLE PRECISION NOT NULL,
                    centroid_lat DOUBLE PRECISION NOT NULL,
                    min_lon DOUBLE PRECISION NOT NULL,
                    min_lat DOUBLE PRECISION NOT NULL,
                    max_lon DOUBLE PRECISION NOT NULL,
                    max_lat DOUBLE PRECISION NOT NULL,
                    geometry TEXT NOT NULL,
                    created_at TEXT NOT NULL,
                    updated_at TEXT NOT NULL
                )
                """,
                "CREATE INDEX regions_parent ON regions (parent_code, code)",
                "CREATE INDEX regions_level ON regions (level, code)",
                "CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL, updated_at TEXT NOT NULL)",
            ]),
        Migration(version: 2, name: "people, departments, grants, sessions, API keys, login attempts, audit") { db, dialect in
            let serial = dialect == .sqlite ? "INTEGER PRIMARY KEY AUTOINCREMENT" : "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY"
            let statements = [
                """
                CREATE TABLE departments (
                    id TEXT PRIMARY KEY,
                    name TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    credit_code TEXT UNIQUE,
                    parent_id TEXT REFERENCES departments(id),
                    region_code TEXT REFERENCES regions(code),
                    active BOOLEAN NOT NULL,
                    created_at TEXT NOT NULL,
                    updated_at TEXT NOT NULL
                )
                """,
                """
                CREATE TABLE users (
                    id TEXT PRIMARY KEY,
                    username TEXT NOT NULL UNIQUE,
                    display_name TEXT NOT NULL,
                    phone TEXT,
                    department_id TEXT REFERENCES departments(id),
                    password_hash TEXT NOT NULL,
                    must_change_password BOOLEAN NOT NULL,
                    password_is_default BOOLEAN NOT NULL,
                    disabled BOOLEAN NOT NULL,
                    created_at TEXT NOT NULL,
                    updated_at TEXT NOT NULL,
                    last_login_at TEXT
                )
                """,
                """
                CREATE TABLE grants (
                    id TEXT PRIMARY KEY,
                    user_id TEXT NOT NULL REFERENCES users(id),
                    role TEXT NOT NULL,
                    region_code TEXT REFERENCES regions(code),
                    department_id TEXT REFERENCES departments(id),
                    created_at TEXT NOT NULL
                )
                """,
                "CREATE INDEX grants_user ON grants (user_id)",
                """
                CREATE TABLE sessions (
                    token_hash TEXT PRIMARY KEY,
                    user_id TEXT NOT NULL REFERENCES users(id),
                    csrf_token TEXT NOT NULL,
                    created_at TEXT NOT NULL,
                    last_seen_at TEXT NOT NULL,
                    expires_at TEXT NOT NULL,
                    revoked_at TEXT,
                    address TEXT,
                    user_agent TEXT
                )
                """,
                "CREATE INDEX sessions_user ON sessions (user_id)",
                """
                CREATE TABLE api_keys (
                    id TEXT PRIMARY KEY,
                    user_id TEXT NOT NULL REFERENCES users(id),
                    name TEXT NOT NULL,
                    secret_hash TEXT NOT NULL,
                    permissions TEXT,
                    created_at TEXT NOT NULL,
                    expires_at TEXT NOT NULL,
                    revoked_at TEXT,
                    last_used_at TEXT
                )
                """,
                "CREATE INDEX api_keys_user ON api_keys (user_id)",
                """
                CREATE TABLE login_attempts (
                    id \(serial),
                    username TEXT NOT NULL,
                    address TEXT NOT NULL,
                    at TEXT NOT NULL,
                    success BOOLEAN NOT NULL
                )
                """,
                "CREATE INDEX login_attempts_username ON login_attempts (username, at)",
                "CREATE INDEX login_attempts_address ON login_attempts (address, at)",
                """
                CREATE TABLE audit_log (
                    id \(serial),
                    at TEXT NOT NULL,
                    actor_user_id TEXT,
                    actor TEXT NOT NULL,
                    role TEXT,
                    address TEXT,
                    request_id TEXT,
                    action TEXT NOT NULL,
                    target_type TEXT NOT NULL,
                    target_id TEXT,
                    details TEXT NOT NULL
                )
                """,
                "CREATE INDEX audit_log_at ON audit_log (at)",
                "CREATE INDEX audit_log_actor ON audit_log (actor_user_id, at)",
                "CREATE INDEX audit_log_target ON audit_log (target_type, target_id)",
            ]
            for statement in statements { try await db.raw(SQLQueryString(statement)).run() }
            // The audit trail is append-only in the database itself, not only by convention.
            switch dialect {
            case .sqlite:
                try await db.raw("CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END").run()
                try await db.raw("CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END").run()
            case .postgres:
                try await db.raw(
                    "CREATE FUNCTION finegrain_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$"
                ).run()
                try await db.raw(
                    "CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION finegrain_append_only()"
                ).run()
            }
        },
        Migration(
            version: 3, name: "catalogue, cases and their event log, photos, responsibility rules",
            statements: [
                """
                CREATE TABLE catalogue_classes (
                    kind TEXT NOT NULL,
                    code TEXT NOT NULL,
                    name TEXT NOT NULL,
                    name_en TEXT,
                    major_code TEXT NOT NULL,
                    major_name TEXT NOT NULL,
                    standard TEXT NOT NULL,
                    note TEXT,
                    attributes TEXT NOT NULL,
                    active BOOLEAN NOT NULL,
                    updated_at TEXT NOT NULL,
                    PRIMARY KEY (kind, code)
                )
                """,
                """
                CREATE TABLE legacy_class_mappings (
                    legacy_kind TEXT NOT NULL,
                    legacy_code TEXT NOT NULL,
                    new_kind TEXT NOT NULL,
                    new_code TEXT NOT NULL,
                    basis TEXT NOT NULL,
                    PRIMARY KEY (legacy_kind, legacy_code)
                )
                """,
                """
                CREATE TABLE cases (
                    id TEXT PRIMARY KEY,
                    number TEXT NOT NULL UNIQUE,
                    source TEXT NOT NULL,
                    class_kind TEXT NOT NULL,
                    class_code TEXT NOT NULL,
                    urgency TEXT NOT NULL,
                    description TEXT NOT NULL,
                    lon DOUBLE PRECISION NOT NULL,
                    lat DOUBLE PRECISION NOT NULL,
                    grid_code TEXT,
                    community_code TEXT,
                    subdistrict_code TEXT,
                    district_code TEXT,
                    reporter_user_id TEXT,
                    status TEXT NOT NULL,
                    department_id TEXT,
                    due_at TEXT,
                    reported_at TEXT NOT NULL,
                    filed_at TEXT,
                    closed_at TEXT,
                    updated_at TEXT NOT NULL,
                    rework_count INTEGER NOT NULL,
                    version INTEGER NOT NULL,
                    body TEXT NOT NULL
                )
                """,
                "CREATE INDEX cases_status ON cases (status, due_at)",
                "CREATE INDEX cases_reported ON cases (reported_at)",
                "CREATE INDEX cases_district ON cases (district_code, status)",
                "CREATE INDEX cases_subdistrict ON cases (subdistrict_code, status)",
                "CREATE INDEX cases_grid ON cases (grid_code)",
                "CREATE INDEX cases_department ON cases (department_id, status)",
                "CREATE INDEX cases_class ON cases (class_kind, class_code)",
                "CREATE INDEX cases_reporter ON cases (reporter_user_id)",
                """
                CREATE TABLE case_events (
                    case_id TEXT NOT NULL REFERENCES cases(id),
                    sequence INTEGER NOT NULL,
                    type TEXT NOT NULL,
                    at TEXT NOT NULL,
                    actor_user_id TEXT,
                    actor_role TEXT,
                    body TEXT NOT NULL,
                    previous_hash TEXT NOT NULL,
                    hash TEXT NOT NULL,
                    PRIMARY KEY (case_id, sequence)
                )
                """,
                "CREATE INDEX case_events_at ON case_events (at)",
                "CREATE TABLE counters (name TEXT PRIMARY KEY, value BIGINT NOT NULL)",
                """
                CREATE TABLE photos (
                    sha256 TEXT PRIMARY KEY,
                    content_type TEXT NOT NULL,
                    size BIGINT NOT NULL,
                    uploaded_by TEXT,
                    created_at TEXT NOT NULL
                )
                """,
                """
                CREATE TABLE responsibility_rules (
                    id TEXT PRIMARY KEY,
                    class_kind TEXT,
                    code_prefix TEXT NOT NULL,
                    region_code TEXT REFERENCES regions(code),
                    department_id TEXT NOT NULL REFERENCES departments(id),
                    priority INTEGER NOT NULL,
                    valid_from TEXT,
                    valid_to TEXT,
                    note TEXT,
                    created_at TEXT NOT NULL
                )
                """,
            ]),
        Migration(
            version: 4, name: "versioned deadline policies",
            statements: [
                """
                CREATE TABLE deadline_policies (
                    version TEXT PRIMARY KEY,
                    effective_from TEXT NOT NULL,
                    body TEXT NOT NULL,
                    created_at TEXT NOT NULL
                )
                """,
            ]),
        Migration(version: 5, name: "component register and its history") { db, dialect in
            let serial = dialect == .sqlite ? "INTEGER PRIMARY KEY AUTOINCREMENT" : "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY"
            let statements = [
                """
                CREATE TABLE components (
                    id TEXT PRIMARY KEY,
                    class_code TEXT NOT NULL,
                    name TEXT NOT NULL,
                    authority_code TEXT NOT NULL,
                    status TEXT NOT NULL,
                    grid_code TEXT,
                    community_code TEXT,
                    subdistrict_code TEXT,
                    district_code TEXT,
                    lon DOUBLE PRECISION NOT NULL,
                    lat DOUBLE PRECISION NOT NULL,
                    min_lon DOUBLE PRECISION NOT NULL,
                    min_lat DOUBLE PRECISION NOT NULL,
                    max_lon DOUBLE PRECISION NOT NULL,
                    max_lat DOUBLE PRECISION NOT NULL,
                    body TEXT NOT NULL,
                    created_at TEXT NOT NULL,
                    updated_at TEXT NOT NULL
                )
                """,
                "CREATE INDEX components_class ON components (class_code)",
                "CREATE INDEX components_grid ON components (grid_code)",
                "CREATE INDEX components_subdistrict ON components (subdistrict_code)",
                "CREATE INDEX components_district ON components (district_code)",
                "CREATE INDEX components_lon ON components (lon, lat)",
                "CREATE INDEX components_authority ON components (authority_code)",
                """
                CREATE TABLE component_history (
                    id \(serial),
                    component_id TEXT NOT NULL REFERENCES components(id),
                    at TEXT NOT NULL,
                    actor TEXT NOT NULL,
                    actor_user_id TEXT,
                    request_id TEXT,
                    kind TEXT NOT NULL,
                    changes TEXT NOT NULL
                )
                """,
                "CREATE INDEX component_history_component ON component_history (component_id, id)",
            ]
            for statement in statements { try await db.raw(SQLQueryString(statement)).run() }
        },
        Migration(
            version: 6, name: "responsibility by component owner or maintainer",
            statements: ["ALTER TABLE responsibility_rules ADD COLUMN component_party_code TEXT"]),
        Migration(
            version: 7, name: "evaluation: configuration versions, four-in-one records, publications",
            statements: [
                "CREATE INDEX cases_closed ON cases (closed_at)",
                """
                CREATE TABLE evaluation_configs (
                    version TEXT PRIMARY KEY,
                    effective_from TEXT NOT NULL,
                    body TEXT NOT NULL,
                    created_by TEXT,
                    created_at TEXT NOT NULL
                )
                """,
                """
                CREATE TABLE review_records (
                    id TEXT PRIMARY KEY,
                    kind TEXT NOT NULL,
                    month TEXT NOT NULL,
                    region_code TEXT NOT NULL REFERENCES regions(code),
                    body TEXT NOT NULL,
                    recorded_by TEXT,
                    updated_at TEXT NOT NULL
                )
                """,
                "CREATE INDEX review_records_month ON review_records (month, region_code)",
                """
                CREATE TABLE key_tasks (
                    id TEXT PRIMARY KEY,
                    month TEXT NOT NULL,
                    title TEXT NOT NULL,
                    target TEXT NOT NULL,
                    full_score DOUBLE PRECISION NOT NULL,
                    created_by TEXT,
                    created_at TEXT NOT NULL
                )
                """,
                "CREATE INDEX key_tasks_month ON key_tasks (month)",
                """
                CREATE TABLE key_task_scores (
                    task_id TEXT NOT NULL REFERENCES key_tasks(id),
                    region_code TEXT NOT NULL REFERENCES regions(code),
                    score DOUBLE PRECISION NOT NULL,
                    note TEXT,
                    scored_by TEXT,
                    scored_at TEXT NOT NULL,
                    PRIMARY KEY (task_id, region_code)
                )
                """,
                """
                CREATE TABLE third_party_scores (
                    month TEXT NOT NULL,
                    region_code TEXT NOT NULL REFERENCES regions(code),
                    survey DOUBLE PRECISION NOT NULL,
                    field_test DOUBLE PRECISION NOT NULL,
                    assessor TEXT NOT NULL,
                    source TEXT NOT NULL,
                    imported_by TEXT,
                    imported_at TEXT NOT NULL,
                    PRIMARY KEY (month, region_code)
                )
                """,
                """
                CREATE TABLE evaluation_publications (
                    period TEXT NOT NULL,
                    level TEXT NOT NULL,
                    configuration_version TEXT NOT NULL,
                    inputs_hash TEXT NOT NULL,
                    sheet TEXT NOT NULL,
                    published_by TEXT,
                    published_at TEXT NOT NULL,
                    PRIMARY KEY (period, level)
                )
                """,
            ]),
    ]
}
