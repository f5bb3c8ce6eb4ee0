import Foundation

struct Options {
    var profscore = ".build/release/profscore"
    var data = "benchmark-data"
    var runs = 5
    var peerRuns: Int? = nil
    var peers = true
    var ddoSizes = [100_000, 1_000_000, 5_000_000]
    var onetRows = 200_000
    var peersMaxRows = 1_000_000
    var markdown: String? = nil
    var seed: UInt64 = 20_250_901
    var peersDir = "Benchmarks/peers"
    var rscript = "Rscript"
    var python = "python3"
    var keepOutputs = false
    var generateOnly = false
    var quietWait = 0
    var year = "2025/26"

    static let usage = """
    USAGE: ProfScoreBenchmarks [options]   (normally through Benchmarks/run.sh)

    Generates deterministic answer-sheet files, checks that profscore, R's psych and
    pandas compute the same per-class numbers from them, then times profscore
    `report --format json` and `score --format csv` and the two peers, and prints
    median wall time, sheets/s, MB/s, CPU time, peak memory, the ratios to the peers
    and the scaling from 100k to 5M sheets.

    OPTIONS:
      --profscore PATH      The profscore executable (default .build/release/profscore).
      --data DIR            Where the data sets and outputs go (default benchmark-data).
      --runs N              Timed runs of each profscore command per data set (default 5).
      --peer-runs N         Timed runs of each peer per data set (default: --runs).
      --no-peers            Do not run R and pandas (no agreement check with them, no ratios).
      --ddo-sizes LIST      ДДО data sets, sheets, comma-separated (default 100000,1000000,5000000).
      --onet-rows N         O*NET Interest Profiler data set, sheets (default 200000; 0: none).
      --peers-max-rows N    Run the peers only on data sets of at most N sheets (default 1000000).
      --markdown PATH       Also write the results as Markdown to PATH.
      --seed N              Base seed of the data sets (default 20250901).
      --peers-dir DIR       Where psych.R and pandas_score.py are (default Benchmarks/peers).
      --rscript PATH        Rscript (default Rscript from PATH).
      --python PATH         Python with pandas (default python3 from PATH).
      --year YEAR           School year passed to report (default 2025/26).
      --quiet-wait S        Before each timed run, wait up to S seconds for a second in which
                            other processes use less than 0.25 cores (default 0: do not wait).
      --keep-outputs        Keep the output of each command's last run in DIR/out (by default
                            each output is deleted right after its run).
      --generate-only       Only generate (or reuse) the data sets.
      -h, --help            Show this help.

    Exit status: 0 done, 1 an error (a tool missing or failing), 2 the tools disagree
    (then nothing is timed).
    """

    static func parse(_ arguments: [String]) throws -> Options {
        var options = Options()
        var rest = arguments[...]
        func value(_ flag: String) throws -> String {
            guard let next = rest.popFirst() else { throw BenchmarkError("\(flag) needs a value") }
            return next
        }
        func number(_ flag: String, minimum: Int = 1) throws -> Int {
            let text = try value(flag)
            guard let n = Int(text.replacingOccurrences(of: "_", with: "")), n >= minimum else {
                throw BenchmarkError("\(flag): «\(text)» is not a whole number ≥ \(minimum)")
            }
            return n
        }
        while let flag = rest.popFirst() {
            switch flag {
            case "--profscore": options.profscore = try value(flag)
            case "--data": options.data = try value(flag)
            case "--runs": options.runs = try number(flag)
            case "--peer-runs": options.peerRuns = try number(flag)
            case "--no-peers": options.peers = false
            case "--ddo-sizes":
                let text = try value(flag)
                let sizes = text.split(separator: ",").compactMap { Int($0.replacingOccurrences(of: "_", with: "")) }
                guard !sizes.isEmpty, sizes.count == text.split(separator: ",").count, sizes.allSatisfy({ $0 > 0 }) else {
                    throw BenchmarkError("--ddo-sizes: «\(text)» is not a list of whole numbers > 0")
                }
                options.ddoSizes = sizes
            case "--onet-rows": options.onetRows = try number(flag, minimum: 0)
            case "--peers-max-rows": options.peersMaxRows = try number(flag, minimum: 0)
            case "--markdown": options.markdown = try value(flag)
            case "--seed":
                let text = try value(flag)
                guard let seed = UInt64(text) else { throw BenchmarkError("--seed: «\(text)» is not a whole number") }
                options.seed = seed
            case "--peers-dir": options.peersDir = try value(flag)
            case "--rscript": options.rscript = try value(flag)
            case "--python": options.python = try value(flag)
            case "--year": options.year = try value(flag)
            case "--keep-outputs": options.keepOutputs = true
            case "--generate-only": options.generateOnly = true
            case "--quiet-wait": options.quietWait = try number(flag, minimum: 0)
            case "-h", "--help":
                print(usage)
                exit(0)
            default:
                throw BenchmarkError("unknown option «\(flag)» (see --help)")
            }
        }
        return options
    }
}
