import Foundation

/// Finds the built `profscore` executable.
///
/// `swift build --build-tests` puts it in the build products folder, next to
/// the test bundle and its resource bundle; the search walks up from those to
/// the first folder that holds an executable `profscore`. Set `PROFSCORE_BIN`
/// to the executable's path to test another build.
enum ProfscoreBinary {
    static let environmentVariable = "PROFSCORE_BIN"

    /// The executable, located once per test run.
    static func url() throws -> URL {
        try located.get()
    }

    struct NotFound: Error, CustomStringConvertible {
        var description: String
    }

    private static let located: Result<URL, NotFound> = locate()

    private static func locate() -> Result<URL, NotFound> {
        if let override = ProcessInfo.processInfo.environment[environmentVariable], !override.isEmpty {
            guard isExecutableFile(override) else {
                return .failure(NotFound(description: "\(environmentVariable)=\(override) is not an executable file"))
            }
            return .success(URL(fileURLWithPath: override))
        }
        var starts: [URL] = [Bundle.module.bundleURL, Bundle.main.bundleURL]
        starts += Bundle.allBundles.map(\.bundleURL).filter { $0.pathExtension == "xctest" }
        if let first = CommandLine.arguments.first {
            starts.append(URL(fileURLWithPath: first))
        }
        var searched: [String] = []
        for start in starts {
            var folder = start.standardizedFileURL
            // The products folder is at most a few levels above any of these.
            for _ in 0..<6 {
                let candidate = folder.appendingPathComponent("profscore")
                if isExecutableFile(candidate.path) { return .success(candidate) }
                searched.append(folder.path)
                let parent = folder.deletingLastPathComponent()
                if parent.path == folder.path { break }
                folder = parent
            }
        }
        return .failure(NotFound(description: """
            the profscore executable was not found; build it with 'swift build --build-tests' \
            or set \(environmentVariable) to its path. Searched: \(Set(searched).sorted().joined(separator: ", "))
            """))
    }

    private static func isExecutableFile(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            && !isDirectory.boolValue
            && FileManager.default.isExecutableFile(atPath: path)
    }
}
