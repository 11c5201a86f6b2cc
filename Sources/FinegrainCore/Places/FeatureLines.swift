import Foundation

/// Finds the line on which each element of a GeoJSON file's top-level `features` array starts, so
/// that import errors can point at `FILE:LINE` in an editor. A single pass over the bytes that
/// tracks strings and nesting; it does not validate (JSONSerialization does that).
///
/// ```swift
/// FeatureLines(data).line(ofFeature: 2)   // 72
/// ```
struct FeatureLines: Sendable {
    private var lines: [Int] = []

    init(_ data: Data) {
        var line = 1
        var depth = 0
        var inString = false
        var escaped = false
        var lastKey = ""
        var currentString: [UInt8] = []
        var featuresDepth: Int?
        var expectingElement = false
        for byte in data {
            if inString {
                if escaped { escaped = false } else if byte == 0x5C { escaped = true } else if byte == 0x22 {
                    inString = false
                    lastKey = String(decoding: currentString, as: UTF8.self)
                } else { currentString.append(byte) }
                if byte == 0x0A { line += 1 }
                continue
            }
            switch byte {
            case 0x0A: line += 1
            case 0x22:
                inString = true
                currentString.removeAll(keepingCapacity: true)
            case 0x5B, 0x7B:  // [ {
                if expectingElement && depth == (featuresDepth ?? -1) {
                    lines.append(line)
                    expectingElement = false
                }
                depth += 1
                if byte == 0x5B && depth == 2 && lastKey == "features" && featuresDepth == nil {
                    featuresDepth = depth
                    expectingElement = true
                }
            case 0x5D, 0x7D:  // ] }
                depth -= 1
                if byte == 0x5D, let open = featuresDepth, depth < open { featuresDepth = -2 }
            case 0x2C:  // ,
                if depth == (featuresDepth ?? -1) { expectingElement = true }
            default: break
            }
        }
    }

    /// The one-based line where feature `index` starts, if found.
    func line(ofFeature index: Int) -> Int? { index < lines.count ? lines[index] : nil }
}
