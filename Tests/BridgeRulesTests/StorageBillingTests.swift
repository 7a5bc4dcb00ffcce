import BridgeRules
import BridgeValues
import Foundation
import Testing

@Suite("StorageBilling and public cloud storage (B3)")
struct StorageBillingTests {
    static let gigabyte = Decimal(1_073_741_824)
    static let mapping = OfferingItemMapping(
        item: OfferingItemKey(name: "pw_base_storage", infraID: "xyz"), unit: .bytes, product: 201,
        storage: StorageProducts(class1: 202, class2: 203, geoRedundant: 204))

    @Test("B3: a GB is 2^30 bytes, as the Acronis portal shows it")
    func gigabytes() {
        #expect(StorageBilling.bytesPerGigabyte == 1 << 30)
        #expect(StorageBilling.gigabytes(bytes: 3 * Self.gigabyte) == 3)
        #expect(StorageBilling.gigabytes(bytes: Self.gigabyte / 4) == dec("0.25"))
    }

    @Test("B3: total is standard plus geo-redundant; class 1, class 2 and geo-redundant report their own usage")
    func classes() {
        // The Autotask guide's example: 60 GB in all, 50 GB class 2 and 10 GB class 1, plus 5 GB geo-replicated.
        let usage = StorageUsage(standardBytes: 60 * Self.gigabyte, geoRedundantBytes: 5 * Self.gigabyte,
                                 class1Bytes: 10 * Self.gigabyte, class2Bytes: 50 * Self.gigabyte)
        let result = StorageBilling.productUsages(mapping: Self.mapping, usage: usage)
        #expect(result == [
            StorageProductUsage(productID: 201, usageClass: .total, bytes: 65 * Self.gigabyte),
            StorageProductUsage(productID: 202, usageClass: .class1, bytes: 10 * Self.gigabyte),
            StorageProductUsage(productID: 203, usageClass: .class2, bytes: 50 * Self.gigabyte),
            StorageProductUsage(productID: 204, usageClass: .geoRedundant, bytes: 5 * Self.gigabyte),
        ])
    }

    @Test("B3: a class split the cloud did not report is unknown, not zero")
    func unreportedClasses() {
        let usage = StorageUsage(standardBytes: 8 * Self.gigabyte)
        #expect(usage.bytes(of: .class1) == nil && usage.bytes(of: .class2) == nil)
        #expect(usage.bytes(of: .total) == 8 * Self.gigabyte && usage.bytes(of: .geoRedundant) == 0)
        let result = StorageBilling.productUsages(mapping: Self.mapping, usage: usage)
        #expect(result.map(\.bytes) == [8 * Self.gigabyte, nil, nil, 0])
    }

    @Test("B3: only mapped storage products report")
    func onlyMapped() {
        var mapping = Self.mapping
        mapping.product = nil
        mapping.storage = StorageProducts(class2: 203)
        let result = StorageBilling.productUsages(mapping: mapping, usage: StorageUsage(standardBytes: 1, class2Bytes: 1))
        #expect(result == [StorageProductUsage(productID: 203, usageClass: .class2, bytes: 1)])
    }

    @Test("B3: one product per public cloud vendor, on while at least one storage of that vendor is on the tenant")
    func vendors() {
        #expect(PublicCloudStorageRule.vendorsToEnable(storagesOnTenant: [.microsoftAzure, .microsoftAzure, .amazonS3]) == [.microsoftAzure, .amazonS3])
        #expect(PublicCloudStorageRule.vendorsToEnable(storagesOnTenant: []).isEmpty)
    }

    @Test("B3, B7: the contract gains the products of vendors in use and loses those of vendors no longer in use")
    func changes() {
        let products: [PublicCloudVendor: Int] = [.microsoftAzure: 501, .amazonS3: 502, .s3Compatible: 503]
        let result = PublicCloudStorageRule.changes(
            storagesOnTenant: [.microsoftAzure, .microsoftAzure, .s3Compatible], vendorProducts: products, productsOnContract: [502, 503, 999])
        #expect(result == [.add(productID: 501, vendor: .microsoftAzure), .remove(productID: 502, vendor: .amazonS3)])
        #expect(PublicCloudStorageRule.changes(storagesOnTenant: [.amazonS3], vendorProducts: [.amazonS3: 502], productsOnContract: [502]).isEmpty)
        #expect(PublicCloudStorageRule.changes(storagesOnTenant: [], vendorProducts: products, productsOnContract: [501, 502, 503]).count == 3)
    }

    @Test("B3: a vendor without a mapped product is left alone")
    func unmappedVendor() {
        #expect(PublicCloudStorageRule.changes(storagesOnTenant: [.amazonS3], vendorProducts: [:], productsOnContract: []).isEmpty)
    }
}
