// swift-tools-version: 6.1
import PackageDescription

/// Settings every target shares, so a flag is set once and explained once.
let sharedSettings: [SwiftSetting] = [
  // Existentials must be spelled `any P`, which keeps dynamic dispatch visible in review.
  .enableUpcomingFeature("ExistentialAny"),
  // Imports of one file do not leak member lookups into another.
  .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
  name: "cspr",
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "cspr", targets: ["cspr"]),
    .library(
      name: "CSPRKit",
      targets: ["CSPRModel", "CSPRIngest", "CSPRExtract", "CSPRClassify", "CSPRReport"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
  ],
  targets: [
    .systemLibrary(
      name: "CLibXML2",
      pkgConfig: "libxml-2.0",
      providers: [.apt(["libxml2-dev"])]
    ),
    .target(name: "CSPRModel", swiftSettings: sharedSettings),
    .target(
      name: "CSPRIngest",
      dependencies: ["CSPRModel", "CLibXML2"],
      swiftSettings: sharedSettings
    ),
    .target(
      name: "CSPRExtract",
      dependencies: ["CSPRModel"],
      swiftSettings: sharedSettings
    ),
    .target(
      name: "CSPRClassify",
      dependencies: ["CSPRModel", "CSPRExtract", .product(name: "Yams", package: "Yams")],
      resources: [.copy("Resources/taxonomy.yaml"), .copy("Resources/language.yaml")],
      swiftSettings: sharedSettings
    ),
    .target(
      name: "CSPRReport",
      dependencies: [
        "CSPRModel", "CSPRExtract", "CSPRClassify",
        .product(name: "Mustache", package: "swift-mustache"),
      ],
      resources: [.copy("Templates")],
      swiftSettings: sharedSettings
    ),
    .target(
      name: "CSPRStore",
      dependencies: ["CSPRModel", .product(name: "GRDB", package: "GRDB.swift")],
      swiftSettings: sharedSettings
    ),
    .target(
      name: "CSPRCommands",
      dependencies: [
        "CSPRModel", "CSPRIngest", "CSPRExtract", "CSPRClassify", "CSPRReport", "CSPRStore",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      swiftSettings: sharedSettings
    ),
    .executableTarget(name: "cspr", dependencies: ["CSPRCommands"], swiftSettings: sharedSettings),
    .target(
      name: "_CSPRTestSupport",
      dependencies: ["CSPRModel"],
      path: "Tests/_CSPRTestSupport",
      swiftSettings: sharedSettings
    ),
    .testTarget(
      name: "CSPRIngestTests",
      dependencies: ["CSPRIngest", "_CSPRTestSupport"],
      exclude: ["Snapshots"],
      swiftSettings: sharedSettings
    ),
    .testTarget(
      name: "CSPRExtractTests",
      dependencies: ["CSPRExtract", "CSPRIngest", "_CSPRTestSupport"],
      swiftSettings: sharedSettings
    ),
    .testTarget(
      name: "CSPRClassifyTests",
      dependencies: ["CSPRClassify", "CSPRExtract", "CSPRIngest", "_CSPRTestSupport"],
      swiftSettings: sharedSettings
    ),
    .testTarget(
      name: "CSPRReportTests",
      dependencies: ["CSPRReport", "CSPRClassify", "_CSPRTestSupport"],
      exclude: ["Snapshots"],
      swiftSettings: sharedSettings
    ),
    .testTarget(
      name: "CSPRStoreTests",
      dependencies: ["CSPRStore", "_CSPRTestSupport"],
      swiftSettings: sharedSettings
    ),
    .testTarget(
      name: "CSPRCommandsTests",
      dependencies: ["CSPRCommands", "CSPRClassify", "_CSPRTestSupport"],
      swiftSettings: sharedSettings
    ),
  ],
  swiftLanguageModes: [.v6]
)

// libFuzzer harnesses, built only by scripts/fuzz (CSPR_FUZZ=1), never in the normal build:
// `-parse-as-library` because there is no top-level code; FuzzSupport starts libFuzzer.
if Context.environment["CSPR_FUZZ"] != nil {
  package.targets.append(
    .target(name: "FuzzSupport", path: "Fuzz/Support", swiftSettings: sharedSettings))
  for (name, dependencies) in [
    ("FuzzHTML", ["CSPRIngest"]), ("FuzzText", ["CSPRIngest"]),
    ("FuzzExtract", ["CSPRIngest", "CSPRExtract", "CSPRClassify"]),
    ("FuzzTaxonomy", ["CSPRClassify"]),
  ] {
    package.targets.append(
      .executableTarget(
        name: name, dependencies: (dependencies + ["FuzzSupport"]).map { .target(name: $0) },
        path: "Fuzz/\(name)",
        swiftSettings: sharedSettings + [.unsafeFlags(["-parse-as-library"])]))
  }
}
