import ArgumentParser
import CSPRClassify

/// `--taxonomy` alone, for commands that read the themes but classify nothing (`themes`,
/// `train`, `evaluate agreement`).
struct TaxonomyFileOption: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "A taxonomy YAML file that adds to or overrides the default themes.", valueName: "file"))
  var taxonomy: String?

  /// The default taxonomy with the overlay applied; a bad file is a usage error naming its line.
  func load() throws -> Taxonomy {
    try usageError { try TaxonomyLoader.load(overlay: taxonomy) }
  }
}

/// The options every command that classifies shares.
struct TaxonomyOptions: ParsableArguments {
  @OptionGroup var file: TaxonomyFileOption

  @Option(
    help: ArgumentHelp("A YAML list of extra language-check terms.", valueName: "file"))
  var language: String?

  @Option(
    help: ArgumentHelp("A model from `cspr train` to combine with the lexicon.", valueName: "file"))
  var model: String?

  @Option(
    name: .customLong("min-confidence"),
    help: ArgumentHelp(
      "Assign only tags at least this sure, from 0 to 1: the taxonomy's calibration gives how often coders coded a tag at each score (0.8 keeps the surer tags).",
      valueName: "p"))
  var minConfidence: Double?

  func validate() throws {
    guard let minConfidence else { return }
    guard (0...1).contains(minConfidence) else {
      throw ValidationError("--min-confidence must be a number from 0 to 1")
    }
    guard model == nil else {
      throw ValidationError(
        "--min-confidence and --model cannot be used together: the calibration describes the lexicon's scores, not the model's"
      )
    }
  }

  /// The classifier these options describe; a bad file is a usage error naming its line.
  func classifier() throws -> Classifier {
    var classifier = try usageError {
      let trained = try model.map(TrainedModel.read)
      return try Classifier.load(taxonomy: file.taxonomy, language: language, model: trained)
    }
    if let minConfidence {
      guard !classifier.taxonomy.calibration.isEmpty else {
        throw ValidationError(
          "--min-confidence needs a calibration, and the taxonomy in force has none (`calibration:` in the taxonomy file)"
        )
      }
      classifier.minimumConfidence = minConfidence
    }
    return classifier
  }
}

/// Runs `body`, turning a taxonomy or model error into a usage error with its message.
private func usageError<T>(_ body: () throws -> T) throws -> T {
  do {
    return try body()
  } catch let error as TaxonomyError {
    throw ValidationError(error.errorDescription ?? "invalid taxonomy")
  }
}
