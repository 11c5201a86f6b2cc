/// Lets one write transaction at a time into SQLite, in arrival order, *before* it touches the
/// writer connection.
///
/// Why: every write transaction runs on the one ``SQLiteHandle`` connection, statement by
/// statement with suspensions in between (except ``Database/transactionInOneStep(_:)``), so two
/// transactions must not interleave there; queueing them here, where waiting is a suspended task
/// and not a blocked thread, keeps each one whole. (SQLite allows one writer at a time anyway, so
/// nothing is lost; other processes are kept out by SQLite's lock and the busy timeout.)
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
