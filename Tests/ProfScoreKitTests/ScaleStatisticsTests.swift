import Testing
@testable import ProfScoreKit

/// Group statistics against hand calculation.
@Suite struct ScaleStatisticsTests {
    @Test func meanStandardDeviationMedianByHand() {
        var stats = ScaleStatistics()
        for score in [7.0, 2, 1, 3, 2] { stats.add(score) }
        // Mean (1 + 2 + 2 + 3 + 7) / 5 = 3. Deviations −2 −1 −1 0 4, squares 4 1 1 0 16 = 22;
        // sample variance 22 / 4 = 5.5, SD √5.5 = 2.34520788…; median 2.
        #expect(stats.count == 5)
        #expect(stats.mean == 3)
        #expect(abs(stats.standardDeviation! - 2.345207879911715) < 1e-12)
        #expect(stats.median == 2)
        #expect(stats.minimum == 1 && stats.maximum == 7)
        #expect(stats.sum == 15 && stats.sumOfSquares == 67)
    }

    @Test func medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        var stats = ScaleStatistics()
        for score in [4.0, 1, 3, 2] { stats.add(score) }
        #expect(stats.median == 2.5)
        var tied = ScaleStatistics()
        for score in [5.0, 5, 5, 9] { tied.add(score) }
        #expect(tied.median == 5)
    }

    @Test func mergingGivesTheSameAsAddingEverything() {
        let scores: [Double] = [2.25, 3.5, 1, 4.75, 2.25, 8.0 / 3.0, 3.5, 5, 1, 2.25]
        var whole = ScaleStatistics()
        for score in scores { whole.add(score) }
        var left = ScaleStatistics(), right = ScaleStatistics()
        for (index, score) in scores.enumerated() { if index % 3 == 0 { left.add(score) } else { right.add(score) } }
        var merged = right
        merged.merge(left)
        #expect(merged == whole)
        #expect(merged.mean == whole.mean && merged.standardDeviation == whole.standardDeviation && merged.median == whole.median)
    }

    @Test func emptyAndSingle() {
        var stats = ScaleStatistics()
        #expect(stats.mean == nil && stats.median == nil && stats.standardDeviation == nil)
        stats.add(4)
        #expect(stats.mean == 4 && stats.median == 4 && stats.standardDeviation == nil)
    }
}
