import CSPRClassify
import CSPRExtract
import CSPRIngest
import CSPRModel
import CSPRReport

/// Reads, extracts and classifies a corpus into an ``AnalysisBuilder``: the work `analyse` and
/// `pack` share.
enum CorpusRun {
  static func build(
    input: InputOptions, classifier: Classifier, diagnostics: Diagnostics, excluding: [String]
  ) async throws -> AnalysisBuilder {
    let inputs = try input.collect(diagnostics: diagnostics, excluding: excluding)
    let builder = AnalysisBuilder(taxonomy: classifier.taxonomy, spill: try ItemSpill())
    let extractor = Extractor()
    try await Pipeline.run(
      inputs, jobs: input.jobs, ingestor: input.ingestor, diagnostics: diagnostics,
      transform: { classifier.classify(extractor.extract($0), document: $0) }
    ) { _, review in
      try builder.add(review)
    }
    return builder
  }
}
