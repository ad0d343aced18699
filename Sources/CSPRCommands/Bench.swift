import ArgumentParser
import CSPRClassify
import CSPRExtract
import CSPRIngest
import CSPRModel
import CSPRReport
import CSPRStore
import Foundation

extension CSPRCommand {
  /// `cspr bench`: in-process timings of each stage, for `scripts/bench` (hidden from --help).
  struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract:
        "Time each stage of the pipeline in-process on a folder of reviews (for scripts/bench).",
      shouldDisplay: false)

    @Argument(help: "A folder of reviews (see scripts/make-bench-corpus).")
    var folder: String

    @Option(help: "Repeat the classification timing with the taxonomy copied this many times.")
    var themeMultiplier: Int = 10

    func run() async throws {
      let (inputs, _) = InputCollector().collect([folder])
      let ingestor = Ingestor()
      var files: [(String, [UInt8])] = []
      for case .file(let path) in inputs {
        files.append((path, try ingestor.readBytes(path: path)))
      }
      let bytes = files.reduce(0) { $0 + $1.1.count }
      var results: [String: Double] = [:]
      func time(_ name: String, _ body: () throws -> Void) rethrows {
        let start = ContinuousClock.now
        try body()
        let elapsed = ContinuousClock.now - start
        results[name] =
          Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
      }
      time("libxml2_parse") { for (_, data) in files { _ = HTMLReader.parseOnly(data) } }
      var documents: [ReviewDocument] = []
      try time("read_parse_structure") {
        documents = try files.map { try ingestor.read(bytes: $0.1, source: $0.0) }
      }
      var reviews: [ExtractedReview] = []
      time("extract") { reviews = documents.map { Extractor().extract($0) } }
      let classifier = try Classifier.load()
      var classified: [ExtractedReview] = []
      time("classify") {
        classified = zip(reviews, documents).map { classifier.classify($0, document: $1) }
      }
      let items = reviews.flatMap(\.items)
      let texts = items.map { Classifier.itemText(title: $0.title, text: $0.text) }
      time("classify_items_36") { for text in texts { _ = classifier.tags(text) } }
      var large = classifier.taxonomy
      for copy in 1..<max(1, themeMultiplier) {
        large.themes += classifier.taxonomy.themes.map { theme in
          var clone = theme
          clone.id = "\(theme.id)-\(copy)"
          return clone
        }
      }
      let bigClassifier = Classifier(taxonomy: large, language: classifier.language)
      time("classify_items_\(large.themes.count)_copies") {
        for text in texts { _ = bigClassifier.tags(text) }
      }
      // The realistic case: the extra themes have vocabularies of their own, which the text
      // rarely contains, rather than copies of the 36 themes' phrases (where every match counts
      // ten times over).
      var distinct = classifier.taxonomy
      for copy in 1..<max(1, themeMultiplier) {
        distinct.themes += classifier.taxonomy.themes.map { theme in
          var clone = theme
          clone.id = "\(theme.id)-\(copy)"
          clone.phrases = theme.phrases.map {
            Taxonomy.Phrase(text: $0.text + " variant\(copy)", weight: $0.weight)
          }
          clone.exclude = []
          return clone
        }
      }
      let distinctClassifier = Classifier(taxonomy: distinct, language: classifier.language)
      time("classify_items_\(distinct.themes.count)_distinct") {
        for text in texts { _ = distinctClassifier.tags(text) }
      }
      let output = FileManager.default.temporaryDirectory.appendingPathComponent(
        "cspr-bench-\(UUID().uuidString)")
      defer { try? FileManager.default.removeItem(at: output) }
      let templates = try await ReportTemplates.load()
      try time("aggregate_render") {
        let builder = AnalysisBuilder(taxonomy: classifier.taxonomy, spill: try ItemSpill())
        defer { builder.spill.close() }
        for review in classified { try builder.add(review) }
        let report = CorpusReport(
          analysis: try builder.finish(), items: builder.spill, templates: templates)
        let folder = try OutputFolder(path: output.path, force: true)
        for format in ReportFormat.allCases { try format.reporter.write(report, to: folder) }
      }
      try time("store") {
        let store = try CorpusDatabase(path: output.appendingPathComponent("bench.sqlite").path)
        for (review, document) in zip(classified, documents) {
          try store.replace(review, document: document)
        }
      }
      var report: [String: Any] = [
        "files": files.count, "bytes": bytes, "items": items.count,
        "themes_small": classifier.taxonomy.themes.count, "themes_large": large.themes.count,
      ]
      for (name, seconds) in results { report[name] = seconds }
      let data = try JSONSerialization.data(
        withJSONObject: report, options: [.sortedKeys, .prettyPrinted])
      print(String(decoding: data, as: UTF8.self))
    }
  }
}
