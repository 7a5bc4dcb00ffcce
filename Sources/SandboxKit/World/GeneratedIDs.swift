/// Fixed identifiers of generated worlds, for tests that need to name them.
public enum GeneratedIDs {
    /// The partner tenant of the API client.
    public static let acronisPartnerTenant = "3f0c2d8e-5b1a-4c7e-9d42-a1b2c3d4e5f6"
    /// The Cyber Protection application (offering items of the catalog).
    public static let cyberProtectionApplication = "6e6d758d-8e74-3ae3-ac84-50eb0dff12eb"
    /// The Management Portal (platform) application.
    public static let managementPortalApplication = "8a64c0c4-4a1e-3d35-8fb4-3e9e0a2a9f11"
    /// Acronis-hosted backup storage (`infra_id` of the storage items).
    public static let backupStorage = "c9a4f4c2-7a1b-4d9e-8f3a-0b1c2d3e4f50"
    /// A partner-owned backup storage (a second storage with the backup capability).
    public static let partnerStorage = "d1b5e5d3-8b2c-4eaf-9a4b-1c2d3e4f5061"
    /// Disaster-recovery infrastructure.
    public static let drInfrastructure = "e2c6f6e4-9c3d-4fb0-8b5c-2d3e4f506172"
    /// ConnectWise board for alert tickets ("Acronis Alerts").
    public static let connectWiseAlertBoard = 1
    /// ConnectWise "Help Desk" board.
    public static let connectWiseHelpDeskBoard = 2
    /// ConnectWise company type "Client".
    public static let connectWiseClientType = 1
    /// ConnectWise company status "Active".
    public static let connectWiseActiveStatus = 1
    /// Autotask resource the API user is.
    public static let autotaskAPIResource = 29_682_885
    /// Autotask queue "Monitoring Alert".
    public static let autotaskAlertQueue = 29_682_833
    /// Autotask company type Customer.
    public static let autotaskCustomerType = 1
    /// Autotask contract type Recurring Service.
    public static let autotaskRecurringServiceContract = 7
    /// Autotask contract status Active.
    public static let autotaskActiveContract = 1
    /// The ConnectWise addition custom field that marks PAYG lines.
    public static let connectWisePAYGField = "PAYG"
    /// The Autotask contract UDF that marks PAYG contracts.
    public static let autotaskPAYGField = "Acronis PAYG"
}
