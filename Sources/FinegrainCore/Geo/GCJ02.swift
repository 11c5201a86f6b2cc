import Foundation

/// China's GCJ-02 datum ("Mars coordinates", 火星坐标) used by 高德/Amap, 腾讯 and other domestic maps.
///
/// Chinese map providers publish coordinates with a deliberate, non-linear offset of a few hundred
/// metres from WGS84. Finegrain stores WGS84 only, so data from those sources is converted at the
/// edge. ``fromWGS84(_:)`` is the widely published forward formula (Krasovsky ellipsoid constants);
/// ``toWGS84(_:)`` inverts it exactly by fixed-point iteration, rather than the common one-step
/// approximation that leaves metre-level errors. Points outside the formula's China box are
/// returned unchanged, as every implementation of the formula does.
///
/// ```swift
/// let gcj = GCJ02.fromWGS84(Coordinate(lon: 118.05, lat: 36.81))   // ≈ (118.0559, 36.8110)
/// let wgs = GCJ02.toWGS84(gcj)                                     // (118.05, 36.81) to 1e-12°
/// ```
public enum GCJ02 {
    /// Krasovsky 1940 semi-major axis, as used by the published formula.
    static let a = 6_378_245.0
    /// Krasovsky 1940 first eccentricity squared, as used by the published formula.
    static let ee = 0.00669342162296594323

    /// Whether the formula leaves `c` unchanged (outside its rough China box).
    public static func isOutsideChina(_ c: Coordinate) -> Bool {
        c.lon < 72.004 || c.lon > 137.8347 || c.lat < 0.8293 || c.lat > 55.8271
    }

    /// Converts a WGS84 coordinate to GCJ-02 with the standard public formula.
    public static func fromWGS84(_ c: Coordinate) -> Coordinate {
        guard c.lon.isFinite, c.lat.isFinite, !isOutsideChina(c) else { return c }
        let x = c.lon - 105.0
        let y = c.lat - 35.0
        var dLat = transformLat(x, y)
        var dLon = transformLon(x, y)
        let radLat = c.lat / 180.0 * .pi
        var magic = sin(radLat)
        magic = 1 - ee * magic * magic
        let sqrtMagic = magic.squareRoot()
        dLat = (dLat * 180.0) / ((a * (1 - ee)) / (magic * sqrtMagic) * .pi)
        dLon = (dLon * 180.0) / (a / sqrtMagic * cos(radLat) * .pi)
        return Coordinate(lon: c.lon + dLon, lat: c.lat + dLat)
    }

    /// Converts a GCJ-02 coordinate to WGS84: the exact inverse of ``fromWGS84(_:)``.
    ///
    /// Iterates w ← w + (g − f(w)) from w = g until f(w) matches g within 1e-12° (it converges
    /// geometrically, typically in 5–8 steps; at most 30 are taken).
    public static func toWGS84(_ g: Coordinate) -> Coordinate {
        guard g.lon.isFinite, g.lat.isFinite, !isOutsideChina(g) else { return g }
        var w = g
        for _ in 0..<30 {
            let f = fromWGS84(w)
            let dLon = g.lon - f.lon
            let dLat = g.lat - f.lat
            if abs(dLon) < 1e-12 && abs(dLat) < 1e-12 { break }
            w.lon += dLon
            w.lat += dLat
        }
        return w
    }

    private static func transformLat(_ x: Double, _ y: Double) -> Double {
        var ret = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * abs(x).squareRoot()
        ret += (20.0 * sin(6.0 * x * .pi) + 20.0 * sin(2.0 * x * .pi)) * 2.0 / 3.0
        ret += (20.0 * sin(y * .pi) + 40.0 * sin(y / 3.0 * .pi)) * 2.0 / 3.0
        ret += (160.0 * sin(y / 12.0 * .pi) + 320 * sin(y * .pi / 30.0)) * 2.0 / 3.0
        return ret
    }

    private static func transformLon(_ x: Double, _ y: Double) -> Double {
        var ret = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * abs(x).squareRoot()
        ret += (20.0 * sin(6.0 * x * .pi) + 20.0 * sin(2.0 * x * .pi)) * 2.0 / 3.0
        ret += (20.0 * sin(x * .pi) + 40.0 * sin(x / 3.0 * .pi)) * 2.0 / 3.0
        ret += (150.0 * sin(x / 12.0 * .pi) + 300.0 * sin(x / 30.0 * .pi)) * 2.0 / 3.0
        return ret
    }
}
