import GRDB

extension StateStore {
    /// The schema, one GRDB migration per release that changes it. Never edit a shipped
    /// migration: add a new one (`v2-…`) below the last.
    ///
    /// Conventions: timestamps are GRDB dates (`YYYY-MM-DD HH:MM:SS.SSS`, UTC, so they sort and
    /// compare as text); JSON documents are TEXT so `json_extract` works from the sqlite shell;
    /// statuses are TEXT with CHECK constraints listing the raw values of the Swift enums.
    static let migrator: DatabaseMigrator = {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-initial", migrate: createInitialSchema)
        migrator.registerMigration("v2-billing-errors") { db in
            // Billing keeps its own failure on the mapping, so the provisioner clearing its sync
            // error does not clear billing's, and the other way round (SPEC P7).
            try db.execute(
                sql: """
                    ALTER TABLE company_mappings ADD COLUMN billing_error TEXT;
                    ALTER TABLE company_mappings ADD COLUMN billing_error_at TEXT;
                    """)
        }
        migrator.registerMigration("v3-console") { db in
            // Console operators (bcrypt hashes only) and their sessions. A session row is keyed by
            // the SHA-256 of the cookie's token, so the state file never holds a usable token.
            try db.execute(
                sql: """
                    CREATE TABLE console_operators (
                        name                TEXT PRIMARY KEY NOT NULL,
                        password_hash       TEXT NOT NULL,
                        failed_logins       INTEGER NOT NULL DEFAULT 0,
                        failed_logins_total INTEGER NOT NULL DEFAULT 0,
                        last_failed_at      TEXT,
                        last_login_at       TEXT,
                        created_at          TEXT NOT NULL,
                        updated_at          TEXT NOT NULL
                    ) WITHOUT ROWID;
                    CREATE TABLE console_sessions (
                        token_hash TEXT PRIMARY KEY NOT NULL,
                        operator   TEXT NOT NULL REFERENCES console_operators (name) ON DELETE CASCADE,
                        csrf_token TEXT NOT NULL,
                        created_at TEXT NOT NULL,
                        expires_at TEXT NOT NULL
                    ) WITHOUT ROWID;
                    CREATE INDEX console_sessions_expiry ON console_sessions (expires_at);
                    """)
        }
        migrator.registerMigration("v4-company-types") { db in
            // The PSA's company type names as last read (a JSON array), for filtering by type.
            try db.execute(sql: "ALTER TABLE company_mappings ADD COLUMN company_types TEXT")
        }
        migrator.registerMigration("v5-request-leases") { db in
            // Fleet-wide API limits (Autotask: 3 requests in flight per endpoint, an hourly budget
            // per database), shared by every process on this state. A slot row per allowed
            // request in flight; a lease names its holder and lapses at `expires_at`, so a killed
            // process blocks a slot only until then. The budget counts requests per minute.
            try db.execute(
                sql: """
                    CREATE TABLE request_slots (
                        scope      TEXT NOT NULL,
                        slot       INTEGER NOT NULL,
                        holder     TEXT,
                        lease      TEXT,
                        expires_at TEXT,
                        PRIMARY KEY (scope, slot)
                    ) WITHOUT ROWID;
                    CREATE TABLE request_budget (
                        scope    TEXT NOT NULL,
                        minute   INTEGER NOT NULL,
                        requests INTEGER NOT NULL,
                        PRIMARY KEY (scope, minute)
                    ) WITHOUT ROWID;
                    """)
        }
        migrator.registerMigration("v6-deferred-messages") { db in
            // Messages put aside for a retry (or while another instance holds them), due back on
            // their queue at `due_at`. Kept here rather than in broker delay queues, whose
            // dead-lettering back to the work queue can drop a message across a broker restart.
            // A relay leases due rows, publishes them and deletes them.
            try db.execute(
                sql: """
                    CREATE TABLE deferred_messages (
                        queue       TEXT NOT NULL,
                        message_id  TEXT NOT NULL,
                        headers     TEXT NOT NULL,
                        body        TEXT NOT NULL,
                        due_at      TEXT NOT NULL,
                        deferred_by TEXT NOT NULL,
                        deferred_at TEXT NOT NULL,
                        lease_owner TEXT,
                        lease_until TEXT,
                        PRIMARY KEY (queue, message_id)
                    ) WITHOUT ROWID;
                    CREATE INDEX deferred_messages_due ON deferred_messages (queue, due_at);
                    """)
        }
        return migrator
    }()

    private static func createInitialSchema(_ db: Database) throws {
        let psaCheck = "psa IN ('connectwise', 'autotask')"

        // Settings (applied documents; the newest version is the current one).
        try db.execute(
            sql: """
                CREATE TABLE settings (
                    version    INTEGER PRIMARY KEY AUTOINCREMENT,
                    document   TEXT NOT NULL,
                    digest     TEXT NOT NULL,
                    applied_at TEXT NOT NULL,
                    applied_by TEXT
                );
                """)

        // Inbox: one row per (worker, idempotency key); the claim is committed before the work.
        try db.execute(
            sql: """
                CREATE TABLE inbox (
                    worker          TEXT NOT NULL,
                    idempotency_key TEXT NOT NULL,
                    message_id      TEXT NOT NULL,
                    status          TEXT NOT NULL
                        CHECK (status IN ('in_progress', 'done', 'failed', 'failed_permanent')),
                    attempts        INTEGER NOT NULL,
                    lease_owner     TEXT NOT NULL,
                    lease_until     TEXT NOT NULL,
                    last_error      TEXT,
                    first_seen_at   TEXT NOT NULL,
                    updated_at      TEXT NOT NULL,
                    completed_at    TEXT,
                    PRIMARY KEY (worker, idempotency_key)
                ) WITHOUT ROWID;
                CREATE INDEX inbox_by_status_updated ON inbox (status, updated_at);
                CREATE INDEX inbox_by_message ON inbox (message_id);
                """)

        // Effects: one row per external write, keyed by the write's idempotency key.
        try db.execute(
            sql: """
                CREATE TABLE effects (
                    key            TEXT PRIMARY KEY NOT NULL,
                    kind           TEXT NOT NULL,
                    target         TEXT NOT NULL,
                    status         TEXT NOT NULL CHECK (status IN ('in_progress', 'completed', 'failed')),
                    attempts       INTEGER NOT NULL,
                    claimed_by     TEXT NOT NULL,
                    lease_until    TEXT NOT NULL,
                    external_ref   TEXT,
                    partial_result TEXT,
                    result         TEXT,
                    last_error     TEXT,
                    created_at     TEXT NOT NULL,
                    updated_at     TEXT NOT NULL,
                    completed_at   TEXT
                ) WITHOUT ROWID;
                CREATE INDEX effects_by_status_updated ON effects (status, updated_at);
                """)

        // Audit log: append-only, enforced by triggers.
        try db.execute(
            sql: """
                CREATE TABLE audit_log (
                    id            INTEGER PRIMARY KEY AUTOINCREMENT,
                    at            TEXT NOT NULL,
                    worker        TEXT NOT NULL,
                    action        TEXT NOT NULL,
                    target_system TEXT NOT NULL,
                    target_id     TEXT NOT NULL,
                    before        TEXT,
                    after         TEXT,
                    reason        TEXT NOT NULL,
                    message_id    TEXT,
                    effect_key    TEXT
                );
                CREATE INDEX audit_log_by_target ON audit_log (target_system, target_id, at);
                CREATE INDEX audit_log_by_at ON audit_log (at);
                CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
                    BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
                CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
                    BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
                """)

        // Company mappings (SPEC P5), by id; names are cached for display only.
        try db.execute(
            sql: """
                CREATE TABLE company_mappings (
                    psa           TEXT NOT NULL CHECK (\(psaCheck)),
                    company_id    TEXT NOT NULL,
                    tenant_id     TEXT,
                    status        TEXT NOT NULL CHECK (status IN ('not-mapped', 'ready-for-mapping', 'mapped',
                                                                  'mapping-failed', 'company-missing', 'tenant-missing')),
                    error         TEXT,
                    company_name  TEXT,
                    tenant_name   TEXT,
                    sync_error    TEXT,
                    sync_error_at TEXT,
                    created_at    TEXT NOT NULL,
                    updated_at    TEXT NOT NULL,
                    PRIMARY KEY (psa, company_id),
                    CHECK (status <> 'mapped' OR tenant_id IS NOT NULL),
                    CHECK (status <> 'not-mapped' OR tenant_id IS NULL)
                ) WITHOUT ROWID;
                CREATE UNIQUE INDEX company_mappings_one_company_per_tenant ON company_mappings (tenant_id)
                    WHERE tenant_id IS NOT NULL
                      AND status IN ('ready-for-mapping', 'mapped', 'company-missing', 'tenant-missing');
                CREATE INDEX company_mappings_by_tenant ON company_mappings (tenant_id);
                CREATE INDEX company_mappings_by_status ON company_mappings (status);
                """)

        // Ticket links (SPEC T2, T4) and the tickets an alert key had before.
        try db.execute(
            sql: """
                CREATE TABLE ticket_links (
                    alert_key          TEXT PRIMARY KEY NOT NULL,
                    psa                TEXT NOT NULL CHECK (\(psaCheck)),
                    ticket_id          TEXT NOT NULL,
                    state              TEXT NOT NULL CHECK (state IN ('open', 'closed')),
                    created_at         TEXT NOT NULL,
                    closed_at          TEXT,
                    reopened_at        TEXT,
                    reopen_count       INTEGER NOT NULL DEFAULT 0,
                    last_occurrence_id TEXT,
                    occurrence_count   INTEGER NOT NULL,
                    note_count         INTEGER NOT NULL,
                    updated_at         TEXT NOT NULL,
                    CHECK ((state = 'closed') = (closed_at IS NOT NULL))
                ) WITHOUT ROWID;
                CREATE INDEX ticket_links_by_ticket ON ticket_links (psa, ticket_id);
                CREATE INDEX ticket_links_by_created ON ticket_links (created_at);
                CREATE TABLE ticket_link_history (
                    id               INTEGER PRIMARY KEY AUTOINCREMENT,
                    alert_key        TEXT NOT NULL REFERENCES ticket_links (alert_key) ON DELETE CASCADE,
                    psa              TEXT NOT NULL CHECK (\(psaCheck)),
                    ticket_id        TEXT NOT NULL,
                    created_at       TEXT NOT NULL,
                    closed_at        TEXT,
                    replaced_at      TEXT NOT NULL,
                    occurrence_count INTEGER NOT NULL,
                    note_count       INTEGER NOT NULL
                );
                CREATE INDEX ticket_link_history_by_key ON ticket_link_history (alert_key, id);
                CREATE INDEX ticket_link_history_by_created ON ticket_link_history (created_at);
                """)

        // Named cursors (the alert cursor and others).
        try db.execute(
            sql: """
                CREATE TABLE cursors (
                    name       TEXT PRIMARY KEY NOT NULL,
                    value      TEXT NOT NULL,
                    updated_at TEXT NOT NULL
                ) WITHOUT ROWID;
                """)

        // Skip counters (SPEC T5).
        try db.execute(
            sql: """
                CREATE TABLE skip_counters (
                    reason     TEXT NOT NULL,
                    alert_type TEXT NOT NULL,
                    count      INTEGER NOT NULL,
                    first_at   TEXT NOT NULL,
                    last_at    TEXT NOT NULL,
                    PRIMARY KEY (reason, alert_type)
                ) WITHOUT ROWID;
                """)

        // Worker heartbeats (SPEC S1).
        try db.execute(
            sql: """
                CREATE TABLE worker_heartbeats (
                    worker         TEXT NOT NULL,
                    instance_id    TEXT NOT NULL,
                    last_tick_slot TEXT,
                    started_at     TEXT NOT NULL,
                    last_seen_at   TEXT NOT NULL,
                    PRIMARY KEY (worker, instance_id)
                ) WITHOUT ROWID;
                """)

        // Tick slots (SPEC S2): per-worker claims and each scheduler's last published slot.
        try db.execute(
            sql: """
                CREATE TABLE tick_claims (
                    worker     TEXT NOT NULL,
                    slot       TEXT NOT NULL,
                    claimed_by TEXT NOT NULL,
                    claimed_at TEXT NOT NULL,
                    PRIMARY KEY (worker, slot)
                ) WITHOUT ROWID;
                CREATE INDEX tick_claims_by_claimed_at ON tick_claims (claimed_at);
                CREATE TABLE tick_publications (
                    scheduler    TEXT PRIMARY KEY NOT NULL,
                    last_slot    TEXT NOT NULL,
                    published_by TEXT NOT NULL,
                    published_at TEXT NOT NULL
                ) WITHOUT ROWID;
                """)

        // Integration status (SPEC S1).
        try db.execute(
            sql: """
                CREATE TABLE integration_status (
                    component  TEXT PRIMARY KEY NOT NULL,
                    status     TEXT NOT NULL CHECK (status IN ('ok', 'error')),
                    message    TEXT,
                    since      TEXT NOT NULL,
                    updated_at TEXT NOT NULL
                ) WITHOUT ROWID;
                """)

        // Deprovisioning clocks (SPEC P6).
        try db.execute(
            sql: """
                CREATE TABLE deprovisioning_clocks (
                    tenant_id        TEXT PRIMARY KEY NOT NULL,
                    psa              TEXT NOT NULL CHECK (\(psaCheck)),
                    company_id       TEXT NOT NULL,
                    started_at       TEXT NOT NULL,
                    quotas_zeroed_at TEXT,
                    disabled_at      TEXT,
                    deleted_at       TEXT,
                    updated_at       TEXT NOT NULL
                ) WITHOUT ROWID;
                """)

        // Usage reports (SPEC B8): the last quantity written to a PSA line for a period.
        try db.execute(
            sql: """
                CREATE TABLE usage_reports (
                    psa                   TEXT NOT NULL CHECK (\(psaCheck)),
                    line_id               TEXT NOT NULL,
                    period                TEXT NOT NULL,
                    quantity              TEXT NOT NULL,
                    adjustment_effect_key TEXT,
                    written_at            TEXT NOT NULL,
                    PRIMARY KEY (psa, line_id, period)
                ) WITHOUT ROWID;
                """)
    }

    /// The identifiers of the migrations this state has had, in the order this release applies them
    /// (one the release does not know would have refused the opening).
    public func appliedMigrations() async throws -> [String] {
        let applied: Set<String> = try await read { db in
            switch db.dialect {
            case .sqlite: Set(try db.fetchAll(String.self, sql: "SELECT identifier FROM grdb_migrations"))
            case .postgres: Set(try db.fetchAll(String.self, sql: "SELECT identifier FROM schema_migrations"))
            }
        }
        return Self.migrator.migrations.filter(applied.contains)
    }
}
