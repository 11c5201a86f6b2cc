public import FinegrainCore
import Foundation

/// National reference data bundled with the platform, as opposed to the demo city: the working
/// calendar (State Council holiday arrangements) and the GB/T 47678.5-2026 class directory with
/// the partial legacy GB/T 30428.2 list and its mapping. Provenance: `Resources/zibo/SOURCES.md`
/// and `Resources/catalogue/README.md`.
///
/// ```swift
/// let calendar = try ReferenceData.workingCalendar()
/// let classes = try ReferenceData.standardCatalogue()   // 153 components + 250 matters + legacy
/// ```
public enum ReferenceData {
    /// The official working calendar (2004–2026), China Standard Time, standard working hours.
    public static func workingCalendar(workingHours: [WorkingPeriod] = WorkingPeriod.standard) throws -> WorkingCalendar {
        try WorkingCalendar.parseCSV(try text("zibo", "cn_workcalendar", "csv"), workingHours: workingHours)
    }

    /// The standard class directory and the legacy classes.
    public static func standardCatalogue() throws -> [CatalogueClass] {
        var classes: [CatalogueClass] = []
        for name in ["gb47678-5-2026", "gb30428-2-2013-legacy"] {
            let parsed = CatalogueCSV.parse(try text("catalogue", name, "csv"), file: "\(name).csv")
            guard parsed.problems.isEmpty else { throw DemoCityError("bundled \(name).csv: \(parsed.problems[0])") }
            classes += parsed.classes
        }
        return classes
    }

    /// Legacy → new class mappings.
    public static func legacyMappings() throws -> [LegacyMapping] {
        let parsed = LegacyMappingCSV.parse(try text("catalogue", "legacy-mapping", "csv"), file: "legacy-mapping.csv")
        guard parsed.problems.isEmpty else { throw DemoCityError("bundled legacy-mapping.csv: \(parsed.problems[0])") }
        return parsed.mappings
    }

    static func text(_ folder: String, _ name: String, _ ext: String) throws -> String {
        guard let url = Bundle.module.url(forResource: name, withExtension: ext, subdirectory: folder) else {
            throw DemoCityError("bundled resource \(folder)/\(name).\(ext) is missing")
        }
        return try String(contentsOf: url, encoding: .utf8)
    }
}
