/// Lets one write transaction at a time into SQLite, in arrival order, *before* it takes a
/// connection.
///
/// Why: sqlite-nio runs every call on a small shared thread pool. If two connections of this
/// process both sit in `BEGIN IMMEDIATE`, the one waiting for the lock sleeps in SQLite's busy
/// handler *on a pool thread*; with few threads, the lock holder cannot get a thread to run its
/// `COMMIT`, and both wait out the busy timeout. Queueing writers here, where waiting is a
/// suspended task and not a blocked thread, removes that deadlock. (SQLite allows one writer at a
/// time anyway, so nothing is lost; other processes are still handled by the busy timeout.)
actor WriteGate {
    private var busy = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func enter() async {
        if !busy {
            busy = true
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    func leave() {
        if waiters.isEmpty {
            busy = false
        } else {
            waiters.removeFirst().resume()
        }
    }
}
