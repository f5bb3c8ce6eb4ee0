import Foundation
import Testing
@testable import ProfScoreKit

/// Replays an input of the fuzz target `reference` (a crash artifact) against
/// the reference scorer and prints every difference. Only runs when asked:
///
///     REFERENCE_REPLAY=.build-fuzz/artifacts/reference-crash-… swift test --filter ReferenceReplayTests
///
/// (An input whose first byte is odd is the sheet itself after that byte; one
/// whose first byte is even drives the sheet generator, as in the fuzz target.)
@Suite struct ReferenceReplayTests {
    static let path = ProcessInfo.processInfo.environment["REFERENCE_REPLAY"]

    @Test(.enabled(if: path != nil), arguments: ["klimov-ddo", "onet-interest-profiler-60"])
    func replayFuzzInput(instrument id: String) throws {
        let input = Array(FileManager.default.contents(atPath: Self.path!) ?? Data())
        let sheet = RefGenerators.fuzzSheet(for: try ReferenceDifferentialTests.referenceInstrument(id), input: input)
        let result = try ReferenceDifferentialTests.differences(bytes: sheet, instrument: id)
        print("replay \(id): info \(result.info.prefix(5))\nother \(result.other.prefix(10))\nknown \(result.known)")
        #expect(result.info.isEmpty && result.other.isEmpty)
    }
}
