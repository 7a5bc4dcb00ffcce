import Foundation

/// ContractServiceUnits: a read-only row per billing period of every contract service, split at
/// each adjustment's effective date, computed from the contract's dates and period type and the
/// stored adjustments (so an adjustment is visible at once, as it is in Autotask).
extension AutotaskAPI {
    /// Months per `contractPeriodType` label (the picklist values are the sandbox's; read them).
    static func months(periodType: Int?, _ store: AutotaskStore) -> Int {
        let label = store.picklists["Contracts"]?["contractPeriodType"]?
            .first { $0["value"]?.stringValue == periodType.map(String.init) }?["label"]?.stringValue?.lowercased() ?? "monthly"
        switch label {
        case let text where text.contains("semi"): return 6
        case let text where text.contains("quarter"): return 3
        case let text where text.contains("year") || text.contains("annual"): return 12
        default: return 1
        }
    }

    /// Rows for the contract services the filters can touch (narrowed by `contractID`,
    /// `contractServiceID` or `id` equalities, or else `contractID` / `contractServiceID` `in`
    /// lists, when present; the other filters then apply to the rows).
    static func contractServiceUnits(_ store: AutotaskStore, filters: [AutotaskFilter]) -> [JSONObject] {
        var contractServiceIDs: [Int]?
        for (field, value) in AutotaskFilter.equalities(filters) {
            switch field {
            case "contractID":
                contractServiceIDs = store[.ContractServices].keys(where: "contractID", equals: value) ?? []
            case "contractServiceID":
                contractServiceIDs = value.intValue.map { [$0] } ?? []
            case "id":
                contractServiceIDs = value.intValue.map { [$0 / 100_000] } ?? []
            default:
                continue
            }
            break
        }
        if contractServiceIDs == nil {
            for (field, values) in AutotaskFilter.memberships(filters) {
                switch field {
                case "contractID":
                    contractServiceIDs = values.flatMap { store[.ContractServices].keys(where: "contractID", equals: $0) ?? [] }
                case "contractServiceID":
                    contractServiceIDs = values.compactMap(\.intValue)
                default:
                    continue
                }
                break
            }
        }
        let ids = contractServiceIDs ?? store[.ContractServices].order
        return ids.flatMap { unitRows(contractServiceID: $0, store) }
    }

    /// The rows of one contract service. Row ids are `contractServiceID * 100000 + period * 100 + segment`.
    static func unitRows(contractServiceID: Int, _ store: AutotaskStore) -> [JSONObject] {
        guard let service = store[.ContractServices][contractServiceID], let contractID = service["contractID"]?.intValue,
            let contract = store[.Contracts][contractID],
            let start = contract["startDate"]?.stringValue.flatMap(ISODate.parse),
            let end = contract["endDate"]?.stringValue.flatMap(ISODate.parse)
        else { return [] }
        let adjustments = (store[.ContractServiceAdjustments].keys(where: "contractServiceID", equals: .int(contractServiceID)) ?? [])
            .compactMap { store[.ContractServiceAdjustments][$0] }
            .compactMap { adjustment -> (Date, Int)? in
                guard let date = adjustment["effectiveDate"]?.stringValue.flatMap(ISODate.parse) else { return nil }
                return (date, adjustment["unitChange"]?.intValue ?? 0)
            }
            .sorted { $0.0 < $1.0 }
        func units(at date: Date) -> Int {
            adjustments.filter { $0.0 <= date }.reduce(0) { $0 + $1.1 }
        }
        let step = months(periodType: contract["contractPeriodType"]?.intValue, store)
        let price = service["adjustedPrice"] ?? service["unitPrice"] ?? .null
        var rows: [JSONObject] = []
        var periodStart = ISODate.startOfDay(start)
        var period = 0
        while periodStart <= end, period < 240 {
            let periodEnd = min(ISODate.startOfMonth(periodStart, addingMonths: step), ISODate.startOfDay(end).addingTimeInterval(86_400))
            var boundaries = [periodStart]
            boundaries += adjustments.map(\.0).filter { $0 > periodStart && $0 < periodEnd }.map(ISODate.startOfDay)
            boundaries = Array(Set(boundaries)).sorted().filter { $0 < periodEnd }
            for (segment, segmentStart) in boundaries.prefix(100).enumerated() {
                let segmentEnd = segment + 1 < boundaries.count ? boundaries[segment + 1] : periodEnd
                rows.append([
                    "id": .int(contractServiceID * 100_000 + period * 100 + segment), "contractID": .int(contractID),
                    "contractServiceID": .int(contractServiceID), "serviceID": service["serviceID"] ?? .null,
                    "startDate": .string(ISODate.milliseconds(segmentStart)),
                    "endDate": .string(ISODate.milliseconds(segmentEnd.addingTimeInterval(-1))),
                    "units": .int(units(at: segmentStart.addingTimeInterval(86_399))), "price": price, "cost": service["unitCost"] ?? .null,
                    "internalCurrencyPrice": price, "approveAndPostDate": .null, "vendorCompanyID": .null,
                    "organizationalLevelAssociationID": .null,
                ])
            }
            periodStart = periodEnd
            period += 1
        }
        return rows
    }
}
