import Dispatch
import Foundation
import Synchronization

/// Scoring one large sheet on several threads.
///
/// A large regular file in UTF-8 or Windows-1251 is cut into parts at record
/// ends (`FileSplitter`, quoted cells with line breaks included); each part is read and scored on its
/// own thread, by ``BatchScorer/scoreRows``, into its own state, and the states
/// come back in file order on the calling thread. Diagnostics are passed on
/// in file order with exact lines, as when the file is read in one go; other
/// files are read in one go (``BatchScorer/scoreWhole``), as one part.
extension BatchScorer {
    /// Scores one sheet in parts: for an output in file order (the scores
    /// file) with `checksDuplicates`, or for a result that does not depend
    /// on the order of rows (a group report) without.
    ///
    /// With `checksDuplicates`, the first part is scored as in one go: its
    /// ids are checked as its rows come, so it can write straight to the
    /// output. The rows of later parts are checked once the parts before
    /// them are done: `each` returns a token for each row (where its
    /// `duplicate-id` flag would go), and `finish` gets the tokens of the
    /// rows found to be repeats. The ids of those rows are read again from
    /// the file for the warnings.
    /// - Parameters:
    ///   - threads: the most threads to use.
    ///   - minimumSplitSize: files smaller than this are read in one go.
    ///   - makePart: a part's state; `true` for the first part (or the only one).
    ///   - prepare: given the header before any row; returns the respondent columns rows need.
    ///   - each: adds a row to its part's state (called on the part's thread)
    ///     and returns its token.
    ///   - finish: called for each part in file order on this thread, with
    ///     the tokens of its rows to flag `duplicate-id` (always none for the first part).
    /// - Throws: ``ProfScoreError`` when the file cannot be scored at all,
    ///   or what `makePart` or `finish` throw; the file is then listed in ``failures``.
    func scoreParts<Part>(
        path: String, name: String, threads: Int, minimumSplitSize: Int, checksDuplicates: Bool,
        makePart: (Bool) throws(ProfScoreError) -> Part,
        prepare: (SheetHeader) -> [Bool]?,
        report: (Diagnostic) -> Void,
        each: @escaping @Sendable (inout Part, ScoredRow) -> Int,
        finish: (inout Part, [Int]) throws(ProfScoreError) -> Void
    ) throws(ProfScoreError) {
        let sheet: OpenSheet
        do { sheet = try open(path: path, name: name, prepare: prepare, report: report) } catch { throw failed(name, error) }
        let parts = path == "-" ? nil
            : FileSplitter.split(path: path, encoding: sheet.reader.encoding, delimiter: sheet.reader.delimiterByte, dataStartLine: sheet.reader.dataStartLine,
                                 parts: threads > 1 && checksDuplicates ? threads * Self.partsPerThread : threads,
                                 minimumSize: minimumSplitSize, firstPartWeight: checksDuplicates ? Self.firstPartWeight : 1)
        guard let parts else {
            // One part: the sheet in one go, on this thread.
            do {
                var part = try makePart(true)
                try scoreWhole(sheet, checksDuplicates: checksDuplicates, report: report) { _ = each(&part, $0) }
                try finish(&part, [])
            } catch {
                throw failed(name, error)
            }
            return
        }
        do {
            try scoreSplit(sheet, into: parts, threads: threads, checksDuplicates: checksDuplicates,
                           makePart: makePart, report: report, each: each, finish: finish)
        } catch {
            throw failed(name, error)
        }
    }

    /// The first part's share relative to the others' when it checks ids as
    /// it goes (which costs it about a quarter more per row, measured on
    /// the benchmark's ДДО sheet), so that the parts end together.
    static let firstPartWeight = 0.8

    /// For an output in file order, parts per thread: appending a part (its
    /// ids checked, its scratch file copied) then overlaps with scoring the
    /// parts after it, and only the last part's is left at the end.
    static let partsPerThread = 4

    /// A row of a later part whose id is checked after the parts before it.
    private struct PendingID {
        var hash: UInt64
        var line: Int
        var token: Int
    }

    /// Scores a sheet cut into parts on several threads.
    private func scoreSplit<Part>(
        _ sheet: OpenSheet, into parts: [FileSplitter.Part], threads: Int, checksDuplicates: Bool,
        makePart: (Bool) throws(ProfScoreError) -> Part,
        report: (Diagnostic) -> Void,
        each: @escaping @Sendable (inout Part, ScoredRow) -> Int,
        finish: (inout Part, [Int]) throws(ProfScoreError) -> Void
    ) throws(ProfScoreError) {
        let path = sheet.path, name = sheet.header.file
        let box = ConcurrentParts<Part, PendingID>(count: parts.count)
        for index in parts.indices { box.slots[index].part = try makePart(index == 0) }
        // The first part checks ids as it goes, with the ids of the files before
        // (the table made large enough for the rows the file's size allows,
        // so that it is rarely rebuilt).
        if checksDuplicates {
            var ids = takeSeenIDs()
            ids.reserve(FileSplitter.reservation(forRows: parts.reduce(0) { $0 + $1.expectedRows }))
            box.slots[0].ids = ids
        }
        let scorer = self.scorer, rules = self.rules, progress = self.progress
        let layout = sheet.reader.layout, header = sheet.header, hiddenColumns = sheet.hiddenColumns
        @Sendable func scorePart(_ index: Int) {
            let part = parts[index]
            // Each thread works on its own slot only.
            let slot = box.slots + index
            do throws(ProfScoreError) {
                let reader = try SheetReader(continuing: layout, path: path, byteRange: part.bytes, firstLine: part.firstLine)
                let batch = BatchScorer(scorer: scorer, detectsDuplicateIDs: false, rules: rules)
                batch.progress = progress
                let recordsIDs = checksDuplicates && index > 0
                if recordsIDs { slot.pointee.pending.reserveCapacity(min(part.expectedRows, 1 << 16)) }  // grows beyond
                slot.pointee.respondents = try batch.scoreRows(
                    of: reader, header: header, ids: &slot.pointee.ids, tally: &slot.pointee.tally,
                    hiddenColumns: hiddenColumns, hashesIDs: recordsIDs,
                    report: { slot.pointee.diagnostics.append($0) }
                ) { scored in
                    let token = each(&slot.pointee.part!, scored)
                    if let hash = scored.idHash {
                        slot.pointee.pending.append(PendingID(hash: hash, line: scored.line, token: token))
                    }
                }
                slot.pointee.endLine = reader.currentLine
            } catch {
                slot.pointee.error = error
            }
        }
        // A finished part, in file order: its ids checked, its diagnostics
        // passed on and its state handed to `finish`.
        func appendPart(_ index: Int) throws(ProfScoreError) {
            let slot = box.slots + index
            if index == 0 && checksDuplicates { self.seenIDs = slot.pointee.ids ?? DuplicateIDs() }
            if let error = slot.pointee.error { throw error }
            // Later parts: their ids after those of the parts before, in order.
            let pending = slot.pointee.pending
            let hashes = pending.map(\.hash)
            let repeats = hashes.withUnsafeBufferPointer { hashes in
                self.seenIDs.check(hashes: hashes, file: name) { pending[$0].line }
            }.map { (pending: pending[$0.index], first: $0.first) }
            var warnings: [Diagnostic] = []
            if !repeats.isEmpty {
                let ids = try self.idsOfLines(Set(repeats.map(\.pending.line)), layout: layout, path: path, part: parts[index])
                warnings = repeats.map { DuplicateIDs.warning(id: ids[$0.pending.line] ?? "", file: name, line: $0.pending.line, first: $0.first) }
            }
            // The part's diagnostics and the repeat warnings, by line (as when read in one go:
            // a row's own diagnostics come before the warning about its id).
            var next = 0
            for diagnostic in slot.pointee.diagnostics {
                while next < warnings.count, let line = diagnostic.line, warnings[next].line! < line {
                    self.count(warnings[next], ofRow: true); report(warnings[next]); next += 1
                }
                self.count(diagnostic, ofRow: true)
                report(diagnostic)
            }
            for warning in warnings[next...] { self.count(warning, ofRow: true); report(warning) }
            self.respondentCount += slot.pointee.respondents
            tally.merge(slot.pointee.tally)
            try finish(&slot.pointee.part!, repeats.map(\.pending.token))
        }
        // Worker threads score the next part not yet taken; this thread appends
        // the parts in file order as they are done, while the workers go on
        // scoring, so that `report` and `finish` only ever run here.
        var tally = SheetTally()
        let schedule = PartSchedule(count: parts.count)
        let workers = DispatchGroup()
        for _ in 0..<min(threads, parts.count) {
            DispatchQueue.global().async(group: workers) {
                while let index = schedule.nextToScore() {
                    scorePart(index)
                    schedule.scored(index)
                }
            }
        }
        var failure: ProfScoreError?
        for index in parts.indices {
            schedule.waitUntilScored(index)
            do {
                try appendPart(index)
            } catch {
                failure = error
                schedule.stop()
                break
            }
        }
        workers.wait()
        if let failure { throw failure }
        try sheet.snapshot?.verify(path: path, displayName: name)

        // The parts do not say that the sheet has no rows (each has only a
        // part of it); as when reading in one go, say it at the end of the file.
        if parts.indices.allSatisfy({ box.slots[$0].respondents == 0 }) {
            let diagnostic = sheet.reader.noRowsDiagnostic(line: box.slots[parts.count - 1].endLine)
            count(diagnostic, ofRow: false)
            report(diagnostic)
        }
        try finishSheet(header, tally: tally, endLine: box.slots[parts.count - 1].endLine, report: report)
    }

    /// The ids at some lines of a part, read again from the file (for the
    /// warnings about repeated ids, which are rare).
    private func idsOfLines(_ lines: Set<Int>, layout: SheetLayout, path: String, part: FileSplitter.Part)
        throws(ProfScoreError) -> [Int: String] {
        let reader = try SheetReader(continuing: layout, path: path, byteRange: part.bytes, firstLine: part.firstLine)
        reader.neededInfoColumns = nil
        var row = SheetRow(line: 0, codes: [], info: [], hasUnreadableCells: false)
        var ids: [Int: String] = [:]
        while ids.count < lines.count, try reader.nextRow(&row, report: { _ in }) {
            if lines.contains(row.line) { ids[row.line] = row.id }
        }
        return ids
    }
}

/// Per-part state of a concurrent run, in separately allocated slots: each
/// thread touches only its own slot, and the owner reads them after all
/// threads have finished.
private final class ConcurrentParts<Part, Pending>: @unchecked Sendable {
    struct Slot {
        var part: Part?
        var diagnostics: [Diagnostic] = []
        var respondents = 0
        /// The line after the part's last byte.
        var endLine = 0
        var error: ProfScoreError?
        var tally = SheetTally()
        /// The first part: the ids seen so far, checked and added to as rows come.
        var ids: DuplicateIDs?
        /// Later parts: their rows' ids, checked after the parts before.
        var pending: [Pending] = []
    }

    let slots: UnsafeMutablePointer<Slot>
    let count: Int

    init(count: Int) {
        self.count = count
        slots = .allocate(capacity: count)
        slots.initialize(repeating: Slot(), count: count)
    }

    deinit {
        slots.deinitialize(count: count)
        slots.deallocate()
    }
}

/// Which part a worker of a concurrent run scores next, and when the
/// appending thread may take the next part in file order. After a failure
/// no more parts are handed out.
///
/// A scored part is passed on by a semaphore of its own, which is also what
/// makes the worker's writes to the part's slot visible to the appending
/// thread (and what ThreadSanitizer, which does not see `Mutex` on Linux, sees).
private final class PartSchedule: Sendable {
    private struct State {
        var nextScore = 0
        var stopped = false
    }

    private let state: Mutex<State>
    private let count: Int
    /// Per part: signalled once when the part is scored.
    private let partScored: [DispatchSemaphore]

    init(count: Int) {
        self.count = count
        state = Mutex(State())
        partScored = (0..<count).map { _ in DispatchSemaphore(value: 0) }
    }

    /// The next part to score, if any is left.
    func nextToScore() -> Int? {
        state.withLock { state in
            guard state.nextScore < count, !state.stopped else { return nil }
            state.nextScore += 1
            return state.nextScore - 1
        }
    }

    func scored(_ index: Int) {
        partScored[index].signal()
    }

    /// Waits until a part is scored. Only the appending thread stops the
    /// run, after which it waits for no more parts, so every part it waits
    /// for is (or will be) taken by a worker.
    func waitUntilScored(_ index: Int) {
        partScored[index].wait()
    }

    /// Hands out no more parts.
    func stop() {
        state.withLock { $0.stopped = true }
    }
}
