extension AcronisClient {
    /// Registered alert types (`GET /api/alert_manager/v1/types`).
    /// - Parameter osType: `windows`, `linux`, `macos` or `ios`; some data centers require it.
    public func alertTypes(osType: String? = nil) async throws -> [AcronisAlertType] {
        var query: [(name: String, value: String)] = []
        if let osType { query.append(("os_type", osType)) }
        return try await get(AcronisItems<AcronisAlertType>.self, "\(Self.alertsPath)/types", query: query).items
    }

    /// The operating systems `GET /types` takes as `os_type`.
    public static let alertOSTypes = ["windows", "linux", "macos", "ios"]

    /// Every registered alert type id, over all ``alertOSTypes`` (the Alert Manager requires
    /// `os_type` on the listing).
    public func allAlertTypeIDs() async throws -> Set<String> {
        var ids = Set<String>()
        for osType in Self.alertOSTypes {
            ids.formUnion(try await alertTypes(osType: osType).map(\.id))
        }
        return ids
    }

    /// Alerts updated after `cursor` (all alerts when nil), oldest change first, dismissed ones
    /// included, following the paging cursor to the last page
    /// (`GET /alerts?show_deleted=true&updated_at=gt(<ns>)&order=asc(updated_at)&limit=`).
    ///
    /// Advance the cursor with ``AcronisAlertCursor/advanced(past:)``; alerts at the cursor
    /// instant may be listed twice, so de-duplicate on the alert id.
    public func alerts(
        updatedAfter cursor: AcronisAlertCursor?, includeDismissed: Bool = true
    ) async throws -> [AcronisAlert] {
        var query: [(name: String, value: String)] = []
        if includeDismissed { query.append(("show_deleted", "true")) }
        if let cursor { query.append(("updated_at", "gt(\(cursor.nanoseconds))")) }
        query.append(("order", "asc(updated_at)"))
        query.append(("limit", String(configuration.pageSize)))
        // Later pages repeat the filters with `after` (the Python samples do; the cursor alone
        // also works per the shell samples).
        return try await listAll(AcronisAlert.self, "\(Self.alertsPath)/alerts", query: query, cursorOnly: false)
    }

    /// One alert (`GET /api/alert_manager/v1/alerts/{id}`); dismissed ones too unless
    /// `includeDismissed` is false (`show_deleted=true`, inferred to apply to single reads as well).
    public func alert(id: String, includeDismissed: Bool = true) async throws -> AcronisAlert {
        try await get(
            AcronisAlert.self, "\(Self.alertsPath)/alerts/\(Self.segment(id))",
            query: includeDismissed ? [("show_deleted", "true")] : [])
    }
}

extension AcronisClient {
    /// Dismisses an alert (`DELETE /api/alert_manager/v1/alerts/{id}`), e.g. when its ticket is
    /// closed in the PSA. Dismissing twice is harmless.
    public func dismissAlert(id: String) async throws {
        _ = try await send("DELETE", "\(Self.alertsPath)/alerts/\(Self.segment(id))")
    }
}
