/// The version of ProfScore, defined once: `profscore --version` prints it.
public enum ProfScoreVersion {
    /// The current version, as `major.minor.patch`.
    public static let current = "0.9.0"
}
