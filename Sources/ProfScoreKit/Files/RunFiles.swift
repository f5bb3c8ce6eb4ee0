import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The files one command reads and writes, checked against each other
/// before any work, by device and inode rather than by spelling: no output
/// may be an input (standard input included) or another output, a file
/// that is counted (a sheet, a summary) may not be given twice, the key
/// file may be nothing else, and pages go only into a new or empty folder.
///
/// Every command declares its files here; this is the one place these
/// rules live.
public struct RunFiles {
    /// What a file is to the command, as the user named it.
    public struct Role: Sendable, Equatable {
        /// How the file is named in messages.
        var name: Message
        /// Whether what it holds is counted, so that giving it twice would count it twice.
        var isCounted = false
        /// Whether it may not also be any other input (the pseudonymisation key).
        var isExclusive = false

        public static let sheet = Role(name: Message(en: "answer sheet", ru: "бланк ответов"), isCounted: true)
        public static let summary = Role(name: Message(en: "summary", ru: "сводка"), isCounted: true)
        public static let instrument = Role(name: Message(en: "--instrument", ru: "--instrument"))
        public static let roster = Role(name: Message(en: "--roster", ru: "--roster"))
        public static let targets = Role(name: Message(en: "--targets", ru: "--targets"))
        public static let key = Role(name: Message(en: "--pseudonymize", ru: "--pseudonymize"), isExclusive: true)
        public static let output = Role(name: Message(en: "--output", ru: "--output"))
        public static let diagnostics = Role(name: Message(en: "--diagnostics", ru: "--diagnostics"))
        public static let pages = Role(name: Message(en: "--individual", ru: "--individual"))
    }

    private struct Entry {
        var identity: FileIdentity?
        /// For an output that does not exist yet: its folder's identity and its name.
        var newFile: NewFile?
        var role: Role
        var path: String
    }

    private struct NewFile: Hashable {
        var folder: FileIdentity
        var name: String
    }

    private var inputs: [Entry] = []
    private var outputs: [Entry] = []

    public init() {}

    /// Declares a file the command reads (`-`: standard input).
    /// A file that does not exist is let through: opening it reports that.
    /// - Throws: ``ProfScoreError/conflictingFiles(_:)`` when a counted file
    ///   is given twice, or the key file is also another input.
    public mutating func addInput(_ path: String, _ role: Role) throws(ProfScoreError) {
        let identity = path == "-" ? FileIdentity(descriptor: STDIN_FILENO) : Self.regularFile(path)
        let entry = Entry(identity: identity, role: role, path: path)
        if let identity, let earlier = inputs.first(where: { $0.identity == identity }),
           (role.isCounted && earlier.role == role) || role.isExclusive || earlier.role.isExclusive {
            throw Self.clash(entry, earlier, en: role.isCounted && earlier.role == role
                ? "it would be counted twice — give it once"
                : "the key file must not be any other file — choose other files",
                ru: role.isCounted && earlier.role == role
                ? "он был бы подсчитан дважды — укажите его один раз"
                : "файл ключа не может быть никаким другим файлом — выберите другие файлы")
        }
        inputs.append(entry)
    }

    /// Declares several inputs of one role.
    public mutating func addInputs(_ paths: [String], _ role: Role) throws(ProfScoreError) {
        for path in paths { try addInput(path, role) }
    }

    /// Declares a file the command writes; `nil` and `-` (standard output) are let through.
    /// - Throws: ``ProfScoreError/conflictingFiles(_:)`` when it is an input or another output.
    public mutating func addOutput(_ path: String?, _ role: Role) throws(ProfScoreError) {
        guard let path, path != "-" else { return }
        let target = Self.namesDescriptor(path) ? path : Self.resolvingLinks(path)
        var entry = Entry(identity: Self.regularFile(target), role: role, path: path)
        if entry.identity == nil, FileIdentity(path: target) == nil, let folder = FileIdentity(path: Self.folder(of: target)) {
            entry.newFile = NewFile(folder: folder, name: Self.lastComponent(of: target))
        }
        if let identity = entry.identity, let input = inputs.first(where: { $0.identity == identity }) {
            throw Self.clash(entry, input, en: "it would be overwritten — choose another file",
                             ru: "он был бы перезаписан — выберите другой файл")
        }
        if let earlier = outputs.first(where: { (entry.identity != nil && $0.identity == entry.identity) || (entry.newFile != nil && $0.newFile == entry.newFile) }) {
            throw Self.clash(entry, earlier, en: "choose another file", ru: "выберите другой файл")
        }
        outputs.append(entry)
    }

    /// Declares a folder the command writes new files into (individual
    /// pages): it is created if missing, and must be empty if it exists.
    /// - Throws: ``ProfScoreError/conflictingFiles(_:)`` when it holds files
    ///   or is not a folder; ``ProfScoreError/io(path:reason:)`` when it cannot be created.
    public mutating func addOutputFolder(_ path: String, _ role: Role) throws(ProfScoreError) {
        var info = stat()
        if stat(path, &info) == 0 {
            guard (info.st_mode & S_IFMT) == S_IFDIR else {
                throw .conflictingFiles(Message(
                    en: "\(role.name.english) \(path) is a file, not a folder; name a new or empty folder",
                    ru: "\(role.name.russian) \(path) — файл, а не папка; укажите новую или пустую папку"))
            }
            guard Self.isEmptyFolder(path) else {
                throw .conflictingFiles(Message(
                    en: "\(role.name.english) \(path) already holds files; pages are written only into a new or empty folder, so that nothing in it is overwritten — name another folder or empty this one",
                    ru: "\(role.name.russian) \(path) уже содержит файлы; страницы записываются только в новую или пустую папку, чтобы ничего в ней не затереть — укажите другую папку или очистите эту"))
            }
            return
        }
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw .io(path: path, reason: error.localizedDescription)
        }
    }

    // MARK: - Paths

    /// The identity of a regular file at `path` (links followed), or `nil`.
    private static func regularFile(_ path: String) -> FileIdentity? {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        return FileIdentity(info)
    }

    /// Whether a path names an open descriptor of the process (`/dev/stdout`,
    /// `/dev/fd/N`, `/proc/self/fd/N`, or a link to one), which the kernel
    /// resolves to whatever the descriptor is: it is written into, not replaced.
    static func namesDescriptor(_ path: String) -> Bool {
        var current = path
        for _ in 0..<40 {
            if current.hasPrefix("/dev/fd/") || current.hasPrefix("/proc/") || ["/dev/stdout", "/dev/stderr"].contains(current) { return true }
            guard let next = linkTarget(current) else { return false }
            current = next
        }
        return false
    }

    /// Where a symbolic link points (relative targets made relative to its folder), or `nil`.
    private static func linkTarget(_ path: String) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let n = readlink(path, &buffer, buffer.count - 1)
        guard n > 0 else { return nil }
        let target = String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return target.hasPrefix("/") ? target : folder(of: path) + "/" + target
    }

    /// The path a chain of symbolic links ends at (the path itself when it
    /// is not a link), whether or not that file exists yet.
    static func resolvingLinks(_ path: String) -> String {
        var current = path
        for _ in 0..<40 {
            guard let next = linkTarget(current) else { return current }
            current = next
        }
        return current
    }

    /// The folder part of a path (`.` for a bare name).
    static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// The last part of a path.
    static func lastComponent(of path: String) -> String {
        path.lastIndex(of: "/").map { String(path[path.index(after: $0)...]) } ?? path
    }

    private static func isEmptyFolder(_ path: String) -> Bool {
        guard let directory = opendir(path) else { return false }
        defer { closedir(directory) }
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
            if name != "." && name != ".." { return false }
        }
        return true
    }

    private static func clash(_ entry: Entry, _ other: Entry, en: String, ru: String) -> ProfScoreError {
        func named(_ e: Entry, _ language: Language) -> String {
            if e.path == "-" { return language == .russian ? "стандартный ввод" : "standard input" }
            return "\(e.role.name.text(in: language)) \(e.path)"
        }
        return .conflictingFiles(Message(
            en: "\(named(entry, .english)) is the same file as \(named(other, .english)); \(en)",
            ru: "\(named(entry, .russian)) — тот же файл, что и \(named(other, .russian)); \(ru)"))
    }
}
