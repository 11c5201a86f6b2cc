// swift-tools-version:6.2
import PackageDescription

/// Settings every target shares, as Hummingbird itself uses them: Swift 6 language mode with the
/// upcoming features that keep imports explicit and existentials visible.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "finegrain",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "finegrain", targets: ["finegrain"]),
        .library(name: "FinegrainCore", targets: ["FinegrainCore"]),
        .library(name: "FinegrainStore", targets: ["FinegrainStore"]),
        .library(name: "FinegrainServer", targets: ["FinegrainServer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: ["FullFoundation"]),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/vapor/sql-kit", from: "3.36.0"),
        .package(url: "https://github.com/vapor/sqlite-kit", from: "4.5.2"),
        .package(url: "https://github.com/vapor/postgres-kit", from: "2.17.0"),
        .package(url: "https://github.com/vapor/async-kit", from: "1.22.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        // The domain, pure: Foundation only, no I/O, no framework.
        .target(
            name: "FinegrainCore",
            swiftSettings: swiftSettings
        ),
        // The demo city: Zibo's real boundaries and codes plus the deterministic synthetic layers.
        .target(
            name: "FinegrainDemo",
            dependencies: ["FinegrainCore"],
            resources: [.copy("Resources/zibo"), .copy("Resources/catalogue")],
            swiftSettings: swiftSettings
        ),
        // Persistence: one store API over SQLKit, run on SQLite and PostgreSQL.
        .target(
            name: "FinegrainStore",
            dependencies: [
                "FinegrainCore",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "AsyncKit", package: "async-kit"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            swiftSettings: swiftSettings
        ),
        // The Hummingbird application: JSON API, HTML pages, health, metrics.
        .target(
            name: "FinegrainServer",
            dependencies: [
                "FinegrainCore",
                "FinegrainStore",
                "FinegrainDemo",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            resources: [.copy("Resources/templates"), .copy("Resources/static")],
            swiftSettings: swiftSettings
        ),
        // The thin executable: serve, migrate, import, bench …
        .executableTarget(
            name: "finegrain",
            dependencies: [
                "FinegrainCore",
                "FinegrainStore",
                "FinegrainServer",
                "FinegrainDemo",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // Shared by the tests: databases to run against, fixtures.
        .target(
            name: "FinegrainTestSupport",
            dependencies: ["FinegrainCore", "FinegrainStore", "FinegrainDemo", .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "FinegrainCoreTests", dependencies: ["FinegrainCore"], swiftSettings: swiftSettings),
        .testTarget(name: "FinegrainDemoTests", dependencies: ["FinegrainDemo", "FinegrainCore"], swiftSettings: swiftSettings),
        .testTarget(
            name: "FinegrainStoreTests",
            dependencies: ["FinegrainStore", "FinegrainCore", "FinegrainDemo", "FinegrainTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "FinegrainServerTests",
            dependencies: [
                "FinegrainServer", "FinegrainStore", "FinegrainCore", "FinegrainDemo", "FinegrainTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
