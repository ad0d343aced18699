import ArgumentParser
import CSPRClassify
import CSPRExtract
import CSPRIngest
import CSPRModel
import CSPRReport
import CSPRStore
import Foundation

extension CSPRCommand {
  /// `cspr add`: ingest, extract and classify reviews into the corpus store.
  struct Add: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Add reviews to the corpus store, skipping files that have not changed.",
      discussion: """
        Each review is written in one transaction, so an interrupted run (Ctrl-C, a crash) \
        leaves the store consistent and the next `cspr add` carries on where it stopped. A \
        file whose content is unchanged is skipped; a changed file replaces its old rows.

        Examples:
          cspr add corpus-samples                     into ./cspr.sqlite
          cspr add reviews/2024 --db research.sqlite
          cspr add reviews/ --prune                   also drop reviews whose files are gone
        """)

    @OptionGroup var input: InputOptions
    @OptionGroup var store: DatabaseOptions
    @OptionGroup var taxonomyOptions: TaxonomyOptions

    @Flag(help: "Remove stored reviews whose files no longer exist.")
    var prune = false

    func run() async throws {
      let database = try store.open()
      let classifier = try taxonomyOptions.classifier()
      let diagnostics = Diagnostics()
      let inputs = try input.collect(diagnostics: diagnostics, excluding: [])
      let extractor = Extractor()
      var added = 0
      let stored = try Dictionary(
        uniqueKeysWithValues: inputs.map { ($0.name, try database.storedID(source: $0.name)) })
      do {
        try await Pipeline.run(
          inputs, jobs: input.jobs, ingestor: input.ingestor, diagnostics: diagnostics,
          skip: { source, bytes in stored[source].flatMap { $0 } == Ingestor.id(of: bytes) },
          transform: { document in (classifier.classify(document, extractor: extractor), document) }
        ) { _, result in
          try database.replace(result.0, document: result.1)
          added += 1
        }
      } catch let stopped as Interruption.Stopped {
        throw Interruption.Stopped(
          message: stopped.message + "; \(added) review(s) were stored, each complete; "
            + "run cspr add again to carry on")
      }
      var pruned: [String] = []
      if prune {
        pruned = try database.prune { FileManager.default.fileExists(atPath: $0) }
      }
      let counts = try database.counts()
      Diagnostics.standardError(
        "cspr: added or updated \(added), unchanged \(inputs.count - added - diagnostics.failureCount)"
          + (prune ? ", pruned \(pruned.count)" : "")
          + "; the store holds \(Pages.counted(counts.reviews, "review")) and "
          + "\(Pages.counted(counts.items, "item")) (\(store.db))\n")
      try finish(diagnostics)
    }
  }

  /// `cspr reclassify`: re-tag every stored item without re-reading files.
  struct Reclassify: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Re-tag every stored item with the current taxonomy or model.",
      discussion: """
        Example:
          cspr reclassify --taxonomy local-themes.yaml --db research.sqlite
        """)

    @OptionGroup var store: DatabaseOptions
    @OptionGroup var taxonomyOptions: TaxonomyOptions

    func run() throws {
      let database = try store.open()
      let classifier = try taxonomyOptions.classifier()
      let changed = try database.retag { text, title, section in
        classifier.tags(Classifier.itemText(title: title, text: text), section: section)
      }
      let counts = try database.counts()
      Diagnostics.standardError(
        "cspr: re-tagged \(Pages.counted(counts.items, "item")) in "
          + "\(Pages.counted(counts.reviews, "review")); \(changed) changed\n")
    }
  }
}
