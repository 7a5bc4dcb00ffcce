/// A public cloud storage vendor (B3): one PSA product per vendor, however many storages of that
/// vendor a tenant has.
public enum PublicCloudVendor: String, Sendable, Hashable, CaseIterable, Comparable {
    /// Microsoft Azure storage.
    case microsoftAzure = "microsoft-azure"
    /// Amazon S3 storage.
    case amazonS3 = "amazon-s3"
    /// S3-compatible storage.
    case s3Compatible = "s3-compatible"

    /// The vendor's name as the vendor guides write it.
    public var displayName: String {
        switch self {
        case .microsoftAzure: "Microsoft Azure"
        case .amazonS3: "Amazon S3"
        case .s3Compatible: "S3 compatible"
        }
    }

    public static func < (lhs: PublicCloudVendor, rhs: PublicCloudVendor) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// The vendor of a storage (Acronis infra) connected to a public cloud, from its
    /// `backend_type`, `url` and `platform_owned`; nil for Acronis-hosted and other storages.
    /// `azure…` is Microsoft Azure; an S3 backend at `amazonaws.com` is Amazon S3, any other S3
    /// backend (`s3`, `s3_compatible`, …) S3 compatible. Storages Acronis hosts are never public
    /// cloud storages of the partner.
    public init?(backendType: String?, url: String?, platformOwned: Bool?) {
        guard platformOwned != true, let type = backendType?.lowercased() else { return nil }
        if type.hasPrefix("azure") || type.contains("microsoft") {
            self = .microsoftAzure
        } else if type.contains("s3") || type.contains("amazon") || type.contains("aws") {
            let host = url.flatMap { URLHost.of($0) } ?? ""
            let amazon = host == "amazonaws.com" || host.hasSuffix(".amazonaws.com")
            self = amazon && !type.contains("compatible") ? .amazonS3 : .s3Compatible
        } else {
            return nil
        }
    }
}

/// The host of a URL string, lower-cased, without Foundation's URL parsing.
enum URLHost {
    static func of(_ text: String) -> String? {
        var rest = Substring(text)
        if let scheme = rest.range(of: "://") { rest = rest[scheme.upperBound...] }
        let host = rest.prefix { $0 != "/" && $0 != ":" && $0 != "?" && $0 != "#" }
        return host.isEmpty ? nil : host.lowercased()
    }
}
