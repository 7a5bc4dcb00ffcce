// swift-tools-version:6.1
// psa-bridge: a fleet of Swift workers that keeps Acronis Cyber Cloud and a PSA
// (ConnectWise Manage or Autotask) in step. See README.md and ../shared/SPEC.md.
import PackageDescription

let package = Package(
    name: "psa-bridge",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "scheduler", targets: ["scheduler"]),
        .executable(name: "alert-consumer", targets: ["alert-consumer"]),
        .executable(name: "usage-reporter", targets: ["usage-reporter"]),
        .executable(name: "provisioner", targets: ["provisioner"]),
        .executable(name: "ticket-updater", targets: ["ticket-updater"]),
        .executable(name: "bridgectl", targets: ["bridgectl"]),
        .executable(name: "console", targets: ["console"]),
        .executable(name: "sandbox", targets: ["sandbox"]),
        .executable(name: "bench", targets: ["bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
    ],
    targets: [
        // MARK: System libraries and C helpers

        /// rabbitmq-c 0.11 (Debian `librabbitmq-dev`) with a shim for the variadic login and `timeval`.
        .systemLibrary(
            name: "CRabbitMQ",
            pkgConfig: "librabbitmq",
            providers: [.apt(["librabbitmq-dev"])]
        ),
        /// zlib (Debian `zlib1g-dev`): inflate for the gzip files Acronis usage reports download as.
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        /// glibc's <malloc.h> (part of the C library): `malloc_trim` for the workers' memory trimmer.
        .systemLibrary(name: "CMalloc"),
        /// A bare rabbitmq-c publish/consume loop in C, the baseline the transport benchmark compares to.
        .target(name: "CBareAMQP", dependencies: ["CRabbitMQ"]),

        // MARK: Core (no I/O)

        /// The value types every other product target shares: `JSONValue` (parser, serialization,
        /// JSON Pointer), timestamps and `PSAKind`. Foundation only.
        .target(name: "BridgeValues"),
        /// Envelope, message payloads, JSON Schema validation, settings model, retry policy, tick slots.
        .target(
            name: "BridgeCore",
            dependencies: [
                "BridgeValues", .product(name: "Yams", package: "Yams"), .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        /// The SPEC rules as pure functions: tickets, quotas, billing, deprovisioning, mapping.
        .target(name: "BridgeRules", dependencies: ["BridgeValues"]),

        // MARK: Adapters

        /// AMQP 0-9-1 transport over rabbitmq-c: one thread per connection, confirms, acks, reconnect.
        .target(
            name: "AMQPTransport",
            dependencies: ["CRabbitMQ", .product(name: "Logging", package: "swift-log")]
        ),
        /// The state (migrations, inbox, effects, audit, settings, cursors, …) on SQLite through GRDB
        /// for one host, or on PostgreSQL through postgres-nio for a fleet across hosts.
        .target(
            name: "BridgeState",
            dependencies: [
                "BridgeValues", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        /// Typed HTTP clients for Acronis Cyber Cloud, ConnectWise Manage and Autotask.
        .target(
            name: "APIClients",
            dependencies: [
                "BridgeValues", "CZlib",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        /// Stateful simulations of the three APIs (Hummingbird), used by tests, demos and benchmarks.
        .target(
            name: "SandboxKit",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),

        // MARK: Workers

        /// The worker runtime (consume, validate, inbox, handle, retry, dead-letter) and each worker's handler.
        .target(
            name: "BridgeWorkers",
            dependencies: [
                "BridgeValues", "BridgeCore", "BridgeRules", "BridgeState", "AMQPTransport", "APIClients",
                .target(name: "CMalloc", condition: .when(platforms: [.linux])),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                // /metrics and /health on NIO's HTTP/1 server, which the API clients link anyway:
                // a web framework there cost every worker process megabytes of code and ICU's
                // time zones (through its Date header cache).
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        /// The admin web console: login, sessions, CSRF, the tabs as server-rendered pages, on the
        /// same operations as bridgectl.
        .target(
            name: "BridgeConsole",
            dependencies: [
                "BridgeWorkers", "BridgeState", "BridgeCore", "BridgeValues",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [
                .embedInCode("Templates/header.mustache"), .embedInCode("Templates/footer.mustache"),
                .embedInCode("Templates/login.mustache"), .embedInCode("Templates/summary.mustache"),
                .embedInCode("Templates/companies.mustache"), .embedInCode("Templates/company.mustache"),
                .embedInCode("Templates/dead-letters.mustache"), .embedInCode("Templates/audit.mustache"),
                .embedInCode("Templates/preview.mustache"), .embedInCode("Templates/settings.mustache"),
                .embedInCode("Templates/console.css"),
            ]
        ),

        // MARK: Executables

        .executableTarget(name: "scheduler", dependencies: ["BridgeWorkers"]),
        .executableTarget(name: "alert-consumer", dependencies: ["BridgeWorkers"]),
        .executableTarget(name: "usage-reporter", dependencies: ["BridgeWorkers", "APIClients"]),
        .executableTarget(name: "provisioner", dependencies: ["BridgeWorkers"]),
        .executableTarget(name: "ticket-updater", dependencies: ["BridgeWorkers"]),
        .executableTarget(name: "bridgectl", dependencies: ["BridgeWorkers", "BridgeConsole"]),
        .executableTarget(name: "console", dependencies: ["BridgeConsole"]),
        .executableTarget(
            name: "sandbox",
            dependencies: ["SandboxKit", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .executableTarget(
            name: "bench",
            dependencies: [
                "AMQPTransport", "CBareAMQP", "BridgeWorkers", "SandboxKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // MARK: Tests

        .testTarget(name: "BridgeValuesTests", dependencies: ["BridgeValues"]),
        .testTarget(name: "BridgeCoreTests", dependencies: ["BridgeCore", "BridgeValues", "BridgeTestSupport"]),
        .testTarget(name: "BridgeRulesTests", dependencies: ["BridgeRules", "BridgeValues"]),
        .testTarget(name: "BridgeStateTests", dependencies: ["BridgeState", "BridgeValues", "BridgeTestSupport"]),
        /// Test helpers shared by test targets: a private RabbitMQ node per test, free ports.
        .target(name: "BridgeTestSupport", path: "Tests/BridgeTestSupport"),
        .testTarget(name: "AMQPTransportTests", dependencies: ["AMQPTransport", "BridgeTestSupport"]),
        .testTarget(name: "SandboxKitTests", dependencies: ["SandboxKit"]),
        .testTarget(
            name: "APIClientsTests",
            dependencies: ["APIClients", "BridgeValues", "SandboxKit", .product(name: "Logging", package: "swift-log")]),
        /// The workers and the console against the sandbox and a real broker.
        .testTarget(
            name: "BridgeWorkersTests",
            dependencies: [
                "BridgeWorkers", "BridgeConsole", "SandboxKit", "BridgeTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]),
    ],
    swiftLanguageModes: [.v6]
)
