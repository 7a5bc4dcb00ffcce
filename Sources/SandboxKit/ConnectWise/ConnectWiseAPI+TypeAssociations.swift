import Foundation

/// `company/companies/{id}/typeAssociations`: a company's types change here after creation
/// (`types` itself is only set on POST). The association id is the type's id (a sandbox choice).
extension ConnectWiseAPI {
    static func addTypeAssociationRoutes(to routes: inout RouteTable<HandlerContext>) {
        let base = root + "/company/companies/{parentId}/typeAssociations"
        routes.add("GET", base) { context in
            try await checkCodebase(context)
            let companyId = try integer(context.parameter("parentId"), resource: "company")
            return try await context.state.withStore { store in
                let company = try existing(companies, id: companyId, parentId: nil, in: store.connectWise)
                return .json(.array((company["types"]?.arrayValue ?? []).map { association($0, company) }))
            }
        }
        routes.add("POST", base) { context in
            try await checkCodebase(context)
            let companyId = try integer(context.parameter("parentId"), resource: "company")
            let body = try context.request.jsonBody()
            guard let typeId = body["type"]["id"].intValue else {
                throw ConnectWiseErrors.invalidObject(resource: "companyTypeAssociation", field: "type", message: "type is required, e.g. {\"type\": {\"id\": 1}}")
            }
            let now = Date()
            return try await context.state.withStore { store in
                var company = try existing(companies, id: companyId, parentId: nil, in: store.connectWise)
                guard let type = store.connectWise[.companyTypes][typeId] else {
                    throw ConnectWiseErrors.invalidObject(
                        resource: "companyTypeAssociation", field: "type", code: "InvalidReference", message: "type \(typeId) does not exist")
                }
                var types = company["types"]?.arrayValue ?? []
                if types.contains(where: { $0["id"].intValue == typeId }) {
                    throw ConnectWiseErrors.invalidObject(
                        resource: "companyTypeAssociation", field: "type", code: "ObjectExists", message: "The company already has type \(typeId)")
                }
                let reference: JSONValue = ["id": .int(typeId), "name": type["name"] ?? .null]
                types.append(reference)
                company["types"] = .array(types)
                touch(&company, now)
                store.connectWise[.companies].upsert(companyId, company)
                return .json(association(reference, company), status: 201)
            }
        }
        routes.add("DELETE", base + "/{id}") { context in
            try await checkCodebase(context)
            let companyId = try integer(context.parameter("parentId"), resource: "company")
            let typeId = try integer(context.parameter("id"), resource: "companyTypeAssociation")
            let now = Date()
            return try await context.state.withStore { store in
                var company = try existing(companies, id: companyId, parentId: nil, in: store.connectWise)
                var types = company["types"]?.arrayValue ?? []
                guard types.contains(where: { $0["id"].intValue == typeId }) else {
                    throw ConnectWiseErrors.notFound(resource: "companyTypeAssociation", id: String(typeId))
                }
                types.removeAll { $0["id"].intValue == typeId }
                company["types"] = .array(types)
                touch(&company, now)
                store.connectWise[.companies].upsert(companyId, company)
                return .empty(204)
            }
        }
    }

    private static func association(_ type: JSONValue, _ company: JSONObject) -> JSONValue {
        [
            "id": type["id"], "type": type,
            "company": ["id": company["id"] ?? .null, "identifier": company["identifier"] ?? .null, "name": company["name"] ?? .null],
        ]
    }

    private static func touch(_ record: inout JSONObject, _ now: Date) {
        var info = record["_info"]?.objectValue ?? [:]
        info["lastUpdated"] = .string(ISODate.seconds(now))
        info["updatedBy"] = .string(apiMember)
        record["_info"] = .object(info)
    }
}
