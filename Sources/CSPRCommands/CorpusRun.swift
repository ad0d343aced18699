import CSPRClassify
import CSPRExtract
import CSPRIngest
import CSPRModel
import CSPRReport
import CSPRStore

/// Reads, extracts and classifies a corpus into an ``AnalysisBuilder``: the work `analyse` and
/// `pack` share.
enum CorpusRun {
  static func build(
    input: InputOptions, classifier: Classifier, diagnostics: Diagnostics, excluding: [String],
    database: String? = nil
  ) async throws -> AnalysisBuilder {
    let builder = AnalysisBuilder(taxonomy: classifier.taxonomy, spill: try ItemSpill())
    if let database {
      // Stored reviews were classified when added (or reclassified since): they are used as
      // stored, with the taxonomy given here for labels and questions.
      try DatabaseOptions(db: database).open().forEachReview { try builder.add($0) }
      return builder
    }
    let inputs = try input.collect(diagnostics: diagnostics, excluding: excluding)
    let extractor = Extractor()
    try await Pipeline.run(
      inputs, jobs: input.jobs, ingestor: input.ingestor, diagnostics: diagnostics,
      transform: { classifier.classify($0, extractor: extractor) }
    ) { _, review in
      try builder.add(review)
    }
    return builder
  }
}
