import Foundation

extension SandboxWorld {
    /// A deterministic world: `companies` customer companies present on both PSAs (with primary
    /// contacts, agreements/contracts carrying lines for the ``SandboxProduct/catalog``), the
    /// first `tenants` of them with a matching Acronis customer tenant (offering items and quotas
    /// from their lines, usages, an admin user), and `alerts` alerts on those tenants.
    ///
    /// The same arguments always give the same world. `now` anchors every date (default: the
    /// start of the current month, so a world generated twice in a month is identical).
    public static func generate(
        companies: Int, agreementsPerCompany: Int = 1, tenants: Int? = nil, alerts: Int = 0, seed: UInt64 = 1,
        now: Date = ISODate.startOfMonth(Date())
    ) -> SandboxWorld {
        var generator = WorldGenerator(seed: seed, now: now)
        return generator.build(
            companies: max(0, companies), agreementsPerCompany: min(10, max(0, agreementsPerCompany)),
            tenants: min(max(0, tenants ?? companies), max(0, companies)), alerts: max(0, alerts))
    }
}

/// Builds generated worlds (see ``SandboxWorld/generate(companies:agreementsPerCompany:tenants:alerts:seed:now:)``).
struct WorldGenerator {
    var random: SeededGenerator
    let now: Date

    init(seed: UInt64, now: Date) {
        random = SeededGenerator(seed: seed)
        self.now = now
    }

    // MARK: Randomness

    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &random) }
    mutating func chance(_ probability: Double) -> Bool { Double.random(in: 0..<1, using: &random) < probability }
    mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }

    mutating func uuid() -> String {
        let a = random.next()
        let b = random.next()
        var hex = String(a, radix: 16).leftPadded(16) + String(b, radix: 16).leftPadded(16)
        let chars = Array(hex)
        var result = Array(chars)
        result[12] = "4"
        result[16] = ["8", "9", "a", "b"][Int(b >> 60) & 3]
        hex = String(result)
        let parts = [hex.prefix(8), hex.dropFirst(8).prefix(4), hex.dropFirst(12).prefix(4), hex.dropFirst(16).prefix(4), hex.dropFirst(20).prefix(12)]
        return parts.joined(separator: "-")
    }

    func date(daysAgo: Double) -> String { ISODate.seconds(now.addingTimeInterval(-daysAgo * 86_400)) }
    func dateMs(secondsAgo: Int) -> String { ISODate.milliseconds(now.addingTimeInterval(-Double(secondsAgo))) }

    static let prefixes = ["Acme", "Blue", "Northwind", "Contoso", "Fabrikam", "Globex", "Initech", "Umbrella", "Stark", "Wayne", "Oak", "Pine", "River", "Summit", "Harbor", "Granite", "Silver", "Maple", "Cedar", "Falcon", "Zürich", "Kraków", "Café", "Orion", "Apex", "Delta", "Vertex", "Lumen", "Nova", "Atlas"]
    static let nouns = ["Dental", "Legal", "Logistics", "Bakery", "Clinic", "Motors", "Consulting", "Labs", "Foods", "Architects", "Accounting", "Studios", "Hotel", "Pharmacy", "Insurance", "Engineering", "Farms", "Media", "Realty", "Printing"]
    static let suffixes = ["Ltd", "LLC", "Inc", "GmbH", "& Sons", "Group", "Partners", "Co", "AG", "S.A."]
    static let firstNames = ["Jane", "John", "Maria", "Ahmed", "Chen", "Olga", "Pierre", "Aiko", "Carlos", "Fatima", "Liam", "Zoë", "Søren", "Priya", "Tomás"]
    static let lastNames = ["Doe", "Smith", "García", "Khan", "Wang", "Ivanova", "Dubois", "Tanaka", "Silva", "O'Brien", "Müller", "Nowak", "Rossi", "Patel", "Kim"]

    /// The plan for one customer, shared by the three sides.
    struct Customer {
        var index: Int
        var name: String
        var identifier: String
        var isCustomer: Bool
        var isActive: Bool
        var contact: (first: String, last: String, email: String)
        var agreements: [Agreement]
    }

    struct Agreement {
        var name: String
        var cancelled: Bool
        var startDaysAgo: Int
        var lines: [Line]
    }

    struct Line {
        var product: SandboxProduct
        var payg: Bool
        var quantity: Int
    }

    // MARK: Build

    mutating func build(companies: Int, agreementsPerCompany: Int, tenants: Int, alerts: Int) -> SandboxWorld {
        var customers: [Customer] = []
        customers.reserveCapacity(companies)
        var names = Set<String>()
        for index in 0..<companies {
            var name = "\(pick(Self.prefixes)) \(pick(Self.nouns)) \(pick(Self.suffixes))"
            if names.contains(name) { name += " \(index + 1)" }
            names.insert(name)
            let letters = name.unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) && $0.isASCII }.map(String.init).joined()
            let identifier = String(letters.prefix(22)) + String(format: "%05d", index + 1)
            let first = pick(Self.firstNames)
            let last = pick(Self.lastNames)
            let domain = String(letters.prefix(16)).lowercased() + "\(index + 1).example"
            let email = "\(first.lowercased().folding(options: .diacriticInsensitive, locale: nil)).\(last.lowercased().folding(options: .diacriticInsensitive, locale: nil).filter(\.isLetter))@\(domain)"
            // The first companies are always active customers so small worlds are useful.
            let isCustomer = index < 3 || chance(0.92)
            let isActive = index < 3 || chance(0.94)
            var agreements: [Agreement] = []
            for number in 0..<agreementsPerCompany {
                var lines: [Line] = []
                let payg = chance(0.4)
                let count = int(1...3)
                var products = Array(SandboxProduct.catalog.prefix(5))
                products.shuffle(using: &random)
                for product in products.prefix(count) {
                    lines.append(Line(product: product, payg: payg, quantity: payg ? 0 : (product.type == "infra" ? int(1...20) * 50 : int(1...40))))
                }
                agreements.append(
                    Agreement(
                        name: agreementsPerCompany == 1 ? "\(name) Backup" : "\(name) Backup \(number + 1)",
                        cancelled: index >= 3 && chance(0.05), startDaysAgo: int(30...700), lines: lines))
            }
            customers.append(
                Customer(
                    index: index, name: name, identifier: identifier, isCustomer: isCustomer, isActive: isActive,
                    contact: (first, last, email), agreements: agreements))
        }
        let connectWise = buildConnectWise(customers)
        let autotask = buildAutotask(customers)
        let acronis = buildAcronis(customers, tenants: tenants, alerts: alerts)
        return SandboxWorld(connectWise: connectWise, autotask: autotask, acronis: acronis)
    }
}
