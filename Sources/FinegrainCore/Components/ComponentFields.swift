/// The standard attributes as import files name them: the GB/T 47678.5 表2 abbreviation
/// (`ZGBMDM`), Finegrain's snake_case name (`authority_code`) and, where a legacy CJ/T 214 feed has
/// one, its name (`DeptCode1`). Matching ignores letter case.
///
/// Internal: ``ComponentImport`` uses it to read properties and columns, and to name fields in
/// problems the way the file does.
struct ComponentField: Sendable {
    /// The naming styles a file may use.
    enum Style: Sendable { case abbreviation, snake, legacy }

    /// The ``Component`` property, e.g. `authorityCode`.
    let property: String
    /// 表2 abbreviation, e.g. `ZGBMDM`.
    let abbreviation: String
    /// snake_case name, e.g. `authority_code`.
    let snake: String
    /// Legacy feed name, e.g. `DeptCode1`.
    let legacy: String?

    /// The name of this field in `style`.
    func name(in style: Style) -> String {
        switch style {
        case .abbreviation: abbreviation
        case .snake: snake
        case .legacy: legacy ?? snake
        }
    }

    /// Every standard attribute, in 表2 order.
    static let all: [ComponentField] = [
        ComponentField(property: "id", abbreviation: "GLBJBSM", snake: "id", legacy: "ObjID"),
        ComponentField(property: "name", abbreviation: "GLBJMC", snake: "name", legacy: "ObjName"),
        ComponentField(property: "authorityCode", abbreviation: "ZGBMDM", snake: "authority_code", legacy: "DeptCode1"),
        ComponentField(property: "authorityName", abbreviation: "ZGBMMC", snake: "authority_name", legacy: "DeptName1"),
        ComponentField(property: "ownerCode", abbreviation: "QSDWDM", snake: "owner_code", legacy: "DeptCode2"),
        ComponentField(property: "ownerName", abbreviation: "QSDWMC", snake: "owner_name", legacy: "DeptName2"),
        ComponentField(property: "maintainerCode", abbreviation: "YHDWDM", snake: "maintainer_code", legacy: "DeptCode3"),
        ComponentField(property: "maintainerName", abbreviation: "YHDWMC", snake: "maintainer_name", legacy: "DeptName3"),
        ComponentField(property: "gridCode", abbreviation: "SZDYWGBSM", snake: "grid_code", legacy: "BGID"),
        ComponentField(property: "status", abbreviation: "GLBJZT", snake: "status", legacy: "ObjState"),
        ComponentField(property: "initialDate", abbreviation: "CSRQ", snake: "initial_date", legacy: "ORDate"),
        ComponentField(property: "changedDate", abbreviation: "BGRQ", snake: "changed_date", legacy: "CHDate"),
        ComponentField(property: "dataSource", abbreviation: "SJLY", snake: "data_source", legacy: "DataSource"),
        ComponentField(property: "note", abbreviation: "BZ", snake: "note", legacy: "Note"),
        ComponentField(property: "subdistrictCode", abbreviation: "SZJDDM", snake: "subdistrict_code", legacy: nil),
        ComponentField(property: "subdistrictName", abbreviation: "SZJDMC", snake: "subdistrict_name", legacy: nil),
        ComponentField(property: "communityCode", abbreviation: "SZSQDM", snake: "community_code", legacy: nil),
        ComponentField(property: "communityName", abbreviation: "SZSQMC", snake: "community_name", legacy: nil),
    ]

    /// Lower-cased name → field and style.
    private static let byName: [String: (field: ComponentField, style: Style)] = {
        var map: [String: (field: ComponentField, style: Style)] = [:]
        for field in all {
            map[field.abbreviation.lowercased()] = (field, .abbreviation)
            map[field.snake.lowercased()] = (field, .snake)
            if let legacy = field.legacy, map[legacy.lowercased()] == nil { map[legacy.lowercased()] = (field, .legacy) }
        }
        return map
    }()

    /// The field a property or column name stands for, ignoring case; `nil` for an extension attribute.
    static func lookup(_ name: String) -> (field: ComponentField, style: Style)? {
        byName[name.lowercased()]
    }

    /// The standard field for a ``Component`` property name.
    static func forProperty(_ property: String) -> ComponentField? {
        all.first { $0.property == property }
    }
}
