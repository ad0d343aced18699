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

  /// The classifier these options describe; a bad file is a usage error naming its line.
  func classifier() throws -> Classifier {
    try usageError {
      let trained = try model.map(TrainedModel.read)
      return try Classifier.load(taxonomy: file.taxonomy, language: language, model: trained)
    }
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
