// swift-tools-version: 6.3
import PackageDescription

// MARK: - Settings

let swiftSettings: [SwiftSetting] = [
    "ExistentialAny", "InternalImportsByDefault", "MemberImportVisibility", "NonisolatedNonsendingByDefault",
].map { .enableUpcomingFeature($0) }

/// Each marketplace: its adapter in Adapters/<target> (with its XSDs in Schemas/ when it takes XML, and its API
/// contract as data in Contract/), its mapping in Mappings/<id>.yaml.
let marketplaces: [(target: String, id: String, schemas: Bool)] = [
    ("GoogleMerchant", "google-merchant", true), ("MetaCatalog", "meta-catalog", true),
    ("WooCommerce", "woocommerce", false), ("Shopee", "shopee", false), ("Lazada", "lazada", true),
    ("TikTokShop", "tiktok-shop", false), ("Tiki", "tiki", false),
]
let adapterTargets: [Target] = marketplaces.flatMap { entry -> [Target] in
    [
        .target(
            name: entry.target,
            dependencies: [
                "FeedKit", "Groundwork", "OCOPCatalog", "Publishing", "Transport",
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            path: "Adapters/\(entry.target)",
            resources: (entry.schemas ? [.copy("Schemas")] : []) + [.copy("Contract")],
            swiftSettings: swiftSettings
        ),
        // An interpolated name is not a string literal: spell the dependency out.
        .testTarget(
            name: "\(entry.target)Tests",
            dependencies: [
                .target(name: entry.target), "FeedKit", "Groundwork", "OCOPCatalog", "Publishing", "Transport",
                "Sandbox",
                "TestSupport", "BuiltinMappings",
            ],
            swiftSettings: swiftSettings
        ),
    ]
}

// MARK: - Targets

let package = Package(
    name: "ocop-connect",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "ocop", targets: ["ocop"]),
        .executable(name: "ocop-scheduler", targets: ["ocop-scheduler"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        // C libraries: flags only. CCurl's code arrives with the transport.
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(name: "CGzip", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),

        // Every libxml2 call, behind opaque handles (Swift never sees libxml2's headers).
        .target(name: "CFeedXML", dependencies: ["CLibXML2"]),

        // The core. At the bottom, what every other module may use: JSON, the bounded pipeline.
        .target(name: "Groundwork", swiftSettings: swiftSettings),
        .target(
            name: "OCOPCatalog",
            dependencies: [
                "Groundwork", "CFeedXML", .product(name: "GRDB", package: "GRDB.swift"),
                // SQLite's own API, for the import's reused statements (ReusedStatement.swift).
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "FeedKit",
            dependencies: [
                "Groundwork", "OCOPCatalog", "CFeedXML", "CGzip", "Yams",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "BuiltinMappings",
            path: "Mappings",
            resources: marketplaces.map { .copy("\($0.id).yaml") } + [
                .copy("google-product-taxonomy-with-ids.en-US.txt"), .copy("category-attributes.yaml"),
                .copy("category-synonyms.yaml"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Transport",
            dependencies: ["CCurl", .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Sandbox",
            dependencies: [
                "Groundwork", .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "Logging", package: "swift-log"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Publishing",
            dependencies: [
                "Groundwork", "OCOPCatalog", "FeedKit", "Transport", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "OCOPConfiguration",
            dependencies: ["Groundwork", "Yams"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Scheduling",
            dependencies: [
                "OCOPCatalog", "OCOPConfiguration", "Publishing",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // `ocop serve`: hosted feeds and the readiness page.
        .target(
            name: "Serving",
            dependencies: [
                "FeedKit", .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Reporting",
            dependencies: ["Groundwork", "OCOPCatalog", "Publishing"],
            swiftSettings: swiftSettings
        ),
        // What both executables do with a configuration: the adapter registry, export, publish, jobs.
        .target(
            name: "Operations",
            dependencies: [
                "Groundwork", "OCOPCatalog", "OCOPConfiguration", "FeedKit", "Publishing", "Transport", "Scheduling",
                "Reporting",
                "BuiltinMappings", .product(name: "Logging", package: "swift-log"),
            ] + marketplaces.map { .target(name: $0.target) },
            swiftSettings: swiftSettings
        ),

        // The executables: parsing, wiring, exit statuses.
        .executableTarget(
            name: "ocop",
            dependencies: [
                "Groundwork",
                "OCOPCatalog",
                "OCOPConfiguration",
                "FeedKit",
                "Publishing",
                "Transport",
                "Sandbox",
                "Operations",
                "Reporting",
                "Serving",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "ocop-scheduler",
            dependencies: [
                "Groundwork", "OCOPCatalog", "OCOPConfiguration", "Publishing", "Scheduling", "Operations",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // Benchmarks run in release builds through `make bench`, never in the test suite.
        .executableTarget(
            name: "ocop-bench",
            dependencies: ["OCOPCatalog"],
            swiftSettings: swiftSettings
        ),
        // The readers as fuzz targets (`make fuzz`), and the replay of their corpora.
        .target(
            name: "FuzzTargets",
            dependencies: ["OCOPCatalog", "FeedKit", "Groundwork"],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "ocop-fuzz",
            dependencies: ["FuzzTargets"],
            swiftSettings: swiftSettings
        ),

        // MARK: - Tests

        .testTarget(
            name: "MarketplaceSigningTests",
            dependencies: ["Lazada", "TikTokShop", "Shopee", "Publishing"],
            swiftSettings: swiftSettings
        ),

        .target(
            name: "TestSupport",
            dependencies: [
                "FeedKit", "Groundwork", "OCOPCatalog", "Operations", "Publishing", "Sandbox", "Transport",
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/TestSupport",
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "GroundworkTests", dependencies: ["Groundwork"], swiftSettings: swiftSettings),
        // The scenarios every multi-call marketplace must pass, parameterised over them.
        .testTarget(
            name: "MarketplaceScenarioTests",
            dependencies: [
                "Lazada", "MetaCatalog", "Shopee", "TikTokShop", "Tiki", "WooCommerce", "Groundwork", "Publishing",
                "Sandbox", "TestSupport",
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PublishingTests",
            dependencies: ["Publishing", "FeedKit", "Groundwork", "OCOPCatalog", "Transport", "TestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "OCOPCatalogTests",
            dependencies: [
                "Groundwork", "OCOPCatalog", "TestSupport", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                // The import's tests compare the rows and indexes it leaves.
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ServingTests",
            dependencies: [
                "Groundwork", "Serving", "Reporting", "FeedKit", "OCOPCatalog", "Publishing", "CGzip", "Transport",
                "TestSupport",
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SchedulingTests",
            dependencies: [
                "Scheduling", "Publishing", "OCOPCatalog", "OCOPConfiguration", "TestSupport",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "ServiceLifecycleTestKit", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "OCOPConfigurationTests",
            dependencies: ["OCOPConfiguration", "TestSupport"],
            swiftSettings: swiftSettings
        ),
        // Depends on the executables so that they are built before the tests run them.
        .testTarget(
            name: "EndToEndTests",
            dependencies: [
                "ocop", "ocop-scheduler", "TestSupport", "Sandbox", "Groundwork", "Transport",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "TransportTests", dependencies: ["Transport", "TestSupport"], swiftSettings: swiftSettings),
        .testTarget(
            name: "SandboxTests",
            dependencies: [
                "Sandbox", "Transport", "FeedKit", "Groundwork", "OCOPCatalog", "Publishing", "TestSupport", "Lazada",
                "MetaCatalog", "TikTokShop", "Shopee", "Tiki", "WooCommerce", "GoogleMerchant",
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "FeedKitTests",
            dependencies: ["FeedKit", "OCOPCatalog", "FuzzTargets", "TestSupport", "Groundwork"],
            swiftSettings: swiftSettings
        ),
    ] + adapterTargets
)
