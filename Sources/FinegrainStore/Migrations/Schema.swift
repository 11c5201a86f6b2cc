/// The schema, as the ordered list of every migration the store has ever had.
public enum Schema {
    public static let migrations: [Migration] = [
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
    ]
}
