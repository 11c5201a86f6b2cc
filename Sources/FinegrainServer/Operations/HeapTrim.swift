#if canImport(Glibc)
import Glibc
#endif

/// 释放空闲堆内存 (returning freed heap): glibc keeps what a burst of work freed — an evaluation
/// at ten million cases reads several hundred thousand histories — so without this the server's
/// resident size stays at the burst's peak for as long as it runs. `malloc_trim` gives the free
/// pages of every arena back; Swift's Glibc module does not declare it, so it is looked up.
///
/// ```swift
/// _ = try await store.evaluate(period: october, level: .city, calendar: calendar)
/// HeapTrim.release()
/// ```
enum HeapTrim {
    /// Returns free heap pages to the system; false where that is not possible (not glibc).
    @discardableResult
    static func release() -> Bool {
        #if canImport(Glibc)
        typealias Trim = @convention(c) (Int) -> Int32
        guard let symbol = dlsym(nil, "malloc_trim") else { return false }
        return unsafeBitCast(symbol, to: Trim.self)(0) == 1
        #else
        return false
        #endif
    }
}
