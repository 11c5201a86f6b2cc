public import ArgumentParser
public import FinegrainCore
import FinegrainServer
import FinegrainStore
import Foundation

/// `finegrain import …` — bulk imports, each validated whole and written in one transaction.
struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import data from files (validated first; on any error nothing is imported).",
        subcommands: [ImportRegions.self, ImportCatalogue.self, ImportComponents.self, ImportThirdParty.self])
}

/// `finegrain import regions FILE.geojson`.
struct ImportRegions: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "regions",
        abstract: "Import districts, zones, subdistricts, communities or unit grids from GeoJSON.",
        discussion: """
            FILE is a GeoJSON FeatureCollection of Polygon/MultiPolygon features with properties
            code, name and optionally level, parent_code, managed_by, name_en, synthetic
            (see docs/regions.md). Regions with an existing code are replaced.
            Every feature is checked first: closed, valid, non-self-intersecting rings; lon/lat ranges;
            well-formed, unique codes; a known parent of the right level; each child inside its parent.
            Any problem is listed with the feature's index and code, and nothing is imported.
            """)

    @Argument(help: "The GeoJSON file.", completion: .file(extensions: ["geojson", "json"]))
    var file: String

    @Option(help: "Coordinate system of the file: wgs84 or gcj02 (what Chinese map apps export).")
    var crs: CoordinateSystem = .wgs84

    @Option(help: "How far (metres) a child's vertex may lie outside its parent.")
    var tolerance: Double = 20

    @Flag(help: "Validate only; write nothing.")
    var dryRun = false

    @OptionGroup var databaseOptions: DatabaseOptions
    @OptionGroup var loggingOptions: LoggingOptions

    func validate() throws {
        guard tolerance >= 0, tolerance <= 10_000 else { throw ValidationError("--tolerance must be between 0 and 10000 metres") }
    }

    func run() async throws {
        let logger = loggingOptions.makeLogger(label: "finegrain.import", defaultFormat: "text")
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: file)) } catch {
            throw CommandFailure("cannot read \(file): \(error.localizedDescription)")
        }
        let store = try await databaseOptions.openStore(logger: logger)
        let report: RegionImporter.Report
        do {
            report = try await RegionImporter(store: store).run(
                data, options: RegionImport.Options(crs: crs, toleranceMeters: tolerance), dryRun: dryRun,
                actor: .commandLine(ProcessInfo.processInfo.environment["USER"] ?? "unknown"))
        } catch let failure as RegionImportFailure {
            try? await store.database.close()
            var message = "\(file): refused, nothing imported — \(failure.problems.count) problem(s):\n"
            for problem in failure.problems {
                let line = problem.line.map { ":\($0)" } ?? ""
                message += "\(file)\(line): \(problem.location): \(problem.reason)（\(problem.reasonZH)）\n"
            }
            FileHandle.standardError.write(Data(message.utf8))
            throw ExitCode(65)
        } catch {
            try? await store.database.close()
            throw error
        }
        try await store.database.close()
        print(
            dryRun
                ? "\(file): valid — would import \(report.summary) (dry run, nothing written)"
                : "\(file): imported \(report.summary) into \(store.database.location)")
    }
}

extension CoordinateSystem: ExpressibleByArgument {}

/// `finegrain import catalogue FILE.csv`.
struct ImportCatalogue: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalogue",
        abstract: "Import component and matter classes (部件/事项) from CSV, e.g. a city's local classes.",
        discussion: """
            Columns: kind,code,name,major_code,major_name,standard,note and optionally name_en, active and
            attributes (a JSON array of extension attributes). standard is GB/T 47678.5-2026 (5-digit codes),
            GB/T 30428.2-2013 (4 digits) or local (4-8 digits). Classes with an existing kind and code are
            replaced. Every row is checked first; any problem is reported as FILE:LINE: field: reason and
            nothing is imported. See Sources/FinegrainDemo/Resources/catalogue/README.md.
            """)

    @Argument(help: "The CSV file.", completion: .file(extensions: ["csv"]))
    var file: String

    @Flag(help: "Validate only; write nothing.")
    var dryRun = false

    @OptionGroup var databaseOptions: DatabaseOptions
    @OptionGroup var loggingOptions: LoggingOptions

    func run() async throws {
        let logger = loggingOptions.makeLogger(label: "finegrain.import", defaultFormat: "text")
        let text = try CommandFailure.readText(file)
        let parsed = CatalogueCSV.parse(text, file: (file as NSString).lastPathComponent)
        guard parsed.problems.isEmpty else {
            let lines = parsed.problems.map { "\($0)（\($0.descriptionZH)）" }.joined(separator: "\n")
            FileHandle.standardError.write(Data("\(file): refused, nothing imported — \(parsed.problems.count) problem(s):\n\(lines)\n".utf8))
            throw ExitCode(65)
        }
        if dryRun {
            print("\(file): valid — would import \(parsed.classes.count) classes (dry run, nothing written)")
            return
        }
        let store = try await databaseOptions.openStore(logger: logger)
        do {
            try await store.upsertCatalogue(parsed.classes, actor: .commandLine(ProcessInfo.processInfo.environment["USER"] ?? "unknown"))
        } catch {
            try? await store.database.close()
            throw error
        }
        try await store.database.close()
        print("\(file): imported \(parsed.classes.count) classes into \(store.database.location)")
    }
}

/// `finegrain import components FILE`.
struct ImportComponents: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "components",
        abstract: "Import a component census (部件普查) from GeoJSON or CSV.",
        discussion: """
            Properties use the GB/T 47678.5 abbreviations (GLBJBSM, GLBJMC, ZGBMDM, ZGBMMC, QSDWDM, …, GLBJZT,
            CSRQ, BGRQ, …), snake_case names (id, name, authority_code, …), or the legacy feed names (ObjID,
            DeptCode1, …); other properties are the class's extension attributes. Each component's grid,
            community and subdistrict are resolved from its location. Every row is checked first (ids, classes,
            credit codes, dates, geometry, grid); any problem is listed and nothing is imported. Components with
            an existing id are updated and the change recorded in their history.
            """)

    @Argument(help: "The .geojson or .csv file.", completion: .file(extensions: ["geojson", "json", "csv"]))
    var file: String

    @Option(help: "Coordinate system: wgs84 or gcj02.")
    var crs: CoordinateSystem = .wgs84

    @OptionGroup var databaseOptions: DatabaseOptions
    @OptionGroup var loggingOptions: LoggingOptions

    func run() async throws {
        let logger = loggingOptions.makeLogger(label: "finegrain.import", defaultFormat: "text")
        guard let data = FileManager.default.contents(atPath: file) else { throw CommandFailure("cannot read \(file)") }
        let format: ComponentRegister.Format = file.lowercased().hasSuffix(".csv") ? .csv : .geojson
        let store = try await databaseOptions.openStore(logger: logger)
        do {
            let catalogueIndex = CatalogueIndex(store: store, logger: logger)
            try await catalogueIndex.loadReferenceDataIfEmpty()
            let register = ComponentRegister(
                store: store, catalogue: await catalogueIndex.catalogue, locator: RegionLocator(regions: try await store.allRegions()))
            let count = try await register.importFile(
                data, format: format, crs: crs, file: (file as NSString).lastPathComponent,
                actor: .commandLine(ProcessInfo.processInfo.environment["USER"] ?? "unknown"))
            try await store.database.close()
            print("\(file): imported \(count) components into \(store.database.location)")
        } catch let failure as ComponentImportFailure {
            try? await store.database.close()
            let lines = failure.problems.map { "\($0)（\($0.messageZH)）" }.joined(separator: "\n")
            FileHandle.standardError.write(Data("\(file): refused, nothing imported — \(failure.problems.count) problem(s):\n\(lines)\n".utf8))
            throw ExitCode(65)
        } catch {
            try? await store.database.close()
            throw error
        }
    }
}

/// `finegrain import third-party FILE.csv` — the assessor's scores for the four-in-one evaluation.
struct ImportThirdParty: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "third-party",
        abstract: "Import third-party assessment scores (第三方测评) from CSV, all or nothing.",
        discussion: """
            Columns: month,region_code,survey,field_test,assessor (a header first; other columns such as
            region_name are ignored). Scores are 0–100; region_code is a district, zone or subdistrict of the
            tree; a month and region appear once. A row for a month and region imported before replaces it; a
            published month is frozen and refused. Every problem is reported as FILE:LINE: field: reason.
            """)

    @Argument(help: "The CSV file.", completion: .file(extensions: ["csv"]))
    var file: String

    @Flag(help: "Validate only; write nothing.")
    var dryRun = false

    @OptionGroup var databaseOptions: DatabaseOptions
    @OptionGroup var loggingOptions: LoggingOptions

    func run() async throws {
        let logger = loggingOptions.makeLogger(label: "finegrain.import", defaultFormat: "text")
        let text = try CommandFailure.readText(file)
        let name = (file as NSString).lastPathComponent
        let parsed = ThirdPartyCSV.parse(text, source: name)
        let store = try await databaseOptions.openStore(logger: logger)
        do {
            var problems = parsed.problems
            if problems.isEmpty { problems = try await store.thirdPartyRegionProblems(parsed.scores) }
            guard problems.isEmpty else {
                let lines = problems.map { "\($0.description)（\($0.messageZH)）" }.joined(separator: "\n")
                FileHandle.standardError.write(Data("\(file): refused, nothing imported（未导入）— \(problems.count) problem(s):\n\(lines)\n".utf8))
                try? await store.database.close()
                throw ExitCode(65)
            }
            if !dryRun { try await store.importThirdPartyScores(parsed.scores, actor: .commandLine(ProcessInfo.processInfo.environment["USER"] ?? "unknown")) }
        } catch {
            try? await store.database.close()
            throw error
        }
        try await store.database.close()
        print("\(file): \(dryRun ? "valid — would import" : "imported") \(parsed.scores.count) scores\(dryRun ? " (dry run, nothing written)" : "")")
    }
}
