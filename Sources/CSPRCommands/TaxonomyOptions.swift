import ArgumentParser
import CSPRClassify

/// The options every command that classifies shares.
struct TaxonomyOptions: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "A taxonomy YAML file that adds to or overrides the default themes.", valueName: "file"))
  var taxonomy: String?

  @Option(
    help: ArgumentHelp("A YAML list of extra language-check terms.", valueName: "file"))
  var language: String?

  @Option(
    help: ArgumentHelp("A model from `cspr train` to combine with the lexicon.", valueName: "file"))
  var model: String?

  /// The classifier these options describe; a bad file is a usage error naming its line.
  func classifier() throws -> Classifier {
    do {
      let trained = try model.map(TrainedModel.read)
      return try Classifier.load(taxonomy: taxonomy, language: language, model: trained)
    } catch let error as TaxonomyError {
      throw ValidationError(error.errorDescription ?? "invalid taxonomy")
    }
  }
}
